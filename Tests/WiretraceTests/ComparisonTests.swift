import Testing
@testable import Wiretrace
import WiretraceTestSupport

@Suite("Comparison")
struct ComparisonTests {
    @Test("a verbatim republication with its own boilerplate is wholly derived, score 1")
    func verbatim() {
        let a = Fixtures.article(body: Fixtures.seedBody)
        let b = Fixtures.article(title: "Rockets hit US embassy", body: ["BAGHDAD, Dec 8 (Reuters) - " + Fixtures.seedBody[0]] + Fixtures.seedBody.dropFirst(),
                                 extra: [Paragraph("Follow us on X for more.", role: .boilerplate)])
        let comparison = Comparison(a, b)
        #expect(comparison.verdict == .whollyDerived)
        #expect(comparison.score == 1)
        #expect(comparison.matches.count == 5)
        #expect(comparison.matches.allSatisfy { $0.kind == .exact && $0.paragraphA == $0.paragraphB })
    }

    @Test("a trimmed copy is contained in its source, not the other way round")
    func trimmed() {
        let source = Fixtures.article(body: Fixtures.seedBody)
        let copy = Fixtures.article(body: Array(Fixtures.seedBody.prefix(3)))
        let comparison = Comparison(source, copy)
        #expect(comparison.verdict == .whollyDerived)
        #expect(comparison.containmentOfBInA == 1)
        #expect(comparison.containmentOfAInB < 0.7)
        #expect(comparison.containingSide == .a)
    }

    @Test("merged paragraphs and a corrected typo are edited matches")
    func edited() {
        let source = Fixtures.article(body: Fixtures.seedBody)
        var body = Fixtures.seedBody
        body[0] = body[0] + " " + body[1]
        body.remove(at: 1)
        body[body.count - 1] = body[body.count - 1].replacing("spokeperson", with: "spokesperson")
        let comparison = Comparison(source, Fixtures.article(body: body))
        #expect(comparison.verdict == .whollyDerived)
        let merged = comparison.matches.filter { $0.paragraphB == 0 }
        #expect(merged.map(\.paragraphA) == [0, 1])
        #expect(merged.allSatisfy { $0.kind == .edited })
        #expect(comparison.matches.contains { $0.paragraphA == 4 && $0.paragraphB == 3 && $0.kind == .edited })
    }

    @Test("a few reused paragraphs inside an outlet's own reporting are partially derived")
    func partial() {
        let source = Fixtures.article(body: Fixtures.seedBody)
        let mixed = Fixtures.article(body: Fixtures.otherBody + [Fixtures.seedBody[1]] + Fixtures.otherBody.map { $0 + " Analysts agreed." })
        let comparison = Comparison(source, mixed)
        #expect(comparison.verdict == .partiallyDerived)
        // The reused paragraph whole: 61 tokens ("Iran-aligned" and "Shi'ite" are two each).
        #expect(comparison.longestSharedRun == 61)
    }

    @Test("different stories are unrelated; a shared boilerplate line does not link them")
    func unrelated() {
        let notice = Paragraph("(This story has not been edited by Devdiscourse staff and is auto-generated from a syndicated feed.)", role: .boilerplate)
        let a = Fixtures.article(body: Fixtures.seedBody, extra: [notice])
        let b = Fixtures.article(title: "Rates on hold", body: Fixtures.otherBody, extra: [notice])
        let comparison = Comparison(a, b)
        #expect(comparison.verdict == .unrelated)
        // No shingle is shared; two English texts share a few character grams by chance,
        // far under the resemblance cut-off.
        #expect(comparison.containmentOfAInB == 0 && comparison.containmentOfBInA == 0)
        #expect(comparison.resemblance < 0.05)
        #expect(comparison.score < Comparison.Thresholds.default.partially)
        #expect(comparison.matches.isEmpty)
    }

    /// An agency story and a newspaper's rewrite of it, in the way papers rewrite wire copy:
    /// merged into one paragraph, sentences reworded and reordered, numbers written out,
    /// a name spaced another way; no run of five words survives.
    static let agencyStory = [
        "The provincial government on Monday approved a plan to line 340 kilometres of irrigation canals in the southern districts, where farmers lose a third of their water to seepage.",
        "The work will start in the spring and finish by the end of 2027, the irrigation secretary told reporters after the cabinet meeting in Hyderabad.",
        "Officials said the lining would save enough water for 80,000 acres and that the World Bank had agreed to meet half the cost of the project.",
    ]
    static let newspaperRewrite = [
        "Canals in the southern districts are to be lined over three hundred and forty kilometres under a plan the provincial cabinet approved, as farmers there lose a third of their water to seepage; the irrigation secretary said in Hyder abad that work starts in spring and ends in 2027, the World Bank meets half the cost, and the saved water would irrigate eighty thousand acres.",
    ]

