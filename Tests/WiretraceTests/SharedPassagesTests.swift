import Testing
import Wiretrace
import WiretraceTestSupport

@Suite("Shared passages: the evidence of a verdict")
struct SharedPassagesTests {
    @Test("a passage lifted into one long paragraph of other text: no paragraph aligns, the shared run is the evidence, counted from 1")
    func liftedPassage() throws {
        let source = Fixtures.article(body: Fixtures.seedBody)
        // Half of the source's fourth paragraph (its first 35 words), inside one paragraph of own text.
        let lifted = Fixtures.seedBody[3].split(separator: " ").prefix(35).joined(separator: " ")
        let column = Fixtures.article(title: "A column", body: [Fixtures.otherBody.joined(separator: " ") + " Meanwhile: " + lifted + " " + Fixtures.otherBody[0]])
        let shared = SharedPassages(source, column)
        #expect(shared.comparison.verdict == .partiallyDerived)
        #expect(shared.matches.isEmpty)
        #expect(shared.runsAreEvidence)
        let run = try #require(shared.runs.first)
        // Words as the tokenizer counts them (`Iraq's` and `a.m.` are two each).
        func words(_ text: String) -> Int { Fingerprint(of: Fixtures.article(title: nil, body: [text])).countedWordCount }
        let wordsBefore = words(Fixtures.otherBody.joined(separator: " ") + " Meanwhile:")
        #expect(run.words == words(lifted))
        #expect(run.a.paragraph == 4 && run.a.word == 1)
        #expect(run.b.paragraph == 1 && run.b.word == wordsBefore + 1)
        #expect(run.a.text?.hasPrefix("explosions were heard near the embassy") == true)
    }

    @Test("a republication's evidence is its matched paragraphs, with their text as read")
    func republication() {
        let source = Fixtures.article(body: Fixtures.seedBody)
        let copy = Fixtures.article(body: Array(Fixtures.seedBody.prefix(3)))
        let shared = SharedPassages(source, copy)
        #expect(shared.comparison.verdict.sharesSource)
        #expect(shared.matches.map(\.a.paragraph) == [1, 2, 3])
        #expect(shared.matches.allSatisfy { $0.kind == .exact && $0.a.text == $0.b.text })
        #expect(!shared.runsAreEvidence, "matched paragraphs already show a wholly derived copy")
        let unrelated = SharedPassages(source, Fixtures.article(body: Fixtures.otherBody))
        #expect(unrelated.matches.isEmpty && unrelated.runs.isEmpty && !unrelated.runsAreEvidence)
    }
}
