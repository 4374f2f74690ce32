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

@Suite("scan JSON and the library's report")
struct ScanJSONKeysTests {
    /// `scan --json` maps the library's ``ScanReport`` field by field: a field added to the
    /// report and not to the JSON (and its schema) would never reach a user.
    @Test("scan --json carries every key of the library's ScanReport, and only those")
    func everyKey() throws {
        let mirror = try TestMirror.twoStories()
        let report = try mirror.scan()
        // The report's properties (its coding keys), nil ones too, which its encoding leaves out.
        let properties = Set(Mirror(reflecting: report).children.compactMap(\.label))
        let stored = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(report)) as? [String: Any])
        let run = try WiretraceBinary.run(["report", "--mirror", mirror.path, "--json"])
        let printed = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(Set(printed.keys) == properties, "only in the report: \(properties.subtracting(printed.keys)); only in the JSON: \(Set(printed.keys).subtracting(properties))")
        for nested in ["files", "timings", "linking", "totals"] {
            let inReport = (stored[nested] as? [String: Any]).map { Set($0.keys) }
            #expect((printed[nested] as? [String: Any]).map { Set($0.keys) } == inReport, "\(nested)")
        }
    }
}
