import Foundation
import Testing
import Wiretrace
import WiretraceTestSupport

/// Pins the bytes of the fingerprints: every hashing rule (normalization, tokens, shingle and
/// character-gram hashes and their seeds, winnowing, repeats) shows in the serialized form, so
/// a rule that changes without a new ``FingerprintVersion`` fails here, and an index built
/// before the change would compare hashes made under two rules.
@Suite("Fingerprint golden digest")
struct FingerprintGoldenTests {
    /// Every plain-text article in `Samples/` (all folders but `bad/` and `expected/`, which
    /// hold failures and outputs, and `wget-mirror/`, whose articles are HTML and whose one
    /// `.txt` file is a robots.txt), in path order.
    static func sampleArticles() throws -> [String] {
        let samples = Fixtures.sample("").standardizedFileURL.path
        let files = FileManager.default.enumerator(atPath: samples)!.compactMap { $0 as? String }
        return files.filter { path in
            let parts = path.split(separator: "/")
            guard let first = parts.first, first != "bad", first != "expected", first != "wget-mirror", !parts.contains(where: { $0.hasPrefix(".") }) else { return false }
            return path.hasSuffix(".txt")
        }.sorted()
    }

    /// The file's blocks of lines between blank lines, each one paragraph as it stands: the
    /// readers are left out on purpose, so that only the core's hashing rules move the digest
    /// (a reader that reads other paragraphs is tested by its own tests).
    static func paragraphs(of text: String) -> [Paragraph] {
        text.replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
            .map { Paragraph($0) }
    }

    /// XXH3-64 over each article's relative path and its serialized fingerprint, in path order.
    static func digest() throws -> (files: Int, digest: UInt64) {
        var all: [UInt8] = []
        var files = 0
        for path in try sampleArticles() {
            let text = try String(contentsOf: Fixtures.sample(path), encoding: .utf8)
            let article = Article(paragraphs: paragraphs(of: text))
            all += Array(path.utf8) + [0] + Fingerprint(of: article).serialized()
            files += 1
        }
        return (files, XXH3.hash64(all))
    }

    @Test("the fingerprints of the sample articles are the ones this version makes")
    func golden() throws {
        let (files, digest) = try Self.digest()
        #expect(files >= 70)
        // A change of a hashing or normalization rule must come with a new version: bump
        // FingerprintVersion.current, then update both lines. The digest also moves when a
        // sample article is added (no rule changed): check it with the new files set aside.
        #expect(FingerprintVersion.current.description == "n1-k5-w4-c5c8")
        // Storage format 3 (grams of counted paragraphs only, each once; repeats without shingles)
        // moved the digest from 8585ce9a7972a9ef with no hashing rule changed: what the
        // previous build stored restores to what this one makes (StoredFingerprintFormatTests).
        #expect(String(digest, radix: 16) == "2897b5c5458781d1")
    }
}