    @Test("shared runs name the paragraph and the first word of a lifted passage on both sides")
    func sharedRuns() throws {
        let a = Fingerprint(of: Fixtures.article(body: Fixtures.seedBody))
        let b = Fingerprint(of: Fixtures.article(body: Fixtures.otherBody + ["Officials added that " + Fixtures.seedBody[1]]))
        let runs = Comparison.sharedRuns(a, b)
        let longest = try #require(runs.first)
        #expect(longest == Comparison.SharedRun(paragraphA: 1, wordA: 0, paragraphB: Fixtures.otherBody.count, wordB: 3, words: 61))
        // The run is the whole paragraph: its normalized text from the first word to the last.
        let text = a.normalizedText(ofParagraph: 1)
        #expect(a.normalizedWords(ofParagraph: 1, from: 0, count: 61) == String(text.dropLast(text.hasSuffix(".") ? 1 : 0)))
        #expect(b.normalizedWords(ofParagraph: Fixtures.otherBody.count, from: 3, count: 2) == "the attack")
        #expect(runs.allSatisfy { $0.words >= a.version.shingleSize })
        // Unrelated texts share no run.
        #expect(Comparison.sharedRuns(a, Fingerprint(of: Fixtures.article(body: Fixtures.otherBody))).isEmpty)
    }

    @Test("a rewrite with no shared run of words is found by its resemblance")
    func rewrite() {
        let comparison = Comparison(Fixtures.article(body: Self.agencyStory), Fixtures.article(body: Self.newspaperRewrite))
        #expect(comparison.longestSharedRun < Comparison.Thresholds.default.sharedRunWords)
        #expect(max(comparison.containmentOfAInB, comparison.containmentOfBInA) < Comparison.Thresholds.default.partially)
        #expect(comparison.resemblance >= Comparison.Thresholds.default.resemblancePartially)
        #expect(comparison.verdict.sharesSource)
        // The score carries the resemblance on the containment's scale.
        #expect(comparison.score >= Comparison.Thresholds.default.partially)
    }

    @Test("grams are compared as sets of distinct grams, each side against the other")
    func gramContainment() {
        func print(_ text: String) -> Fingerprint { Fingerprint(of: Fixtures.article(body: [text])) }
        // 5-grams: abcde bcdef cdefg against bcdef cdefg defgh: 2 of 3 either way.
        let (aInB, bInA) = CharacterGrams.containment(print("ab cdefg"), print("bcd efgh"), size: 0)
        #expect(aInB == 2.0 / 3.0 && bInA == 2.0 / 3.0)
        // A repeated gram counts once: abcde bcdea cdeab deabc eabcd abcde are 5 distinct, of
        // which only abcde is among the other text's abcde bcdez.
        let (repeatedInOther, otherInRepeated) = CharacterGrams.containment(print("abcde abcde"), print("abcdez"), size: 0)
        #expect(repeatedInOther == 1.0 / 5.0)
        #expect(otherInRepeated == 1.0 / 2.0)
        #expect(CharacterGrams.containment(print("abcdef"), print(""), size: 0) == (0, 0))
    }

    @Test("texts of short words are compared on the short grams, texts of long words on the long ones")
    func gramSizeByWordLength() {
        let short = Fingerprint(of: Fixtures.article(body: ["ab cd ef gh ij kl mn"]))
        let shortCopy = Fingerprint(of: Fixtures.article(body: ["abcd efgh ijkl mn"]))
        // 2 characters a word: the 5-grams, which ignore the spacing, are all shared.
        #expect(Comparison.resemblance(short, shortCopy, longWords: 4.2) == 1)
        // Put the cut-off under 2 and the 8-grams decide: still shared, the letters are the same.
        #expect(Comparison.resemblance(short, shortCopy, longWords: 1) == 1)
        let other = Fingerprint(of: Fixtures.article(body: ["ab cd ef gh ij kl nm"]))
        // The last two letters swapped: of the 10 grams of 5, the 2 that hold them differ; of
        // the 7 grams of 8, also 2.
        #expect(abs(Comparison.resemblance(short, other, longWords: 4.2) - 0.8) < 1e-12)
        #expect(abs(Comparison.resemblance(short, other, longWords: 1) - 5.0 / 7.0) < 1e-12)
    }

    @Test("the resemblance scale meets the containment cut-offs at the resemblance cut-offs")
    func scale() {
        let t = Comparison.Thresholds.default
        #expect(t.scaled(resemblance: 0) == 0)
        #expect(abs(t.scaled(resemblance: t.resemblancePartially) - t.partially) < 1e-12)
        #expect(abs(t.scaled(resemblance: t.resemblanceWholly) - t.wholly) < 1e-12)
        #expect(t.scaled(resemblance: 1) == 1)
    }

    @Test("publication order comes from created times")
    func order() {
        let early = Fixtures.article(body: Fixtures.seedBody, created: "2023-12-08T09:20:00Z")
        let late = Fixtures.article(body: Fixtures.seedBody, created: "08-12-2023 14:59 IST")
        let order = PublicationOrder(early, late)
        #expect(order.first == .a)
        #expect(order.leadSeconds == 540)
        #expect(PublicationOrder(late, Fixtures.article(body: [])).first == .unknown)
    }
}
