import CBenchXXHash
import Foundation
import Wiretrace
import WiretraceFormats

/// Normalize + fingerprint throughput on one core, against the floor: a plain byte pass
/// that only splits the file into paragraphs (at blank lines) and hashes each with XXH3.
///
/// Stages, each timed over the whole corpus in memory (no I/O):
/// - `plain`: the floor;
/// - `hashesOnly` and `spanHashesOnly`: lower bounds on any fingerprint's time, the XXH3
///   hashes alone (see ``HashFloor``);
/// - `read`: `ArticleReader.read` (bytes to `Article`: decoding, layout, classification);
/// - `fingerprint`: `Fingerprint(of:)` on articles already read (normalize, paragraph hashes,
///   shingles, winnowing);
/// - `readAndFingerprint`: both, from bytes, what a scan pays per file.
/// Rates are per CPU second of the bytes of the files.
enum FingerprintSection: BenchmarkSection {
    static let name = "fingerprint"
    static let summary = "normalize+fingerprint throughput vs a plain paragraph-hashing byte pass"

    static func run(_ context: BenchmarkContext) throws -> [String: Any] {
        let files = try context.files()
        let bytes = files.reduce(0) { $0 + $1.bytes.count }
        let reader = ArticleReader()
        var articles: [Article] = []
        for file in files {
            do { articles.append(try reader.read(file.bytes, name: file.path).article) } catch {
                throw BenchmarkError(description: "\(error)")
            }
        }
        var stages: [String: [String: Any]] = [:]
        var cpu: [String: Double] = [:]
        func stage(_ name: String, _ body: () -> UInt64) {
            guard context.runs(name) else { return }
            let result = Clock.measure(repetitions: context.repetitions, body)
            stages[name] = throughput(result.samples, bytes: bytes, articles: files.count, checksum: result.checksum)
            cpu[name] = median(result.samples.map(\.cpuSeconds))
        }
        stage("plain") {
            var checksum: UInt64 = 0
            for file in files { checksum &+= plainPass(file.bytes) }
            return checksum
        }
        let floor = HashFloor(files.map(\.bytes), shingleSize: FingerprintVersion.current.shingleSize)
        stage("hashesOnly") { floor.hashesOnly() }
        stage("spanHashesOnly") { floor.spanHashesOnly() }
        stage("read") {
            var checksum: UInt64 = 0
            for file in files {
                if let article = try? reader.read(file.bytes, name: file.path).article { checksum &+= UInt64(article.paragraphs.count) }
            }
            return checksum
        }
        stage("fingerprint") {
            var checksum: UInt64 = 0
            for article in articles { checksum &+= digest(Fingerprint(of: article)) }
            return checksum
        }
        stage("readAndFingerprint") {
            var checksum: UInt64 = 0
            for file in files {
                if let article = try? reader.read(file.bytes, name: file.path).article { checksum &+= digest(Fingerprint(of: article)) }
            }
            return checksum
        }
        var figures: [String: Any] = [
            "articles": files.count,
            "bytes": bytes,
            "paragraphs": articles.reduce(0) { $0 + $1.paragraphs.count },
            "fingerprintVersion": FingerprintVersion.current.description,
            "fingerprintDigest": hex(fullDigest(articles.map { Fingerprint(of: $0) })),
            "articleDigest": hex(try articleDigest(articles)),
            "stages": stages,
        ]
        if let floor = cpu["plain"] {
            if let value = cpu["fingerprint"] { figures["fingerprintOverPlain"] = value / floor }
            if let value = cpu["hashesOnly"] { figures["hashesOnlyOverPlain"] = value / floor }
            if let value = cpu["spanHashesOnly"] { figures["spanHashesOnlyOverPlain"] = value / floor }
            if let value = cpu["readAndFingerprint"] { figures["readAndFingerprintOverPlain"] = value / floor }
        }
        return figures
    }

    /// Splits at blank lines and hashes each paragraph's bytes in place. Always inlined: out
    /// of line, the floor ran at two thirds of its speed, which flattered every ratio to it.
    @inline(__always)
    static func plainPass(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { raw -> UInt64 in
            var checksum: UInt64 = 0
            var start = 0, index = 0
            let count = raw.count
            while index < count {
                if raw[index] == 0x0A, index + 1 < count, raw[index + 1] == 0x0A {
                    if index > start { checksum &+= XXH3.hash64(UnsafeRawBufferPointer(rebasing: raw[start..<index])) }
                    index += 2
                    while index < count, raw[index] == 0x0A { index += 1 }
                    start = index
                    continue
                }
                index += 1
            }
            if count > start { checksum &+= XXH3.hash64(UnsafeRawBufferPointer(rebasing: raw[start..<count])) }
            return checksum
        }
    }

    /// What the timed loops keep of each fingerprint: cheap, but enough that the work
    /// cannot be optimized away.
    static func digest(_ print: Fingerprint) -> UInt64 {
        var value = UInt64(print.winnowed.count)
        for paragraph in print.paragraphs { value &+= paragraph.hash }
        return value
    }

    /// A hash of everything the articles that were read hold (title, times, credits,
    /// paragraphs and their roles), so that a change to the reader can be checked to read the
    /// corpus identically (`articleDigest` in the output).
    static func articleDigest(_ articles: [Article]) throws -> UInt64 {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var hasher = XXH3.Hasher()
        for article in articles { try encoder.encode(article).withUnsafeBytes { hasher.update($0) } }
        return hasher.finalize()
    }

    /// A hash of everything the fingerprints hold, so that two builds can be checked to
    /// fingerprint the corpus identically (`fingerprintDigest` in the output).
    static func fullDigest(_ prints: [Fingerprint]) -> UInt64 {
        var hasher = XXH3.Hasher()
        for print in prints { fullDigest(print, into: &hasher) }
        return hasher.finalize()
    }

