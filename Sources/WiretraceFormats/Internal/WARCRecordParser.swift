#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Wiretrace

/// Cuts the byte stream of a WARC file into records (ISO 28500: a `WARC/1.x` line, header
/// lines, a blank line, `Content-Length` bytes of block, two line ends).
///
/// Only the block of a capture is held, and only up to the block limit; every other block
/// is passed over as it streams by. A damaged record is returned as damage and the parser
/// then looks for the next `WARC/1.` at the start of a line (after a damaged gzip member,
/// the source has already moved to the next member), so one bad record costs only itself.
final class WARCRecordParser {
    private let path: String
    private let source: any WARCByteSource
    private let blockLimit: Int
    /// The unread stream is `buffer[start...]`; `buffer[0]` is at stream offset `bufferOffset`.
    private var buffer: [UInt8] = []
    private var start = 0
    private var bufferOffset = 0
    private var ended = false
    private var pendingGap: (reason: WARCDamage.Reason, fileOffset: Int)?
    private var number = 0
    /// Where to look for the next record after damage: nil when the stream is at a record.
    private var resyncFrom: Int?

    private static let headerLineLimit = 64 << 10
    private static let headerLimit = 1 << 20
    private static let memberProbeLimit = 256 << 10

    init(path: String, source: any WARCByteSource, blockLimit: Int) {
        self.path = path
        self.source = source
        self.blockLimit = blockLimit
    }

    private var available: Int { buffer.count - start }

    /// Makes `count` bytes available; false when the stream ended or reached damage first.
    private func fill(_ count: Int) -> Bool {
        while available < count {
            if ended || pendingGap != nil { return false }
            if start == buffer.count || start > 1 << 20 {
                buffer.removeFirst(start)
                bufferOffset += start
                start = 0
            }
            switch source.fill(&buffer) {
            case .bytes: continue
            case .end: ended = true
            case .gap(let reason, let fileOffset): pendingGap = (reason, fileOffset)
            }
        }
        return true
    }

    /// Drops what is left before damaged compressed data, and returns the damage.
    private func takeGap() -> (reason: WARCDamage.Reason, fileOffset: Int)? {
        guard let gap = pendingGap else { return nil }
        bufferOffset += buffer.count
        buffer.removeAll(keepingCapacity: true)
        start = 0
        pendingGap = nil
        return gap
    }

    /// Whether the stream starts with `WARC/1.` (read without being consumed).
    func startsWithRecord() -> Bool {
        _ = fill(7)
        return WARCArchive.startsRecord(buffer[start...])
    }

    enum Entry {
        case record(WARCRecord)
        case damaged(WARCDamage)
    }

    func next() -> Entry? {
        while true {
            if let from = resyncFrom {
                resync(from: from)
                resyncFrom = nil
            }
            // Blank lines between records are tolerated.
            while fill(1), buffer[start] == 0x0D || buffer[start] == 0x0A { start += 1 }
            guard available > 0 else {
                guard let gap = takeGap() else { return nil }
                // Damage between records: the next bytes start wherever the source found a member.
                number += 1
                resyncFrom = 0
                return .damaged(WARCDamage(path: path, number: number, location: WARCLocation(fileOffset: gap.fileOffset), reason: gap.reason))
            }
            let recordStart = bufferOffset + start
            source.forget(before: recordStart)
            number += 1
            let location = source.location(of: recordStart)
            switch parseRecord(location: location) {
            case .success(let record):
                return .record(record)
            case .failure(var failure):
                // Damaged compressed data often inflates to garbage before zlib finds the
                // damage (at the check sum): read the rest of the record's member, and
                // blame the member when it is damaged.
                if !failure.atGap {
                    var extra = 0
                    while extra < Self.memberProbeLimit, pendingGap == nil, source.memberIsOpen(at: recordStart) {
                        let before = buffer.count
                        guard fill(available + 1) else { break }
                        extra += buffer.count - before
                    }
                    if let gap = pendingGap, gap.fileOffset == location.fileOffset { failure = Failure(reason: gap.reason, atGap: true) }
                }
                if failure.atGap {
                    _ = takeGap()
                    resyncFrom = 0
                    return .damaged(WARCDamage(path: path, number: number, location: location, reason: failure.reason))
                }
                resyncFrom = failure.resumeHere ? 0 : 1
                return .damaged(WARCDamage(path: path, number: number, location: location, reason: failure.reason))
            }
        }
    }

