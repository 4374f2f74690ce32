import Foundation
import Testing
import Wiretrace
import WiretraceIndex
import WiretraceTestSupport

@Suite("History reports and counted versions")
struct HistoryReportTests {
    @Test("every version with its diff from the one before; the scan report counts the new version's changes")
    func history() throws {
        let mirror = try TestMirror()
        var body = Fixtures.seedBody
        try mirror.write("site/story.txt", TestMirror.article("Embassy attacked", published: "2023-12-08T09:20:00Z", updated: "2023-12-08T09:30:00Z", body))
        _ = try mirror.scan()
        body[4] = body[4].replacingOccurrences(of: "spokeperson", with: "spokesperson")
        try mirror.write("site/story.txt", TestMirror.article("Embassy attacked", published: "2023-12-08T09:20:00Z", updated: "2023-12-08T12:15:00Z", body))
        let second = try mirror.scan()
        let counts = try #require(second.versions.first?.counts)
        #expect(counts.edited == 1 && counts.added == 0 && counts.wordsAdded == 1 && counts.wordsRemoved == 1)
        #expect(second.versions.first?.outlet == "site", "a version without a declared outlet is named by its site, as story members are")

        let history = try #require(try mirror.index().historyReport(of: "site/story.txt"))
        #expect(history.versions.map(\.version.number) == [1, 2])
        #expect(history.versions[0].diff == nil && history.versions[0].passages.isEmpty, "a first version has nothing before it")
        #expect(history.versions[1].version.counts == counts, "history and the scan report count alike")
        let edit = try #require(history.versions[1].passages.first)
        #expect(edit.kind == .edited)
        #expect(edit.old.first?.text.contains("spokeperson") == true && edit.new.first?.text.contains("spokesperson") == true)
        #expect(try mirror.index().historyReport(of: "site/nothing.txt") == nil)
    }
}
