/// Why a file could not be read as an article. Its description names the file and the reason.
public struct ReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case notFound
        case isDirectory
        /// A FIFO, device, socket or system pseudo-file: what it is, as a phrase.
        case notRegular(String)
        case permissionDenied
        case tooLarge(bytes: Int, limit: Int)
        case empty
        /// Bytes that are not text under the name of a page or a text file: damage.
        case binary(String)
        /// A file of another kind than an article (a stylesheet, a feed, an image), with a
        /// short phrase saying which format (`PNG image`, `Atom feed`).
        case notArticle(NonArticleKind, String)
        case noText
        case changedWhileReading
        case system(String)
    }

    /// The path (or name) of the input.
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reasonText)" }

    /// The reason alone, for reports that list the path separately.
    public var reasonText: String {
        switch reason {
        case .notFound: "no such file"
        case .isDirectory: "is a directory, not an article file"
        case .notRegular(let kind): "\(kind), not an article file"
        case .permissionDenied: "permission denied"
        case .tooLarge(let bytes, let limit): "too large (\(bytes) bytes; the limit is \(limit))"
        case .empty: "empty file"
        case .binary(let kind): "binary file (\(kind)), not an article"
        case .notArticle(let kind, let detail) where kind == .image || kind == .binary: "binary file (\(detail)), not an article"
        case .notArticle(_, let detail): "\(detail), not an article"
        case .noText: "no article text found"
        case .changedWhileReading: "changed while it was being read"
        case .system(let message): message
        }
    }
}
