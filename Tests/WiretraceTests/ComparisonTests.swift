import Testing
import Wiretrace
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
        #expect(comparison.score == 0)
        #expect(comparison.matches.isEmpty)
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
