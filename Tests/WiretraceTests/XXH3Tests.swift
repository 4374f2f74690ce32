import Testing
import Wiretrace

@Suite("XXH3-64 through libxxhash")
struct XXH3Tests {
    /// Known answers from `xxhsum -H3` (xxHash 0.8.1).
    static let vectors: [(String, UInt64)] = [
        ("", 0x2d06_8005_38d3_94c2),
        ("abc", 0x78af_5f94_892f_3950),
        ("The U.S. embassy in Baghdad was attacked", 0x02c0_68d6_adf5_ce61),
        (String(repeating: "wire copy ", count: 100), 0x5b56_3e39_c12f_10dc),
        ("héllo wörld", 0xca5a_eb8d_a2d7_6864),
    ]

    @Test("one-shot hash matches xxhsum -H3", arguments: vectors)
    func oneShot(input: String, expected: UInt64) {
        #expect(XXH3.hash64(input) == expected)
        #expect(XXH3.hash64(Array(input.utf8)) == expected)
    }

    @Test("streaming hash over pieces matches the one-shot hash", arguments: vectors)
    func streaming(input: String, expected: UInt64) {
        var hasher = XXH3.Hasher()
        let bytes = Array(input.utf8)
        var start = 0
        // Uneven pieces cross XXH3's internal 64-byte stripes and 1 KB blocks.
        for size in [1, 7, 64, 300, 1000] where start < bytes.count {
            let end = min(bytes.count, start + size)
            bytes[start..<end].withUnsafeBytes { hasher.update($0) }
            start = end
        }
        if start < bytes.count { bytes[start...].withUnsafeBytes { hasher.update($0) } }
        #expect(hasher.finalize() == expected)
    }

    @Test("a seed changes the hash")
    func seeded() {
        #expect(XXH3.hash64("abc", seed: 1) != XXH3.hash64("abc"))
    }
}
