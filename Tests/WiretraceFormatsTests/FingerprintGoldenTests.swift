import Foundation
import Testing
import Wiretrace
@testable import WiretraceFormats
import WiretraceTestSupport

/// Pins the bytes of the fingerprints: every hashing rule (normalization, tokens, shingle and
/// character-gram hashes and their seeds, winnowing, repeats) shows in the serialized form, so
/// a rule that changes without a new ``FingerprintVersion`` fails here, and an index built
/// before the change would compare hashes made under two rules.
@Suite("Fingerprint golden digest")
struct FingerprintGoldenTests {
    /// Every article in `Samples/` (all folders but `bad/` and `expected/`, which hold failures
    /// and outputs), in path order.
    static func sampleArticles() throws -> [String] {
        let samples = Fixtures.sample("").standardizedFileURL.path
        let files = FileManager.default.enumerator(atPath: samples)!.compactMap { $0 as? String }
        return files.filter { path in
            let parts = path.split(separator: "/")
            guard let first = parts.first, first != "bad", first != "expected", !parts.contains(where: { $0.hasPrefix(".") }) else { return false }
            return path.hasSuffix(".txt") || path.hasSuffix(".html") || path.hasSuffix(".gz")
        }.sorted()
    }

    /// XXH3-64 over each article's relative path and its serialized fingerprint, in path order
    /// (a file the readers refuse, such as the mirror's image saved as a page, is left out).
    static func digest() throws -> (files: Int, digest: UInt64) {
        var all: [UInt8] = []
        var files = 0
        for path in try sampleArticles() {
            let url = Fixtures.sample(path)
            guard let result = try? ArticleReader().read(try ArticleFile.load(url.path), name: url.path) else { continue }
            all += Array(path.utf8) + [0] + Fingerprint(of: result.article).serialized()
            files += 1
        }
        return (files, XXH3.hash64(all))
    }

    @Test("the fingerprints of the sample articles are the ones this version makes")
    func golden() throws {
        let (files, digest) = try Self.digest()
        #expect(files >= 90)
        // A change of a hashing or normalization rule must come with a new version: bump
        // FingerprintVersion.current, then update both lines. A change of a reader (other
        // paragraphs read from a page) moves the digest too; then update the digest alone
        // and say so in the commit.
        #expect(FingerprintVersion.current.description == "n1-k5-w4-c5c8")
        #expect(String(digest, radix: 16) == "d7cbd297feac959c")
    }
}
