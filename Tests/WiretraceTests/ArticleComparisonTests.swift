import Testing
import Wiretrace
import WiretraceTestSupport

@Suite("Two articles side by side")
struct ArticleComparisonTests {
    @Test("a trimmed copy published later: shares a source, A first, every paragraph of B matched exactly")
    func trimmedCopy() {
        let source = Fixtures.article(body: Fixtures.seedBody, created: "08-12-2023 14:59 IST")
        let copy = Fixtures.article(body: Array(Fixtures.seedBody.prefix(3)), created: "08-12-2023 16:10 IST")
        let pair = ArticleComparison(source, copy)
        #expect(pair.comparison.verdict.sharesSource)
        #expect(pair.publishedFirst.first == .a && pair.publishedFirst.leadSeconds == 71 * 60)
        #expect(pair.shared.matches.map(\.b.paragraph) == [1, 2, 3] && pair.shared.matches.allSatisfy { $0.kind == .exact })
        #expect(pair.a.fingerprint.countedParagraphs.count == 5 && pair.b.fingerprint.countedParagraphs.count == 3)
        #expect(pair.a.created?.text == "08-12-2023 14:59 IST" && pair.b.updated == nil)
    }

    @Test("an unrelated story shares nothing")
    func unrelated() {
        let pair = ArticleComparison(Fixtures.article(body: Fixtures.seedBody), Fixtures.article(title: "Rates held", body: Fixtures.otherBody))
        #expect(!pair.comparison.verdict.sharesSource)
        #expect(pair.shared.matches.isEmpty)
        #expect(pair.publishedFirst.first == .unknown)
    }
}
