import Foundation
import Testing
import Wiretrace
import WiretraceIndex
import WiretraceTestSupport

@Suite("Stories")
struct StoryTests {
    @Test("copies of one wire story are one story; an independent report of the same event is not in it")
    func storyOfCopies() throws {
        let mirror = try TestMirror()
        try mirror.copySample("articles/reuters-baghdad-embassy.txt", to: "www.reuters.com/world/baghdad.txt")
        try mirror.copySample("articles/devdiscourse-reuters-baghdad-embassy.txt", to: "www.devdiscourse.com/article/baghdad.txt")
        try mirror.copySample("articles/gulfwire-baghdad-embassy-trimmed.txt", to: "www.gulfwire.ae/news/baghdad.txt")
        try mirror.copySample("articles/independent-baghdad-embassy.txt", to: "www.independent.ie/world/baghdad.txt")
        let report = try mirror.scan()
        try #require(report.newStories.count == 1)
        let story = report.newStories[0]
        #expect(Set(story.timeline.map(\.path)) == ["www.reuters.com/world/baghdad.txt", "www.devdiscourse.com/article/baghdad.txt",
                                                   "www.gulfwire.ae/news/baghdad.txt"])
        #expect(story.likelySource.agency == "Reuters")
        #expect(story.likelySource.path == "www.reuters.com/world/baghdad.txt")
        #expect(story.likelySource.evidence.contains { $0.contains("agency's own copy") })
        #expect(story.timeline.first?.path == "www.reuters.com/world/baghdad.txt", "the timeline starts with the earliest copy")
        #expect(report.republications == 2, "two copies joined the story; Reuters' own is its source")
    }

    @Test("an index built under fingerprint version n1-k5-w4 is fingerprinted again from its stored articles on the first scan")
    func refingerprintsAnOldIndex() throws {
        let mirror = try TestMirror()
        try mirror.copySample("articles/reuters-baghdad-embassy.txt", to: "www.reuters.com/world/baghdad.txt")
        try mirror.copySample("articles/devdiscourse-reuters-baghdad-embassy.txt", to: "www.devdiscourse.com/article/baghdad.txt")
        #expect(try mirror.scan().newStories.count == 1)
        // What the first version left: its version in the index and on every print, its own
        // fingerprint bytes (made unreadable here: they must not be used), no links yet.
        try sqlite(mirror.indexPath, """
            UPDATE meta SET value = 'n1-k5-w4' WHERE key = 'fingerprintVersion';
            UPDATE print SET fingerprintVersion = 'n1-k5-w4', fingerprint = X'00';
            """)
        let report = try mirror.scan()
        #expect(report.refingerprinted == 2)
        #expect(report.files.read == 0, "the articles come from the index, not from the files")
        #expect(report.fingerprintVersion == FingerprintVersion.current.description)
        let current = FingerprintVersion.current.description
        #expect(try sqlite(mirror.indexPath, "SELECT value FROM meta WHERE key = 'fingerprintVersion'") == current)
        #expect(try sqlite(mirror.indexPath, "SELECT DISTINCT fingerprintVersion FROM print") == current)
        #expect(try sqlite(mirror.indexPath, "SELECT COUNT(*) FROM print WHERE length(fingerprint) > 1") == "2")
        let stories = try mirror.index().stories()
        #expect(stories.count == 1)
        // A second scan has nothing left to fingerprint again.
        #expect(try mirror.scan().refingerprinted == 0)
    }

    @Test("a newspaper's rewrite of a wire story (paraphrased, merged into one paragraph) is found through the resemblance sketch and linked")
    func linksRewrittenCopy() throws {
        let wire = "articles/wire-ferry-fire.txt", paper = "articles/paper-ferry-fire-rewrite.txt"
        // The pair shares no paragraph and almost no run of five words: the word postings give
        // no candidate, yet the comparison calls it derived.
        let comparison = Comparison(try Fingerprint(of: Self.article(wire)), try Fingerprint(of: Self.article(paper)))
        try #require(comparison.verdict.sharesSource)
        let mirror = try TestMirror()
        try mirror.copySample(wire, to: "www.meridianwire.example/harbour/ferry.txt")
        try mirror.copySample(paper, to: "www.lakeport-gazette.example/local/ferries.txt")
        let report = try mirror.scan()
        #expect(report.linking.candidatePairs == 1)
        try #require(report.newStories.count == 1)
        #expect(Set(report.newStories[0].timeline.map(\.path)) == ["www.meridianwire.example/harbour/ferry.txt",
                                                                   "www.lakeport-gazette.example/local/ferries.txt"])
    }

    @Test("an index whose postings were made before they had a version is fingerprinted again and gets the sketch postings")
    func refingerprintsOldPostings() throws {
        let mirror = try TestMirror()
        try mirror.copySample("articles/wire-ferry-fire.txt", to: "www.meridianwire.example/harbour/ferry.txt")
        try mirror.copySample("articles/paper-ferry-fire-rewrite.txt", to: "www.lakeport-gazette.example/local/ferries.txt")
        _ = try mirror.scan()
        let sketchPostings = "SELECT COUNT(*) FROM posting WHERE (hash >> 32) & 4294967295 = 1465140024"
        #expect(try sqlite(mirror.indexPath, sketchPostings) == "128", "64 sketch grams per document")
        // What an older build left: no postings version, postings without the sketch.
        try sqlite(mirror.indexPath, """
            DELETE FROM meta WHERE key = 'postingsVersion';
            DELETE FROM posting WHERE (hash >> 32) & 4294967295 = 1465140024;
            """)
        let report = try mirror.scan()
        #expect(report.refingerprinted == 2)
        #expect(try sqlite(mirror.indexPath, "SELECT value FROM meta WHERE key = 'postingsVersion'") == "2")
        #expect(try sqlite(mirror.indexPath, sketchPostings) == "128")
        #expect(try mirror.index().stories().count == 1)
        #expect(try mirror.scan().refingerprinted == 0)
    }

    private static func article(_ sample: String) throws -> Article {
        let text = try String(contentsOf: Fixtures.sample(sample), encoding: .utf8)
        return Article(paragraphs: text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }.map { Paragraph($0) })
    }

    @discardableResult
    private func sqlite(_ path: String, _ sql: String) throws -> String {
        let process = Process(), output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", path, sql]
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("a document indexed without a stored fingerprint (before schema v2) still links to a copy that arrives later")
    func linksWithoutStoredFingerprint() throws {
        let mirror = try TestMirror()
        try mirror.copySample("articles/reuters-baghdad-embassy.txt", to: "www.reuters.com/world/baghdad.txt")
        #expect(try mirror.scan().newStories.isEmpty)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", mirror.indexPath, "UPDATE print SET fingerprint = NULL"]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        try mirror.copySample("articles/devdiscourse-reuters-baghdad-embassy.txt", to: "www.devdiscourse.com/article/baghdad.txt")
        let story = try #require(try mirror.scan().newStories.first)
        #expect(Set(story.timeline.map(\.path)) == ["www.reuters.com/world/baghdad.txt", "www.devdiscourse.com/article/baghdad.txt"])
        // The stored article (compressed since v2) reads back for history and reports.
        let first = try #require(story.timeline.first)
        let article = try #require(try mirror.index().currentArticle(ofDocument: first.documentId))
        #expect(article.paragraphs.contains { $0.text.contains("spokeperson") })
    }

    @Test("without the agency's own copy, the copy that contains the others is the likely source")
    func containmentDirection() throws {
        let mirror = try TestMirror()
        let full = TestMirror.article("Embassy attacked", published: "2023-12-08T10:00:00Z", Fixtures.seedBody)
        // A trimmed copy that declares an earlier (wrong) time: containment outranks it.
        let trimmed = TestMirror.article("Embassy attacked", published: "2023-12-08T09:00:00Z", Array(Fixtures.seedBody.prefix(3)))
        try mirror.write("www.fullcopy.com/a.txt", full)
        try mirror.write("www.trimmed.com/b.txt", trimmed)
        let story = try #require(try mirror.scan().newStories.first)
        #expect(story.likelySource.path == "www.fullcopy.com/a.txt")
        #expect(story.likelySource.evidence.contains { $0.contains("containment direction") })
        #expect(story.likelySource.evidence.contains { $0.contains("not the copy chosen") })
    }

    @Test("two text-identical copies with the same created time: the source is undecided between them, never chosen by path")
    func identicalCopiesUndecided() throws {
        let mirror = try TestMirror()
        let page = TestMirror.article("Embassy attacked", published: "2023-12-08T10:00:00Z", Fixtures.seedBody)
        try mirror.write("www.alpha.com/a.txt", page)
        try mirror.write("www.beta.com/b.txt", page)
        let story = try #require(try mirror.scan().newStories.first)
        let ids = story.timeline.map { Int64($0.documentId) }
        #expect(story.likelySource.decision == .undecided(between: ids.sorted(), because: .identicalText))
        #expect(story.likelySource.documentId == nil && story.likelySource.path == nil)
        #expect(story.timeline.allSatisfy { $0.isSourceCandidate && !$0.isSource })
        #expect(story.likelySource.evidence.contains { $0.hasPrefix("undecided between alpha.com and beta.com") })
        #expect(!story.likelySource.evidence.contains { $0.contains("earliest created time:") })
        // Passages are still shown, against the first candidate, and say it.
        let passages = try mirror.index().passages(of: story)
        #expect(passages.count == 1)
        #expect(passages.first?.comparedWith == story.likelySource.undecidedBetween.first)
    }

    @Test("a saved copy of a page that keeps the page's canonical URL is a copy of the publisher's page, not a rival source")
    func canonicalURLNamesThePublisher() throws {
        let mirror = try TestMirror()
        let page = "mirror/www.dailyledger.co.uk/world/rockets-hit-us-embassy-compound-baghdad.html"
        try mirror.copySample(page, to: "www.aggregator.net/saved/ledger-rockets.html")
        try mirror.copySample(page, to: "www.dailyledger.co.uk/world/rockets-hit-us-embassy-compound-baghdad.html")
        let story = try #require(try mirror.scan().newStories.first)
        #expect(story.likelySource.path == "www.dailyledger.co.uk/world/rockets-hit-us-embassy-compound-baghdad.html")
        #expect(story.likelySource.evidence.contains { $0.contains("canonical URL on the site of") })
        let copy = try #require(story.timeline.first { !$0.isSource })
        #expect(copy.identicalCopyOf == story.likelySource.documentId)
    }

    @Test("a story row summarized by an older build (evidence as sentences only) still reads, its document id as the decision")
    func olderEvidenceRow() throws {
        let old = #"{"agency":"Reuters","documentId":3,"evidence":["Reuters is credited for the text by 2 of 2 copies"],"outlet":"reuters.com","path":"p.txt"}"#
        let source = try JSONDecoder().decode(LikelySource.self, from: Data(old.utf8))
        #expect(source.decision == .source(document: 3))
        #expect(source.facts.isEmpty && source.evidence.count == 1)
        let none = try JSONDecoder().decode(LikelySource.self, from: Data(#"{"evidence":[]}"#.utf8))
        #expect(none.decision == .none && none.documentId == nil)
    }

    @Test("a text-identical copy published after the source is named an identical copy of it")
    func identicalCopyOfSource() throws {
        let mirror = try TestMirror()
        try mirror.write("www.alpha.com/a.txt", TestMirror.article("Embassy attacked", published: "2023-12-08T10:00:00Z", Fixtures.seedBody))
        try mirror.write("www.beta.com/b.txt", TestMirror.article("Embassy attacked", published: "2023-12-08T12:00:00Z", Fixtures.seedBody))
        let story = try #require(try mirror.scan().newStories.first)
        let source = try #require(story.timeline.first { $0.isSource })
        #expect(source.path == "www.alpha.com/a.txt")
        let copy = try #require(story.timeline.first { !$0.isSource })
        #expect(copy.identicalCopyOf == source.documentId)
        #expect(story.likelySource.evidence.contains("beta.com is an identical copy of alpha.com"))
    }

    @Test("a copy arriving in a later scan joins the existing story and keeps its id")
    func storyGrows() throws {
        let mirror = try TestMirror()
        try mirror.copySample("articles/reuters-baghdad-embassy.txt", to: "www.reuters.com/world/baghdad.txt")
        try mirror.copySample("articles/devdiscourse-reuters-baghdad-embassy.txt", to: "www.devdiscourse.com/article/baghdad.txt")
        let first = try #require(try mirror.scan().newStories.first)
        try mirror.copySample("articles/gulfwire-baghdad-embassy-trimmed.txt", to: "www.gulfwire.ae/news/baghdad.txt")
        let second = try mirror.scan()
        #expect(second.newStories.isEmpty)
        let updated = try #require(second.updatedStories.first)
        #expect(updated.id == first.id && updated.size == 3)
        #expect(updated.timeline.filter(\.isNew).map(\.path) == ["www.gulfwire.ae/news/baghdad.txt"])
        #expect(try mirror.index().stories().map(\.id) == [first.id])
    }

    @Test("a line shared by most articles of one outlet is learned as boilerplate and links nothing")
    func learnedBoilerplate() throws {
        let mirror = try TestMirror()
        // A house line long enough to make unrelated articles look partially derived, and
        // one the paragraph classifier does not know.
        let house = "The Harbour Times has reported from the coast since 1952 and remains owned by its readers; "
            + "every story is checked by two editors before it appears here, in print and in our weekly digest for subscribers."
        for number in 0..<12 {
            try mirror.write("www.harbourtimes.com/local/\(number).txt",
                             TestMirror.article("Local story \(number)", Array(TestMirror.unrelated(100 + number).prefix(1)) + [house]))
        }
        let report = try mirror.scan()
        #expect(report.newStories.isEmpty, "unrelated articles must not be linked by their outlet's boilerplate")
        #expect(report.linking.learnedBoilerplate > 0)
        #expect(report.totals.boilerplateHashes == report.linking.learnedBoilerplate)
    }

    @Test("stories can be filtered by outlet and agency")
    func filters() throws {
        let mirror = try TestMirror.twoStories()
        _ = try mirror.scan()
        let index = try mirror.index()
        #expect(try index.stories().count == 2)
        #expect(try index.stories(StoryFilter(agency: "PTI")).map { $0.likelySource.agency } == ["PTI"])
        #expect(try index.stories(StoryFilter(agency: "reuters")).count == 1)
        #expect(try index.stories(StoryFilter(outlet: "devdiscourse")).first?.likelySource.agency == "Reuters")
        #expect(try index.stories(StoryFilter(outlet: "nobody")).isEmpty)
        let id = try #require(try index.stories(StoryFilter(agency: "PTI")).first?.id)
        let detail = try #require(try index.story(id: id))
        #expect(detail.links.count == 1 && detail.story.size == 2)
    }

    @Test("outlets rolls the stories up by outlet and agency: copies taken, stories sourced, median delay after the source")
    func outletRollUp() throws {
        let mirror = try TestMirror.twoStories()
        _ = try mirror.scan()
        let index = try mirror.index()
        let rows = try index.outlets()
        #expect(rows.count == 4)
        let taken = rows.filter { $0.copies > 0 }
        #expect(Set(taken.map(\.agency)) == ["Reuters", "PTI"] && taken.allSatisfy { $0.storiesTaken == 1 && $0.storiesSourced == 0 })
        // Reuters published at 09:20 UTC, the Devdiscourse copy declares 09:29 UTC; the Hindi
        // outlet's copy declares only its update, 37 minutes after PTI's 07:35 UTC.
        #expect(taken.first { $0.agency == "Reuters" }?.medianDelaySeconds == Int64(9 * 60))
        #expect(taken.first { $0.agency == "PTI" }?.medianDelaySeconds == Int64(37 * 60))
        #expect(rows.filter { $0.storiesSourced == 1 }.count == 2)
        #expect(try index.outlets(StoryFilter(agency: "pti")).count == 2)
        #expect(try index.outlets(StoryFilter(since: Timestamp(year: 2024, month: 1, day: 1))).allSatisfy { $0.agency == "PTI" })
    }

    @Test("since and until bound the copies' publication times (first seen when asked), and the count ignores the limit")
    func timeWindows() throws {
        // The Baghdad copies were published on 8 December 2023, the monsoon copies on 30 May 2024.
        let mirror = try TestMirror.twoStories()
        _ = try mirror.scan()
        let index = try mirror.index()
        func agencies(_ filter: StoryFilter) throws -> [String?] { try index.stories(filter).map(\.likelySource.agency).sorted { ($0 ?? "") < ($1 ?? "") } }
        #expect(try agencies(StoryFilter(since: Timestamp(year: 2024, month: 1, day: 1))) == ["PTI"])
        #expect(try agencies(StoryFilter(until: Timestamp(year: 2023, month: 12, day: 31))) == ["Reuters"])
        #expect(try agencies(StoryFilter(since: Timestamp(year: 2023, month: 12, day: 8), until: Timestamp(year: 2023, month: 12, day: 8, hour: 23))) == ["Reuters"])
        #expect(try agencies(StoryFilter(since: Timestamp(year: 2025, month: 1, day: 1))).isEmpty)
        // Every copy was first seen by this scan, today.
        #expect(try agencies(StoryFilter(since: Timestamp(year: 2025, month: 1, day: 1), basis: .seen)) == ["PTI", "Reuters"])
        #expect(try index.stories(StoryFilter(limit: 1)).count == 1)
        #expect(try index.storyCount(StoryFilter(limit: 1)) == 2)
        #expect(try index.storyCount(StoryFilter(agency: "PTI", since: Timestamp(year: 2024, month: 1, day: 1))) == 1)
    }
}
