import Foundation
import Testing
import WiretraceTestSupport

@Suite("wiretrace diff, end to end")
struct DiffCommandTests {
    func path(_ name: String) -> String { "Samples/versions/" + name }

    func json(_ old: String, _ new: String) throws -> (Int32, [String: Any]) {
        let run = try WiretraceBinary.run(["diff", "--json", path(old), path(new)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        return (run.status, object)
    }

    @Test("the typo fix and new paragraph: text change, times moved, exit 1")
    func typoFixed() throws {
        let (status, report) = try json("baghdad-v1.txt", "baghdad-v2-typo-fixed.txt")
        #expect(status == 1)
        #expect(report["schemaVersion"] as? Int == 2)
        #expect(report["classification"] as? String == "text change")
        #expect(report["silentEdit"] as? Bool == false)
        let summary = try #require(report["summary"] as? [String: Int])
        #expect(summary["added"] == 1 && summary["edited"] == 1 && summary["removed"] == 0)
        let updated = try #require(report["updated"] as? [String: Any])
        #expect(updated["changed"] as? Bool == true)
    }

    @Test("the silent edit is flagged loudly on the terminal")
    func silentEdit() throws {
        let run = try WiretraceBinary.run(["diff", "--color", "never", path("baghdad-v2-typo-fixed.txt"), path("baghdad-v3-silent-edit.txt")])
        #expect(run.status == 1)
        let expected = try String(contentsOf: Fixtures.sample("expected/diff-v2-v3-silent-edit.txt"), encoding: .utf8)
        #expect(run.standardOutput == expected)
        #expect(run.standardOutput.contains("SILENT EDIT"))
        #expect(run.standardOutput.contains("[-no casualties,-]"))
    }

    @Test("quotes and white space only: cosmetic, exit 0")
    func cosmetic() throws {
        let (status, report) = try json("baghdad-v2-typo-fixed.txt", "baghdad-v2-cosmetic.txt")
        #expect(status == 0)
        #expect(report["classification"] as? String == "cosmetic")
        #expect(report["sameText"] as? Bool == true)
    }

    @Test("a moved paragraph is reported as one move")
    func moved() throws {
        let (status, report) = try json("baghdad-v2-typo-fixed.txt", "baghdad-v2-moved.txt")
        #expect(status == 1)
        let changes = try #require(report["changes"] as? [[String: Any]])
        #expect(changes.map { $0["kind"] as? String } == ["moved"])
    }

    @Test("a rewrite shows both versions whole")
    func rewrite() throws {
        let (status, report) = try json("baghdad-v2-typo-fixed.txt", "baghdad-v4-rewrite.txt")
        #expect(status == 1)
        #expect(report["rewrite"] as? Bool == true)
        #expect(report["titleChanged"] as? Bool == true)
        #expect((report["oldText"] as? [Any])?.count == 6)
        let text = try WiretraceBinary.run(["diff", "--color", "never", path("baghdad-v2-typo-fixed.txt"), path("baghdad-v4-rewrite.txt")])
        #expect(text.standardOutput.contains("so both versions are shown whole"))
    }

    @Test("the same file is identical, exit 0; a missing one is trouble, exit 2")
    func sameAndMissing() throws {
        let same = try WiretraceBinary.run(["diff", path("baghdad-v1.txt"), path("baghdad-v1.txt")])
        #expect(same.status == 0)
        #expect(same.standardOutput.hasPrefix("identical"))
        let missing = try WiretraceBinary.run(["diff", path("baghdad-v1.txt"), path("nope.txt")])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("Samples/versions/nope.txt: no such file"))
    }

    @Test("a page without article text has nothing to diff: exit 2 with a message naming it")
    func noArticleText() throws {
        let run = try WiretraceBinary.run(["diff", path("baghdad-v1.txt"), "Samples/html/no-article-text.html"])
        #expect(run.status == 2)
        #expect(run.standardError.contains("Samples/html/no-article-text.html: no article text found"))
        #expect(run.standardOutput.isEmpty)
    }
}
