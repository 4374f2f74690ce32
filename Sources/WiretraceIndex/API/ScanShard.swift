import Wiretrace

/// One part of a mirror for one of several scanners (`scan --shard K/N`): the files whose
/// ``key(of:)`` hashes (XXH3-64 of its UTF-8 bytes) to K - 1 modulo N. The hash depends on
/// nothing but the path, so a file stays in its shard from run to run and on every machine.
///
/// The key is the path up to the first dot of the file's name: the snapshots of one page
/// (`story.html`, `story.v2.html`, `story.2023-12-08T1500.html.gz`) are one shard's, so one
/// scanner writes their versions in path order, as a single scan does, and the version that
/// ends current does not depend on which scanner was faster.
public struct ScanShard: Sendable, Hashable, CustomStringConvertible {
    /// 1 ... count.
    public let number: Int
    public let count: Int

    public init?(number: Int, count: Int) {
        guard count >= 1, count <= 65_535, (1...count).contains(number) else { return nil }
        self.number = number
        self.count = count
    }

    /// `K/N`, as `--shard` takes it.
    public init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let number = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(number: number, count: count)
    }

    public var description: String { "\(number)/\(count)" }

    /// Whether the file at mirror-relative `path` is this shard's.
    public func contains(path: String) -> Bool {
        Int(XXH3.hash64(String(Self.key(of: path))) % UInt64(count)) == number - 1
    }

    /// `folder/name` without what follows the name's first dot (a name that starts with a
    /// dot is kept whole).
    static func key(of path: String) -> Substring {
        let nameStart = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        guard let dot = path[nameStart...].firstIndex(of: "."), dot != nameStart else { return path[...] }
        return path[..<dot]
    }
}
