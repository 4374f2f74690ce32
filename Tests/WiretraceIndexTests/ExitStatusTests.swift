import Foundation
import Testing
import WiretraceIndex
import WiretraceTestSupport

/// The exit status a nightly job sees: 0 when the scan did its work, 1 only when files became
/// unreadable in this scan (by default), 2 when the scan failed.
@Suite("scan exit status for cron", .serialized)
struct ExitStatusTests {
    private let good = TestMirror.article("Harbour walls to be raised", TestMirror.unrelated(3))

    @Test("the policy: new fails on files unreadable in this scan, any on every unreadable file, never not at all")
    func policy() throws {
        let mirror = try TestMirror()
        try mirror.write("site/good.txt", good)
        try mirror.write("site/empty.txt", "")
        #expect(try mirror.scan().exitStatus == 1, "a file became unreadable in this scan")
        #expect(try mirror.scan().exitStatus == 0, "the same file, still bad, is no news")
        #expect(try mirror.scan(failOn: .any).exitStatus == 1)
        try mirror.write("site/empty-too.txt", "")
        #expect(try mirror.scan(failOn: .never).exitStatus == 0)
        try mirror.write("site/empty-three.txt", "")
        let report = try mirror.scan()
        #expect(report.exitStatus == 1 && report.badFiles.map(\.path) == ["site/empty-three.txt"])
        #expect(report.stillBadFiles.map(\.path) == ["site/empty-too.txt", "site/empty.txt"])
    }

    @Test("the binary: exit 1 the night a file goes bad, 0 the nights after with the file listed as still bad; --fail-on any and never")
    func binary() throws {
        let mirror = try TestMirror()
        try mirror.write("site/good.txt", good)
        try mirror.write("site/broken.html.gz", Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00]))
        let first = try WiretraceBinary.run(["scan", mirror.path, "--color", "never", "--no-progress"])
        #expect(first.status == 1)
        #expect(first.standardOutput.contains("Needs a person\n  could not be read: site/broken.html.gz: "))
        let second = try WiretraceBinary.run(["scan", mirror.path, "--color", "never", "--no-progress"])
        #expect(second.status == 0, "\(second.standardOutput)")
        #expect(second.standardOutput.contains("site/broken.html.gz: ") && second.standardOutput.contains("(unchanged since an earlier scan)"))
        #expect(try WiretraceBinary.run(["scan", mirror.path, "--no-progress", "--fail-on", "any"]).status == 1)
        try mirror.write("site/empty.txt", "")
        let never = try WiretraceBinary.run(["scan", mirror.path, "--no-progress", "--color", "never", "--fail-on", "never"])
        #expect(never.status == 0)
        #expect(never.standardOutput.contains("site/empty.txt: empty file"), "listed all the same")
        let typo = try WiretraceBinary.run(["scan", mirror.path, "--fail-on", "sometimes"])
        #expect(typo.status == 2, "a usage error")
        #expect(typo.standardError.contains("--fail-on"))
    }

    @Test("a broken link the walk finds every night is new once, then still bad")
    func walkProblemOnce() throws {
        let mirror = try TestMirror()
        try mirror.write("site/good.txt", good)
        try FileManager.default.createSymbolicLink(atPath: mirror.path + "/site/dangling.txt", withDestinationPath: mirror.path + "/nowhere.txt")
        #expect(try WiretraceBinary.run(["scan", mirror.path, "--no-progress"]).status == 1)
        let again = try WiretraceBinary.run(["scan", mirror.path, "--no-progress", "--json"])
        #expect(again.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(again.standardOutput.utf8)) as? [String: Any])
        #expect((json["stillBadFiles"] as? [[String: String]])?.map { $0["path"] } == ["site/dangling.txt"])
        #expect((json["badFiles"] as? [Any])?.isEmpty == true)
        // Fixed: the link points at an article now, which is read.
        try mirror.write("nowhere.txt", TestMirror.article("Ferry timetable trimmed", TestMirror.unrelated(4)))
        let fixed = try WiretraceBinary.run(["scan", mirror.path, "--no-progress", "--json"])
        #expect(fixed.status == 0)
        let fixedJSON = try #require(try JSONSerialization.jsonObject(with: Data(fixed.standardOutput.utf8)) as? [String: Any])
        #expect((fixedJSON["stillBadFiles"] as? [Any])?.isEmpty == true)
        #expect(fixedJSON["newDocuments"] as? Int == 2, "the link's article, and nowhere.txt itself")
    }
}
