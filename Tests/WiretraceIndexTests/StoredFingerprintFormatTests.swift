import Foundation
import Testing
import Wiretrace
import WiretraceTestSupport
@testable import WiretraceIndex

/// Indexes keep each version's fingerprint in its stored form. Format 3 keeps each
/// character-gram size as one set of distinct grams; an index written before it holds format
/// 2 (every gram of every paragraph), which must restore to exactly what this build makes of
/// the same article, or linking would compare old rows and new ones under two rules.
@Suite struct StoredFingerprintFormatTests {
    /// Stored by the build before format 3: `wiretrace scan` of these sample articles, each
    /// version's `article.json` and `print.fingerprint` written out as they were in the index.
    static let folder = "expected/fingerprint-format-2/"
    static let names = ["reuters-baghdad-embassy", "hindi-pti-monsoon", "urdu-app-flood-relief"]

    @Test("a format-2 fingerprint restores to the fingerprint this build makes of the same article")
    func formatTwo() throws {
        for name in Self.names {
            let stored = [UInt8](try Data(contentsOf: Fixtures.sample(Self.folder + name + ".fingerprint")))
            #expect(stored[4] == 2, "\(name) is format 2")
            let old = try Fingerprint(serialized: stored)
            let article = try ArticleStore.article(from: try Data(contentsOf: Fixtures.sample(Self.folder + name + ".article")))
            let now = Fingerprint(of: article)
            #expect(old.version == now.version)
            #expect(old.paragraphs.map(\.hash) == now.paragraphs.map(\.hash), "\(name)")
            #expect(old.paragraphs.map(\.shingles) == now.paragraphs.map(\.shingles), "\(name)")
            #expect(old.paragraphs.map(\.status) == now.paragraphs.map(\.status), "\(name)")
            #expect(old.paragraphs.map(\.characterCount) == now.paragraphs.map(\.characterCount), "\(name)")
            #expect(old.characterGrams == now.characterGrams, "\(name)")
            #expect(!now.characterGrams.isEmpty && now.characterGrams.allSatisfy { !$0.isEmpty })
            #expect(old.winnowed == now.winnowed && old.titleHash == now.titleHash)
            #expect(Postings.of(old) == Postings.of(now), "\(name): the same postings, sketch included")
            let restored = try Fingerprint(serialized: now.serialized())
            #expect(restored.characterGrams == now.characterGrams)
            #expect(now.serialized().count < stored.count, "\(name): format 3 is smaller")
        }
    }
}
