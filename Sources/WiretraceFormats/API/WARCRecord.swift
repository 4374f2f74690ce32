public import Wiretrace

/// The record types of ISO 28500 (WARC/1.0 and 1.1).
public enum WARCRecordType: String, Sendable, Hashable, Codable {
    case warcinfo, response, resource, request, metadata, revisit, conversion, continuation
    /// A type the standard does not name.
    case unknown

    /// Whether a record of this type is a capture of a page: an HTTP response, a resource
    /// fetched by other means, or a revisit (the same content captured again).
    public var isCapture: Bool { self == .response || self == .resource || self == .revisit }
}

/// Where a record is in its file.
public struct WARCLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The byte offset in the file of the record or, in a `.warc.gz`, of the gzip member it
    /// starts in (with one member per record, the offset a CDX index gives).
    public var fileOffset: Int
    /// For a record that starts inside a gzip member rather than at its start (a `.warc.gz`
    /// compressed as one stream): its offset in the inflated member.
    public var offsetInMember: Int?

    public init(fileOffset: Int, offsetInMember: Int? = nil) {
        self.fileOffset = fileOffset
        self.offsetInMember = offsetInMember
    }

    public var description: String {
        guard let offsetInMember else { return "byte \(fileOffset)" }
        return "byte \(offsetInMember) of the gzip member at byte \(fileOffset)"
    }
}

/// The status line and headers of a captured HTTP response.
public struct HTTPResponseHead: Sendable, Hashable {
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    /// `200`, `301`, `404`.
    public var status: Int
    public var reason: String
    public var headers: [Header]

    /// The value of the first header called `name` (case-insensitive).
    public func value(of name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    /// The media type of the body, lower-cased, without parameters (`text/html`).
    public var mediaType: String? { value(of: "Content-Type").map(WARCHeaderValues.mediaType(of:)) }
    /// The `charset` parameter of `Content-Type`, as written.
    public var charset: String? { value(of: "Content-Type").flatMap(WARCHeaderValues.charset(of:)) }
    /// `Last-Modified` as the server sent it.
    public var lastModified: String? { value(of: "Last-Modified") }
}

/// One record of a WARC file: its WARC headers and, for a capture, its payload.
public struct WARCRecord: Sendable {
    /// The record's place among the file's records, from 1 (damaged records count too).
    public var number: Int
    public var location: WARCLocation
    public var type: WARCRecordType
    /// `WARC-Type` as written.
    public var typeText: String
    /// `1.0` or `1.1`.
    public var version: String
    public var recordID: String?
    public var targetURI: String?
    /// `WARC-Date`: when the capture was made, by the crawler's clock.
    public var date: Timestamp?
    /// `WARC-Date` as written.
    public var dateText: String?
    /// The record's `Content-Type` (`application/http; msgtype=response`).
    public var contentType: String?
    /// A revisit's `WARC-Refers-To-Target-URI` and `WARC-Refers-To-Date`.
    public var refersToTargetURI: String?
    public var refersToDate: String?
    /// The captured response's status and headers (response and revisit records of HTTP).
    public var http: HTTPResponseHead?
    /// The captured content: the HTTP body with its transfer and content codings removed,
    /// or a resource record's block. Empty for revisits and the records that are skipped.
    public var payload: [UInt8]
    /// The size of a block over the reader's limit, which was passed over unread.
    public var oversizedBlock: Int?
    /// Problems with the payload that did not stop the reading.
    public var warnings: [String]

    public init(number: Int, location: WARCLocation, type: WARCRecordType, typeText: String, version: String,
                recordID: String? = nil, targetURI: String? = nil, date: Timestamp? = nil, dateText: String? = nil,
                contentType: String? = nil, refersToTargetURI: String? = nil, refersToDate: String? = nil,
                http: HTTPResponseHead? = nil, payload: [UInt8] = [], oversizedBlock: Int? = nil, warnings: [String] = []) {
        self.number = number
        self.location = location
        self.type = type
        self.typeText = typeText
        self.version = version
        self.recordID = recordID
        self.targetURI = targetURI
        self.date = date
        self.dateText = dateText
        self.contentType = contentType
        self.refersToTargetURI = refersToTargetURI
        self.refersToDate = refersToDate
        self.http = http
        self.payload = payload
        self.oversizedBlock = oversizedBlock
        self.warnings = warnings
    }

    /// The media type of the captured content: the HTTP `Content-Type` of a response, the
    /// record's own for a resource.
    public var payloadMediaType: String? {
        if let http { return http.mediaType }
        return contentType.map(WARCHeaderValues.mediaType(of:))
    }

    /// The character set the capture's headers declare for its content.
    public var payloadCharset: String? {
        if let http { return http.charset }
        return contentType.flatMap(WARCHeaderValues.charset(of:))
    }
}

/// A record that could not be read; the reader goes on with the next one.
public struct WARCDamage: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Error, Sendable, Hashable {
        /// The record does not start with a `WARC/1.0` or `WARC/1.1` line.
        case noVersionLine
        /// A header line is not `Name: value`, or the header block is too long.
        case badHeader(String)
        /// `Content-Length` is missing or not a number.
        case badContentLength(String?)
        /// The file ends inside the record's block.
        case truncated(expected: Int, found: Int)
        /// The block does not end with the blank line where `Content-Length` says it ends.
        case wrongLength(Int)
        /// A gzip member is damaged or cut short.
        case gzip(String)
        /// Bytes between gzip members that are not gzip data.
        case notGzipData
        /// The captured HTTP response's status line or headers cannot be read.
        case badHTTP(String)
    }

    /// The file's path, as given to the reader.
    public var path: String
    /// The record's place among the file's records, from 1.
    public var number: Int
    public var location: WARCLocation
    public var reason: Reason

    public init(path: String, number: Int, location: WARCLocation, reason: Reason) {
        self.path = path
        self.number = number
        self.location = location
        self.reason = reason
    }

    public var description: String { "\(path): record \(number) at \(location): \(reasonText)" }

    public var reasonText: String {
        switch reason {
        case .noVersionLine: "damaged record: no WARC/1.0 or WARC/1.1 line where a record starts"
        case .badHeader(let detail): "damaged record header: \(detail)"
        case .badContentLength(let value): value.map { "damaged record: bad Content-Length \"\($0)\"" } ?? "damaged record: no Content-Length"
        case .truncated(let expected, let found): "truncated record: the block should hold \(expected) bytes, the file ends after \(found)"
        case .wrongLength(let length): "damaged record: the block does not end after its Content-Length of \(length) bytes"
        case .gzip(let message): message
        case .notGzipData: "bytes between gzip members that are not gzip data"
        case .badHTTP(let detail): "damaged HTTP response in the record: \(detail)"
        }
    }
}

/// Parameters of header values.
enum WARCHeaderValues {
    /// `text/html; charset=UTF-8` → `text/html`.
    static func mediaType(of contentType: String) -> String {
        String(contentType.prefix { $0 != ";" }).trimmed.lowercased()
    }

    /// `text/html; charset="UTF-8"` → `UTF-8`.
    static func charset(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmed.lowercased() == "charset" else { continue }
            let value = parts[1].trimmed.trimmingQuotes
            return value.isEmpty ? nil : value
        }
        return nil
    }
}

private extension String {
    var trimmingQuotes: String {
        guard count >= 2, let first, first == "\"" || first == "'", last == first else { return self }
        return String(dropFirst().dropLast())
    }
}
