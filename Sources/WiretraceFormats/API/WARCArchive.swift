#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A WARC file (ISO 28500, WARC/1.0 and 1.1) read record by record, plain or gzip-compressed
/// (one gzip member per record, or one stream for the whole file).
///
/// The file is read through a bounded buffer: only the record at hand is held, and a
/// capture's block only up to ``blockLimit`` (a larger one is passed over and marked
/// ``WARCRecord/oversizedBlock``). A damaged record (a bad header or `Content-Length`, a
/// truncated block, a damaged gzip member) comes back as ``Entry/damaged(_:)`` with its
/// offset and reason, and reading goes on with the next record.
///
/// ```swift
/// for entry in try WARCArchive(path: "crawl.warc.gz") {
///     if case .record(let record) = entry, record.type == .response { ... }
/// }
/// ```
public final class WARCArchive: Sequence, IteratorProtocol {
    public enum Entry: Sendable {
        case record(WARCRecord)
        case damaged(WARCDamage)

        /// The record's place in the file, from 1.
        public var number: Int {
            switch self {
            case .record(let record): record.number
            case .damaged(let damage): damage.number
            }
        }
    }

    /// The largest block held in memory: the reader's largest article.
    public static let defaultBlockLimit = ArticleFile.defaultSizeLimit

    /// The path, as given.
    public let path: String
    public let blockLimit: Int
    /// Whether the file is gzip-compressed.
    public let isCompressed: Bool
    private let descriptor: Int32
    private let parser: WARCRecordParser

    /// Opens `path`; throws when it cannot be opened or is not a regular file. As in
    /// ``ArticleFile``, the type is checked before the open, which never blocks: a FIFO
    /// named `crawl.warc` would otherwise wait for a writer forever.
    public init(path: String, blockLimit: Int = defaultBlockLimit) throws(ReadError) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw Self.openError(path, errno) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw ReadError(path: path, reason: .isDirectory)
        default: throw ReadError(path: path, reason: .notRegular(ArticleFile.kindName(mode: info.st_mode)))
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { throw Self.openError(path, errno) }
        if fstat(descriptor, &info) != 0 || (info.st_mode & S_IFMT) != S_IFREG {
            close(descriptor)
            throw ReadError(path: path, reason: .changedWhileReading)
        }
        var magic = [UInt8](repeating: 0, count: 3)
        let count = magic.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 3, 0) }
        self.path = path
        self.blockLimit = blockLimit
        self.descriptor = descriptor
        isCompressed = count == 3 && magic == [0x1F, 0x8B, 0x08]
        let source: any WARCByteSource = isCompressed ? GzipWARCSource(descriptor: descriptor) : PlainWARCSource(descriptor: descriptor)
        parser = WARCRecordParser(path: path, source: source, blockLimit: blockLimit)
    }

    deinit { close(descriptor) }

    private static func openError(_ path: String, _ code: Int32) -> ReadError {
        switch code {
        case ENOENT: ReadError(path: path, reason: .notFound)
        case EACCES, EPERM: ReadError(path: path, reason: .permissionDenied)
        default: ReadError(path: path, reason: .system(String(cString: strerror(code))))
        }
    }

    /// The next record or damage, or nil at the end of the file.
    public func next() -> Entry? {
        switch parser.next() {
        case .record(let record): .record(record)
        case .damaged(let damage): .damaged(damage)
        case nil: nil
        }
    }

    /// Whether `bytes` (a file's first bytes, inflated) start a WARC record.
    public static func startsRecord(_ bytes: some Sequence<UInt8>) -> Bool {
        bytes.prefix(7).elementsEqual("WARC/1.".utf8)
    }

    /// Whether a file's name says it is a WARC file: `.warc` or `.warc.gz`, in any case.
    public static func hasWARCName(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".warc") || lower.hasSuffix(".warc.gz")
    }
}

extension WARCArchive {
    /// Which record of a file a user means.
    public enum Selector: Sendable, Hashable {
        /// The last capture with content (a response or resource record) of this URI.
        case targetURI(String)
        /// The record at this place in the file, from 1.
        case number(Int)
    }

    /// Whether the file starts with a WARC record (after inflating it when compressed).
    public var startsWithRecord: Bool { parser.startsWithRecord() }

    /// Reads through the file to the record `selector` picks, with the damaged records met
    /// on the way. A URI picks its last response or resource record: revisits hold no content.
    public func find(_ selector: Selector) throws(ReadError) -> (record: WARCRecord, damages: [WARCDamage]) {
        var damages: [WARCDamage] = []
        var found: WARCRecord?
        var count = 0
        while let entry = next() {
            count = entry.number
            switch (entry, selector) {
            case (.damaged(let damage), .number(let number)) where damage.number == number:
                throw ReadError(path: path, reason: .system("record \(number) is damaged: \(damage.reasonText)"))
            case (.damaged(let damage), _):
                damages.append(damage)
            case (.record(let record), .number(let number)) where record.number == number:
                return (record, damages)
            case (.record(let record), .targetURI(let uri))
                where record.targetURI == uri && (record.type == .response || record.type == .resource):
                found = record
            case (.record, _):
                continue
            }
        }
        if let found { return (found, damages) }
        switch selector {
        case .number(let number):
            throw ReadError(path: path, reason: .system("no record \(number): the file holds \(count) record\(count == 1 ? "" : "s")"))
        case .targetURI(let uri):
            throw ReadError(path: path, reason: .system("no response or resource record for \(uri)"))
        }
    }
}
