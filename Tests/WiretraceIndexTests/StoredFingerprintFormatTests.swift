import Foundation
import Testing
import Wiretrace
import WiretraceTestSupport
@testable import WiretraceIndex

/// Indexes keep each version's fingerprint in its stored form. Since repeated paragraphs are
/// kept without shingles and grams, an index written before holds them with both; such rows
/// must restore to what this build makes of the same article, or linking would compare old
/// rows and new ones under two rules.
@Suite struct StoredFingerprintFormatTests {
    /// Stored by the build before: `wiretrace scan` of these sample articles, each
    /// version's `article.json` and `print.fingerprint` written out as they were in the index.
    static let folder = "expected/fingerprint-format-2/"
    static let names = ["reuters-baghdad-embassy", "hindi-pti-monsoon", "urdu-app-flood-relief"]

    @Test("a fingerprint stored by the previous build restores to the fingerprint this build makes of the same article")
    func formatTwo() throws {
        for name in Self.names {
            let stored = [UInt8](try Data(contentsOf: Fixtures.sample(Self.folder + name + ".fingerprint")))
            #expect(stored[4] == 2, "\(name) is format 2")
            let old = try Fingerprint(serialized: stored)
            let article = try ArticleStore.article(from: try Data(contentsOf: Fixtures.sample(Self.folder + name + ".article")))
            let now = Fingerprint(of: article)
            #expect(old.version == now.version)
            #expect(old.paragraphs.map(\.hash) == now.paragraphs.map(\.hash), "\(name)")
            for (before, now) in zip(old.paragraphs, now.paragraphs) where now.status == .counted {
                #expect(before.shingles == now.shingles, "\(name)")
            }
            #expect(old.paragraphs.map(\.status) == now.paragraphs.map(\.status), "\(name)")
            #expect(old.paragraphs.map(\.characterCount) == now.paragraphs.map(\.characterCount), "\(name)")
            #expect(old.paragraphs.map(\.characterGrams) == now.paragraphs.map(\.characterGrams), "\(name)")
            #expect(now.paragraphs.contains { !$0.characterGrams.isEmpty })
            #expect(old.winnowed == now.winnowed && old.titleHash == now.titleHash)
            #expect(Postings.of(old) == Postings.of(now), "\(name): the same postings, sketch included")
            let other = Fingerprint(of: Article(paragraphs: article.paragraphs.prefix(3).map { Paragraph($0.text) }))
            #expect(Comparison(old, other).score == Comparison(now, other).score)
            #expect(now.serialized().count <= stored.count)
        }
    }
}
