import Testing
@testable import Wiretrace
import WiretraceTestSupport

/// The diff fingerprints both versions without character grams (they are most of a
/// fingerprint's memory and the alignment never reads them): everything else must be the
/// fingerprint that compare and scan make.
@Suite struct DiffFingerprintTests {
    @Test func withoutCharacterGramsOnlyTheGramsDiffer() {
        let article = Fixtures.article(body: Fixtures.seedBody + Fixtures.otherBody)
        let full = Fingerprint(of: article), lean = Fingerprint(of: article, characterGrams: false)
        #expect(full.paragraphs.contains { !$0.characterGrams.isEmpty })
        #expect(lean.paragraphs.allSatisfy { $0.characterGrams.isEmpty })
        #expect(lean.paragraphs.map(\.hash) == full.paragraphs.map(\.hash))
        #expect(lean.paragraphs.map(\.shingles) == full.paragraphs.map(\.shingles))
        #expect(lean.paragraphs.map(\.status) == full.paragraphs.map(\.status))
        #expect(lean.paragraphs.map(\.wordCount) == full.paragraphs.map(\.wordCount))
        #expect(lean.normalizedBytes == full.normalizedBytes && lean.winnowed == full.winnowed)
        #expect(lean.titleHash == full.titleHash && lean.datelines == full.datelines)
    }
}
