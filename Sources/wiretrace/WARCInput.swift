import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Wiretrace
import WiretraceFormats

/// An article argument of `inspect` and `compare`: a file, or one capture in a WARC file
/// picked as `FILE#URI` or with `--record N`.
struct ArticleArgument {
    /// The argument as given.
    var argument: String
    /// The file it names.
    var file: String
    var selector: WARCArchive.Selector?

    /// `FILE#URI` when the text before a `#` names an existing file (a URI may hold `#` too).
    init(_ argument: String) {
        self.argument = argument
        file = argument
        var search = argument.startIndex
        while let mark = argument[search...].firstIndex(of: "#") {
            let prefix = String(argument[..<mark])
            if FileManager.default.fileExists(atPath: prefix) {
                file = prefix
                selector = .targetURI(String(argument[argument.index(after: mark)...]))
                return
            }
            search = argument.index(after: mark)
        }
    }

    /// Whether the file is a WARC file: by its name, or by the first record of a regular
    /// file (a FIFO or a device is never opened here: reading it could block).
    var isWARC: Bool {
        if selector != nil || WARCArchive.hasWARCName(file) { return true }
        var info = stat()
        guard stat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return (try? WARCArchive(path: file))?.startsWithRecord ?? false
    }

    /// One article read from the file or from the selected capture, with the capture.
    struct Read {
        var name: String
        var result: ArticleReader.Result
        var capture: WARCRecord?
        /// Damaged records passed on the way to the capture.
        var damages: [WARCDamage]
    }

    /// Reads the article; `record` picks a capture when the argument has no `#URI`.
    func read(with reader: ArticleReader, record: Int?) throws(ReadError) -> Read {
        let selector = self.selector ?? record.map(WARCArchive.Selector.number)
        guard let selector else {
            return Read(name: RawArguments.shown(argument), result: try reader.readFile(argument), capture: nil, damages: [])
        }
        let (capture, damages) = try WARCArchive(path: file).find(selector)
        let name = file + "#" + (capture.targetURI ?? "record \(capture.number)")
        return Read(name: name, result: try reader.read(capture, name: name), capture: capture, damages: damages)
    }
}

/// Hands `--record` values, in order, to the WARC arguments given without `#URI`.
struct RecordPicks {
    private var left: [Int]

    init(_ records: [Int]) throws {
        if let bad = records.first(where: { $0 < 1 }) { throw ValidationError("--record \(bad): records are numbered from 1") }
        left = records
    }

    mutating func next(for argument: ArticleArgument) -> Int? {
        guard argument.selector == nil, !left.isEmpty, argument.isWARC else { return nil }
        return left.removeFirst()
    }

    /// Fails when more `--record` values were given than WARC files could take.
    func checkAllUsed() throws {
        if !left.isEmpty { throw ValidationError("--record \(left[0]): no WARC file left to pick it from") }
    }
}

/// What `inspect` prints about a capture beside the article read from it.
struct CaptureOut: Encodable {
    var record: Int
    var location: String
    var type: String
    @Nullable var targetURI: String? = nil
    /// `WARC-Date`: when the crawler captured it.
    @Nullable var captured: Timestamp? = nil
    @Nullable var recordID: String? = nil
    @Nullable var httpStatus: Int? = nil
    /// The HTTP `Last-Modified` header, as the server sent it.
    @Nullable var lastModified: String? = nil

    init(_ record: WARCRecord) {
        self.record = record.number
        location = record.location.description
        type = record.type.rawValue
        targetURI = record.targetURI
        captured = record.date
        recordID = record.recordID
        httpStatus = record.http?.status
        lastModified = record.http?.lastModified
    }

    func lines(style: Style) -> [String] {
        var text = "record \(record) (\(shown(type))) at \(location)"
        if let httpStatus { text += ", HTTP \(httpStatus)" }
        var lines = ["  " + style.dim("capture".padded(10)) + text]
        lines.append("  " + style.dim("captured".padded(10)) + (captured.map { "\($0)  (WARC-Date)" } ?? style.dim("—")))
        if let lastModified { lines.append("  " + style.dim("modified".padded(10)) + "\(shown(lastModified))  (HTTP Last-Modified)") }
        return lines
    }
}

/// What `inspect FILE.warc` prints without a selector: the file's records.
struct WARCListing: Encodable {
    struct Entry: Encodable {
        var number: Int
        var location: String
        var fileOffset: Int
        @Nullable var type: String? = nil
        @Nullable var targetURI: String? = nil
        @Nullable var date: Timestamp? = nil
        @Nullable var httpStatus: Int? = nil
        @Nullable var mediaType: String? = nil
        @Nullable var damage: String? = nil
    }

    var path: String
    var compressed: Bool
    var records: [Entry]

    init(path: String) throws(ReadError) {
        let archive = try WARCArchive(path: path)
        self.path = path
        compressed = archive.isCompressed
        records = archive.map { entry in
            switch entry {
            case .record(let record):
                Entry(number: record.number, location: record.location.description, fileOffset: record.location.fileOffset,
                      type: record.type == .unknown ? record.typeText : record.type.rawValue, targetURI: record.targetURI,
                      date: record.date, httpStatus: record.http?.status,
                      mediaType: record.type.isCapture ? record.payloadMediaType : nil)
            case .damaged(let damage):
                Entry(number: damage.number, location: damage.location.description, fileOffset: damage.location.fileOffset,
                      damage: damage.reasonText)
            }
        }
    }

    var damages: Int { records.filter { $0.damage != nil }.count }

    func text(style: Style) -> String {
        let captures = records.filter { $0.type == "response" || $0.type == "resource" }.count
        var lines = [style.bold(shown(path)) + "  (WARC\(compressed ? ", gzip" : ""), \(records.count) records, \(captures) with content"
            + (damages > 0 ? ", " + style.yellow("\(damages) damaged") : "") + ")"]
        for entry in records {
            let number = "  " + "\(entry.number)".padded(5)
            if let damage = entry.damage {
                lines.append(number + style.yellow("damaged".padded(10)) + "at \(entry.location): \(shown(damage))")
                continue
            }
            let date = entry.date.map(\.description) ?? "—"
            let status = entry.httpStatus.map(String.init) ?? ""
            lines.append(number + shown(entry.type ?? "").padded(10) + date.padded(22) + status.padded(5) + shown(entry.targetURI ?? ""))
        }
        lines.append(style.dim("Pick one with \(shown(path))#URI or --record N."))
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