    static func fullDigest(_ print: Fingerprint, into hasher: inout XXH3.Hasher) {
        func add(_ value: UInt64) { withUnsafeBytes(of: value) { hasher.update($0) } }
        add(print.titleHash ?? 1)
        for paragraph in print.paragraphs {
            add(paragraph.hash)
            add(UInt64(paragraph.wordCount))
            add(UInt64(paragraph.range.lowerBound))
            add(UInt64(paragraph.range.upperBound))
            switch paragraph.status {
            case .counted: add(1)
            case .boilerplate: add(2)
            case .credit: add(3)
            case .empty: add(4)
            case .repeatOf(let index): add(5); add(UInt64(index))
            }
            for shingle in paragraph.shingles { add(shingle) }
        }
        for hash in print.winnowed { add(hash) }
        for dateline in print.datelines {
            add(UInt64(dateline.paragraph))
            hasher.update(dateline.text)
            hasher.update(dateline.agency ?? "-")
        }
    }
}

/// How fast any fingerprint of the design's kind could be, at best: the XXH3 hashes it must
/// compute, timed alone, with the paragraphs and words found before the timer starts (no
/// splitting, normalization, winnowing, sorting, repeats or datelines).
///
/// - `hashesOnly`: this version's hashes: each paragraph, each word, and each run of
///   k word hashes (the shingles).
/// - `spanHashesOnly`: the cheapest XXH3 shingle there could be: each paragraph, and each
///   run of k words hashed once as text (the words joined by single spaces), with no hash
///   per word.
///
/// Words here are runs of bytes between ASCII white space and punctuation.
struct HashFloor {
    let shingleSize: Int
    /// Per file: its bytes, its paragraphs' ranges, and the ranges of each paragraph's words.
    private let files: [(bytes: [UInt8], paragraphs: [Range<Int>], words: [[Range<Int>]])]
    /// Per file: its words joined by single spaces, and where each word starts in that text.
    private let joined: [(text: [UInt8], starts: [[Int]])]

    init(_ files: [[UInt8]], shingleSize: Int) {
        self.shingleSize = shingleSize
        var split: [(bytes: [UInt8], paragraphs: [Range<Int>], words: [[Range<Int>]])] = []
        var joined: [(text: [UInt8], starts: [[Int]])] = []
        for bytes in files {
            var paragraphs: [Range<Int>] = [], words: [[Range<Int>]] = []
            var text: [UInt8] = [], starts: [[Int]] = []
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && !(bytes[end] == 0x0A && end + 1 < bytes.count && bytes[end + 1] == 0x0A) { end += 1 }
                paragraphs.append(start..<end)
                var own: [Range<Int>] = [], ownStarts: [Int] = []
                var index = start
                while index < end {
                    while index < end && Self.isSeparator(bytes[index]) { index += 1 }
                    let wordStart = index
                    while index < end && !Self.isSeparator(bytes[index]) { index += 1 }
                    guard index > wordStart else { continue }
                    own.append(wordStart..<index)
                    ownStarts.append(text.count)
                    text += bytes[wordStart..<index]
                    text.append(0x20)
                }
                ownStarts.append(text.count)  // one past the last word's space
                words.append(own)
                starts.append(ownStarts)
                start = end + 2
            }
            split.append((bytes, paragraphs, words))
            joined.append((text, starts))
        }
        self.files = split
        self.joined = joined
    }

    func hashesOnly() -> UInt64 {
        var checksum: UInt64 = 0
        var hashes = [UInt64](repeating: 0, count: files.reduce(0) { max($0, $1.bytes.count) } / 2 + 1)
        hashes.withUnsafeMutableBufferPointer { hashes in
            guard let first = hashes.baseAddress else { return }
            for file in files {
                file.bytes.withUnsafeBufferPointer { bytes in
                    guard let base = bytes.baseAddress else { return }
                    for (paragraph, words) in zip(file.paragraphs, file.words) {
                        checksum &+= wiretrace_xxh3_64_inline(base + paragraph.lowerBound, paragraph.count, 0)
                        for (index, word) in words.enumerated() {
                            hashes[index] = wiretrace_xxh3_64_inline(base + word.lowerBound, word.count, 0)
                        }
                        guard words.count >= shingleSize else { continue }
                        for position in 0...(words.count - shingleSize) {
                            checksum &+= wiretrace_xxh3_64_inline(first + position, shingleSize * 8, 0)
                        }
                    }
                }
            }
        }
        return checksum
    }

    func spanHashesOnly() -> UInt64 {
        var checksum: UInt64 = 0
        for (file, words) in zip(files, joined) {
            file.bytes.withUnsafeBufferPointer { bytes in
                words.text.withUnsafeBufferPointer { text in
                    guard let base = bytes.baseAddress, let joinedBase = text.baseAddress else { return }
                    for (paragraph, starts) in zip(file.paragraphs, words.starts) {
                        checksum &+= wiretrace_xxh3_64_inline(base + paragraph.lowerBound, paragraph.count, 0)
                        // starts has one entry per word and one past the end.
                        guard starts.count > shingleSize else { continue }
                        for position in 0..<(starts.count - shingleSize) {
                            let from = starts[position], to = starts[position + shingleSize] - 1
                            checksum &+= wiretrace_xxh3_64_inline(joinedBase + from, to - from, 0)
                        }
                    }
                }
            }
        }
        return checksum
    }

    /// ASCII white space and punctuation.
    static func isSeparator(_ byte: UInt8) -> Bool {
        byte <= 0x2F || (byte >= 0x3A && byte <= 0x40) || (byte >= 0x5B && byte <= 0x60) || (byte >= 0x7B && byte <= 0x7F)
    }
}