    private struct Failure: Error {
        var reason: WARCDamage.Reason
        /// Whether the next record may start right where the reading stopped (the bytes
        /// there were not read as part of this record).
        var resumeHere = true
        /// Whether the reading stopped at damaged compressed data.
        var atGap = false
    }

    /// The length of the line at `start` with its line end, or nil when none ends within `limit`.
    private func lineLength(limit: Int) -> Int? {
        var searched = 0
        while true {
            let found = buffer.withUnsafeBufferPointer { raw -> Int? in
                guard let base = raw.baseAddress, available > searched else { return nil }
                let hit = memchr(base + start + searched, 0x0A, available - searched)
                return hit.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - (base + start) }
            }
            if let found { return found < limit ? found + 1 : nil }
            searched = available
            if searched >= limit || !fill(available + 1) { return nil }
        }
    }

    private func text(_ range: Range<Int>) -> String {
        var end = range.upperBound
        while end > range.lowerBound && (buffer[end - 1] == 0x0A || buffer[end - 1] == 0x0D) { end -= 1 }
        return String(decoding: buffer[range.lowerBound..<end], as: UTF8.self)
    }

    /// The failure of a read that ran out of bytes: the damaged compressed data it reached,
    /// else `otherwise` (the file ended).
    private func endOfFileOrGap(_ otherwise: WARCDamage.Reason) -> Failure {
        guard let gap = pendingGap else { return Failure(reason: otherwise) }
        return Failure(reason: gap.reason, atGap: true)
    }

    private func parseRecord(location: WARCLocation) -> Result<WARCRecord, Failure> {
        // The version line.
        guard let versionLength = lineLength(limit: 64) else {
            if available >= 64 { return .failure(Failure(reason: .noVersionLine, resumeHere: false)) }
            return .failure(endOfFileOrGap(.badHeader("the file ends inside the record header")))
        }
        let versionLine = text(start..<start + versionLength)
        guard versionLine.hasPrefix("WARC/1.") else { return .failure(Failure(reason: .noVersionLine, resumeHere: false)) }
        start += versionLength

        // Header lines, up to the blank line.
        var fields: [(name: String, value: String)] = []
        var headerBytes = versionLength
        while true {
            guard let length = lineLength(limit: Self.headerLineLimit) else {
                if available >= Self.headerLineLimit { return .failure(Failure(reason: .badHeader("a header line is over 64 KB"))) }
                return .failure(endOfFileOrGap(.badHeader("the file ends inside the record header")))
            }
            headerBytes += length
            if headerBytes > Self.headerLimit { return .failure(Failure(reason: .badHeader("the header is over 1 MB"))) }
            let line = text(start..<start + length)
            if line.isEmpty {
                start += length
                break
            }
            if line.first == " " || line.first == "\t", !fields.isEmpty {
                fields[fields.count - 1].value += " " + line.trimmed
            } else if let colon = line.firstIndex(of: ":"), colon != line.startIndex {
                fields.append((String(line[..<colon]).trimmed, String(line[line.index(after: colon)...]).trimmed))
            } else {
                // Left unread: it may be the next record's first line, after a cut header.
                return .failure(Failure(reason: .badHeader("\"\(line.prefix(60))\" is not a Name: value line")))
            }
            start += length
        }
        func field(_ name: String) -> String? {
            let lower = name.lowercased()
            return fields.first { $0.name.lowercased() == lower }?.value
        }

        guard let lengthText = field("Content-Length") else { return .failure(Failure(reason: .badContentLength(nil))) }
        guard !lengthText.isEmpty, lengthText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let length = Int(lengthText) else {
            return .failure(Failure(reason: .badContentLength(lengthText)))
        }
        let typeText = field("WARC-Type") ?? ""
        let type = WARCRecordType(rawValue: typeText.lowercased()) ?? .unknown
        var record = WARCRecord(
            number: number, location: location, type: type, typeText: typeText,
            version: String(versionLine.dropFirst(5)), recordID: field("WARC-Record-ID"),
            targetURI: field("WARC-Target-URI").map(Self.unbracketed), date: field("WARC-Date").flatMap(WARCDate.parse),
            dateText: field("WARC-Date"), contentType: field("Content-Type"),
            refersToTargetURI: field("WARC-Refers-To-Target-URI").map(Self.unbracketed), refersToDate: field("WARC-Refers-To-Date"))

        // The block: held for a capture within the limit, passed over otherwise.
        let ending: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
        if type.isCapture && length <= blockLimit {
            guard fill(length + 4) else {
                if pendingGap == nil && available >= length {
                    return .failure(Failure(reason: .wrongLength(length)))
                }
                return .failure(endOfFileOrGap(.truncated(expected: length, found: min(available, length))))
            }
            // Left unread when wrong: the real next record may start inside the claimed block.
            guard buffer[(start + length)..<(start + length + 4)].elementsEqual(ending) else {
                return .failure(Failure(reason: .wrongLength(length)))
            }
            let block = Array(buffer[start..<start + length])
            start += length + 4
            do throws(WARCDamage.Reason) {
                try WARCPayload.fill(&record, block: block, blockLimit: blockLimit)
            } catch {
                return .failure(Failure(reason: error, resumeHere: true))
            }
        } else {
            var remaining = length
            while remaining > 0 {
                if available == 0 && !fill(1) {
                    return .failure(endOfFileOrGap(.truncated(expected: length, found: length - remaining)))
                }
                let step = min(available, remaining)
                start += step
                remaining -= step
            }
            guard fill(4), buffer[start..<start + 4].elementsEqual(ending) else {
                return .failure(Failure(reason: .wrongLength(length)))
            }
            start += 4
            if type.isCapture { record.oversizedBlock = length }
        }
        return .success(record)
    }

    /// WARC/1.0 wrote `WARC-Target-URI: <http://...>` in some writers; 1.1 has no brackets.
    private static func unbracketed(_ uri: String) -> String {
        uri.hasPrefix("<") && uri.hasSuffix(">") ? String(uri.dropFirst().dropLast()) : uri
    }

    /// Moves to the next `WARC/1.` at the start of a line, `from` (0 or 1) bytes on. At the
    /// end of the stream, or at damaged compressed data (left pending for ``next()``), what
    /// was searched is dropped.
    private func resync(from: Int) {
        let pattern = Array("WARC/1.".utf8)
        let origin = bufferOffset + start
        var index = start + from
        while true {
            while index + pattern.count <= buffer.count {
                if buffer[index] == pattern[0],
                   (from == 0 && bufferOffset + index == origin) || (index > start && buffer[index - 1] == 0x0A),
                   buffer[index..<index + pattern.count].elementsEqual(pattern) {
                    start = index
                    return
                }
                index += 1
            }
            // Keep the byte before the next candidate: it tells whether a line starts there.
            if index - 1 > start { start = index - 1 }
            let ahead = index - start
            guard fill(available + 1) else {
                start = buffer.count
                return
            }
            index = start + ahead
        }
    }
}

/// `WARC-Date`: ISO 8601 in UTC, `2023-12-08T09:29:00Z`, with an optional fraction of a
/// second in WARC/1.1.
enum WARCDate {
    static func parse(_ text: String) -> Timestamp? {
        let bytes = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[from..<from + count] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), bytes.count >= 10, bytes[4] == 0x2D, let month = number(5, 2), bytes[7] == 0x2D,
              let day = number(8, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        guard bytes.count > 10 else { return Timestamp(year: year, month: month, day: day) }
        guard bytes[10] == UInt8(ascii: "T"), let hour = number(11, 2), bytes.count > 13, bytes[13] == 0x3A,
              let minute = number(14, 2)
        else { return nil }
        var second = 0
        if bytes.count > 16 && bytes[16] == 0x3A {
            guard let value = number(17, 2) else { return nil }
            second = value
        }
        guard bytes.last == UInt8(ascii: "Z"), hour < 24, minute < 60, second < 61 else { return nil }
        return Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }
}
