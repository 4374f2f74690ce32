import Testing
import Wiretrace
import WiretraceTestSupport

@Suite("Version differences, counted and with their text")
struct VersionDiffSummaryTests {
    let created = "08-12-2023 14:59 IST"
    var v1: Article { Fixtures.article(body: Fixtures.seedBody, created: created, updated: "08-12-2023 15:00 IST") }

    @Test("a new paragraph and a fixed typo: one added, one edited, words counted, paragraphs numbered from 1")
    func typoFixedAndAdded() {
        var body = Fixtures.seedBody
        body[4] = body[4].replacing("spokeperson", with: "spokesperson")
        let added = "A Pentagon spokesperson said U.S. forces had come under attack at least 78 times since Oct. 17."
        body.insert(added, at: 4)
        let v2 = Fixtures.article(title: v1.title, body: body, created: created, updated: "08-12-2023 17:45 IST")
        let diff = VersionDiff(from: v1, to: v2)
        var expected = VersionDiff.Summary()
        expected.added = 1
        expected.edited = 1
        expected.wordsAdded = diff.changes.reduce(0) { $0 + $1.wordsAdded }
        expected.wordsRemoved = 1
        #expect(diff.summary == expected)
        #expect(diff.summary.wordsAdded > 1, "the new paragraph's words and the fixed word")

        let passages = diff.passages(old: v1, new: v2)
        #expect(passages.map(\.kind) == [.added, .edited])
        #expect(passages[0].new.first?.text == added && passages[0].old.isEmpty)
        #expect(passages[0].new.first?.paragraph == v2.paragraphs.firstIndex { $0.text == added }.map { $0 + 1 })
        #expect(passages[1].old.map(\.text).first?.contains("spokeperson") == true)
        #expect(passages[1].new.map(\.text).first?.contains("spokesperson") == true)
    }

    @Test("a cosmetic edit counts as cosmetic, not as edited")
    func cosmetic() {
        var body = Fixtures.seedBody
        body[0] = body[0].replacing("said.", with: "said .")
        let diff = VersionDiff(from: v1, to: Fixtures.article(title: v1.title, body: body, created: created, updated: "08-12-2023 15:00 IST"))
        #expect(diff.changes.count == 1 && diff.changes[0].isCosmetic)
        #expect(diff.summary.cosmetic == 1 && diff.summary.edited == 0)
    }

    @Test("no change, nothing counted")
    func identical() {
        #expect(VersionDiff(from: v1, to: v1).summary == VersionDiff.Summary())
    }
}
