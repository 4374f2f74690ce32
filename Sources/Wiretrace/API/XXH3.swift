internal import CWiretraceXXHash

/// XXH3-64, the hash behind every Wiretrace fingerprint, computed by the system's libxxhash.
///
/// XXH3's output is stable across versions, platforms and endianness since xxHash 0.8.0
/// (the format was frozen in that release), so a fingerprint stored today compares with
/// one computed years later. The values match `xxhsum -H3`.
public enum XXH3 {
    /// The 64-bit XXH3 hash of `bytes`.
    ///
    /// The corresponding C function is `XXH3_64bits_withSeed`, compiled inline from the
    /// library's header (`XXH_INLINE_ALL`): most inputs are single words and shingles, for
    /// which a call into the shared library costs as much as the hash.
    ///
    /// - Complexity: O(*n*) in the number of bytes.
    @inlinable
    public static func hash64(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        _hash64(bytes.baseAddress, bytes.count, seed)
    }

    /// The 64-bit XXH3 hash of the UTF-8 bytes of `text`.
    public static func hash64(_ text: String, seed: UInt64 = 0) -> UInt64 {
        var text = text
        return text.withUTF8 { hash64(UnsafeRawBufferPointer($0), seed: seed) }
    }

    /// The 64-bit XXH3 hash of `bytes`.
    public static func hash64(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { hash64($0, seed: seed) }
    }

    @usableFromInline
    static func _hash64(_ start: UnsafeRawPointer?, _ count: Int, _ seed: UInt64) -> UInt64 {
        wiretrace_xxh3_64_inline(start, count, seed)
    }

    /// An XXH3-64 hash computed over input that arrives in pieces.
    ///
    /// It owns libxxhash's state, so it cannot be copied: a copy would free that state twice.
    /// The corresponding C functions are `XXH3_createState`, `XXH3_64bits_reset_withSeed`,
    /// `XXH3_64bits_update`, `XXH3_64bits_digest` and `XXH3_freeState`.
    public struct Hasher: ~Copyable {
        private let state: OpaquePointer

        /// A hasher with the given seed. Traps only if the allocator fails.
        public init(seed: UInt64 = 0) {
            guard let state = XXH3_createState() else { fatalError("XXH3_createState failed: out of memory") }
            self.state = state
            XXH3_64bits_reset_withSeed(state, seed)
        }

        deinit { XXH3_freeState(state) }

        /// Adds `bytes` to the hash.
        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            XXH3_64bits_update(state, bytes.baseAddress, bytes.count)
        }

        /// Adds the UTF-8 bytes of `text` to the hash.
        public mutating func update(_ text: String) {
            var text = text
            text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
        }

        /// The hash of everything added so far; the hasher can go on taking input.
        public func finalize() -> UInt64 {
            XXH3_64bits_digest(state)
        }
    }
}
