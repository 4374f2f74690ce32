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
        case binary(String)
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
        case .noText: "no article text found"
        case .changedWhileReading: "changed while it was being read"
        case .system(let message): message
        }
    }
}
