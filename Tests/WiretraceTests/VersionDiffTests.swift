import Testing
import Wiretrace
import WiretraceTestSupport

@Suite("Version differences")
struct VersionDiffTests {
    let created = "08-12-2023 14:59 IST"
    var v1: Article { Fixtures.article(body: Fixtures.seedBody, created: created, updated: "08-12-2023 15:00 IST") }

    func version(_ body: [String], updated: String = "08-12-2023 15:00 IST", title: String? = nil) -> Article {
        Fixtures.article(title: title ?? v1.title, body: body, created: created, updated: updated)
    }

    @Test("the same text is identical and exits as same")
    func identical() {
        let diff = VersionDiff(from: v1, to: v1)
        #expect(diff.classification == .identical)
        #expect(diff.changes.isEmpty)
        #expect(diff.sameText)
    }

    @Test("a fixed typo and a new paragraph with a later updated time")
    func typoFixedAndAdded() {
        var body = Fixtures.seedBody
        body[4] = body[4].replacing("spokeperson", with: "spokesperson")
        body.insert("A Pentagon spokesperson said U.S. forces had come under attack at least 78 times since Oct. 17.", at: 4)
        let diff = VersionDiff(from: v1, to: version(body, updated: "08-12-2023 17:45 IST"))
        #expect(diff.classification == .textChange)
        #expect(!diff.isSilentEdit)
        #expect(diff.updated.changed)
        #expect(diff.changes.map(\.kind) == [.added, .edited])
        let edit = diff.changes[1]
        #expect(edit.old == [4] && edit.new == [5])
        #expect(edit.words.filter { $0.kind != .same }.map(\.text) == ["spokeperson", "spokesperson"])
        #expect(edit.wordsAdded == 1 && edit.wordsRemoved == 1)
    }

    @Test("a changed casualty figure with the updated time left alone is a silent edit")
    func silentEdit() {
        var body = Fixtures.seedBody
        body[0] = body[0].replacing("but there were no casualties", with: "and two guards were lightly wounded")
        let diff = VersionDiff(from: v1, to: version(body))
        #expect(diff.classification == .textChange)
        #expect(diff.isSilentEdit)
        #expect(diff.changes.count == 1 && diff.changes[0].kind == .edited)
    }

    @Test("quotes, white space and punctuation only are cosmetic, not a text change")
    func cosmetic() {
        var body = Fixtures.seedBody
        body[2] = body[2].replacing("\"We again", with: "\u{201C}We  again").replacing("facilities,\"", with: "facilities,\u{201D}")
        body[1] = body[1].replacing("responsibility.", with: "responsibility;")
        let diff = VersionDiff(from: v1, to: version(body))
        #expect(diff.classification == .cosmetic)
        #expect(diff.sameText)
        #expect(diff.changes.count == 1 && diff.changes[0].isCosmetic)
        #expect(!diff.isSilentEdit)
    }

    @Test("only the updated time moved: a metadata-only change")
    func metadataOnly() {
        let diff = VersionDiff(from: v1, to: version(Fixtures.seedBody, updated: "08-12-2023 16:00 IST"))
        #expect(diff.classification == .metadataOnly)
        #expect(diff.sameText)
    }

    @Test("a moved paragraph is one move, not a removal and an addition")
    func moved() {
        var body = Fixtures.seedBody
        let paragraph = body.remove(at: 3)
        body.insert(paragraph, at: 1)
        let diff = VersionDiff(from: v1, to: version(body))
        #expect(diff.changes.count == 1)
        #expect(diff.changes.first?.kind == .moved)
        #expect(diff.survivingShare == 1)
    }

    @Test("a paragraph split in two and two paragraphs merged")
    func splitAndMerge() {
        var body = Fixtures.seedBody
        let sentences = body[1].split(separator: ". ", maxSplits: 1)
        body[1] = String(sentences[0]) + "."
        body.insert(String(sentences[1]), at: 2)
        let split = VersionDiff(from: v1, to: version(body))
        #expect(split.changes.map(\.kind) == [.split])
        #expect(split.changes.first?.old == [1] && split.changes.first?.new == [1, 2])

        var merged = Fixtures.seedBody
        merged[2] = merged[2] + " " + merged[3]
        merged.remove(at: 3)
        let merge = VersionDiff(from: v1, to: version(merged))
        #expect(merge.changes.map(\.kind) == [.merged])
        #expect(merge.changes.first?.old == [2, 3] && merge.changes.first?.new == [2])
    }

    @Test("a removed paragraph and a changed headline")
    func removedAndRetitled() {
        let diff = VersionDiff(from: v1, to: version(Array(Fixtures.seedBody.dropLast()), updated: "08-12-2023 18:00 IST", title: "Rockets fired at US embassy in Baghdad"))
        #expect(diff.titleChanged)
        #expect(diff.changes.map(\.kind) == [.removed])
        // Tokens: "self-defence" counts as two words.
        #expect(diff.changes[0].wordsRemoved == 22)
    }

    @Test("a rewrite keeps less than a third of the text")
    func rewrite() {
        let diff = VersionDiff(from: v1, to: version(Fixtures.otherBody + [Fixtures.seedBody[4]], updated: "09-12-2023 08:10 IST"))
        #expect(diff.isRewrite)
        #expect(diff.survivingShare < 1.0 / 3.0)
    }

    @Test("a revert is a real change back")
    func revert() {
        var body = Fixtures.seedBody
        body[0] = body[0].replacing("two salvos", with: "three salvos")
        let edited = version(body, updated: "08-12-2023 16:00 IST")
        let reverted = version(Fixtures.seedBody, updated: "08-12-2023 17:00 IST")
        let diff = VersionDiff(from: edited, to: reverted)
        #expect(diff.classification == .textChange)
        #expect(diff.changes.first?.words.filter { $0.kind != .same }.map(\.text) == ["three", "two"])
    }

    @Test("an updated time earlier than the created time is flagged")
    func updatedBeforeCreated() {
        let diff = VersionDiff(from: v1, to: version(Fixtures.seedBody, updated: "08-12-2023 14:00 IST"))
        #expect(diff.updatedBeforeCreated)
    }

    @Test("word diff aligns words like git --word-diff")
    func wordDiff() {
        let segments = WordDiff.segments(from: "the quick brown fox jumps", to: "the slow brown fox leaps high")
        #expect(segments.map(\.kind) == [.same, .removed, .added, .same, .removed, .added])
        #expect(segments.map(\.text) == ["the", "quick", "slow", "brown fox", "jumps", "leaps high"])
    }
}
