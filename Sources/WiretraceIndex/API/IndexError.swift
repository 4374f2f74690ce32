/// Why the index could not be opened or a scan could not run. Its description is a sentence
/// a user can act on.
public struct IndexError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// Another scan holds the index's lock.
        case locked(holder: String)
        /// The index was written by a newer Wiretrace whose schema this build does not know.
        case newerSchema(found: [String])
        /// The index was written by an older Wiretrace; a scan upgrades it, a query does not.
        case olderSchema(missing: [String])
        /// The file is not a Wiretrace index.
        case notAnIndex
        /// No index where one was expected.
        case missing
        /// The mirror folder cannot be scanned.
        case mirror(String)
        /// The database (SQLite or PostgreSQL) reported an error.
        case database(String)
    }

    /// The index file or mirror folder concerned.
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .locked(let holder):
            "\(path): another scan is using this index (\(holder)); wait for it to finish: its lock is released when it ends, however it ends"
        case .newerSchema(let found):
            "\(path): the index was written by a newer Wiretrace (schema \(found.joined(separator: ", "))); upgrade wiretrace or scan into a new --index"
        case .olderSchema(let missing):
            "\(path): the index was written by an older Wiretrace (it lacks schema \(missing.joined(separator: ", "))); run `wiretrace scan` on its mirror once to upgrade it"
        case .notAnIndex: "\(path): not a Wiretrace index"
        case .missing: "\(path): no index here; run `wiretrace scan MIRROR` first, or give --index PATH"
        case .mirror(let message): "\(path): \(message)"
        case .database(let message): "\(path): \(message)"
        }
    }
}
