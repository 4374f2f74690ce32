import Foundation
import Testing
import WiretraceTestSupport

/// Runs `Scripts/validate-json`, which checks a document against `Sources/wiretrace/Schemas`
/// with Python's jsonschema (Scripts/bootstrap installs it).
enum SchemaValidator {
    /// Whether python3 with jsonschema is here; the tests that need it are skipped otherwise.
    static let available: Bool = {
        guard let outcome = try? run(["-c", "import jsonschema, referencing"]) else { return false }
        return outcome.status == 0
    }()

    static func run(_ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = Fixtures.root
        let output = Pipe(), standardInput = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(Data(input.utf8)) }
        try standardInput.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The violations of `document` against the schema of `command` (empty when it conforms).
    static func violations(of document: String, command: String) throws -> String {
        let outcome = try run(["Scripts/validate-json", command], input: document)
        return outcome.status == 0 ? "" : outcome.output.isEmpty ? "validate-json exited \(outcome.status)" : outcome.output
    }
}

/// The real `--json` output of every command, on the samples, against its schema file.
@Suite("JSON output against the schema files", .enabled(if: SchemaValidator.available, "python3 with jsonschema is missing (Scripts/bootstrap installs it)"))
struct JSONSchemaTests {
    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func checked(_ arguments: [String], schema: String, status: Int32 = 0) throws -> [String: Any] {
        let run = try WiretraceBinary.run(arguments + ["--json"])
        #expect(run.status == status, "\(arguments): \(run.standardError)")
        let violations = try SchemaValidator.violations(of: run.standardOutput, command: schema)
        #expect(violations.isEmpty, "\(arguments.joined(separator: " ")) --json does not match \(schema).schema.json:\n\(violations)")
        let document = try object(run.standardOutput)
        #expect(document["schemaVersion"] as? Int == 2)
        return document
    }

    @Test("the schema files are what Scripts/make-json-schemas writes")
    func schemasAreCurrent() throws {
        let outcome = try SchemaValidator.run(["Scripts/make-json-schemas", "--check"])
        #expect(outcome.status == 0, "\(outcome.output)")
    }

    @Test("a schema fails a document whose shape changed: a key gone, a key added, a null left out")
    func schemasAreStrict() throws {
        let run = try WiretraceBinary.run(["inspect", "--json", "Samples/articles/reuters-baghdad-embassy.txt"])
        var document = try object(run.standardOutput)
        #expect(try SchemaValidator.violations(of: run.standardOutput, command: "inspect").isEmpty)
        document["byline"] = nil
        let withoutNull = String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
        #expect(try !SchemaValidator.violations(of: withoutNull, command: "inspect").isEmpty)
        document["byline"] = NSNull()
        document["extra"] = 1
        let withExtra = String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
        #expect(try !SchemaValidator.violations(of: withExtra, command: "inspect").isEmpty)
    }

    @Test("compare: both sides named as documents, their times as time objects")
    func compare() throws {
        let document = try checked(["compare", "Samples/articles/reuters-baghdad-embassy.txt", "Samples/articles/devdiscourse-reuters-baghdad-embassy.txt"],
                                   schema: "compare")
        let a = try #require(document["a"] as? [String: Any])
        let named = try #require(a["document"] as? [String: Any])
        #expect(named["path"] as? String == "Samples/articles/reuters-baghdad-embassy.txt")
        #expect(named["id"] is NSNull, "a file read outside an index has no id")
        let created = try #require(a["created"] as? [String: Any])
        #expect(created["kind"] as? String == "created" && created["instant"] as? String == "2023-12-08T09:20:00Z")
        _ = try checked(["compare", "Samples/articles/reuters-baghdad-embassy.txt", "Samples/articles/wire-ferry-fire.txt"], schema: "compare", status: 1)
    }

    @Test("diff: an edit, a silent edit and a rewrite, with the one summary shape")
    func diff() throws {
        let edit = try checked(["diff", "Samples/versions/baghdad-v1.txt", "Samples/versions/baghdad-v2-typo-fixed.txt"], schema: "diff", status: 1)
        let summary = try #require(edit["summary"] as? [String: Int])
        #expect(summary["added"] == 1 && summary["edited"] == 1)
        #expect(edit["oldText"] is NSNull, "not a rewrite: the versions are not shown whole")
        _ = try checked(["diff", "Samples/versions/baghdad-v2-typo-fixed.txt", "Samples/versions/baghdad-v3-silent-edit.txt"], schema: "diff", status: 1)
        let rewrite = try checked(["diff", "Samples/articles/wire-ferry-fire.txt", "Samples/articles/paper-ferry-fire-rewrite.txt"], schema: "diff", status: 1)
        if rewrite["rewrite"] as? Bool == true { #expect(rewrite["oldText"] is [Any]) }
        _ = try checked(["diff", "Samples/versions/baghdad-v1.txt", "Samples/versions/baghdad-v1.txt"], schema: "diff")
    }

    @Test("inspect: one article, a WARC file's records, and several files at once")
    func inspect() throws {
        let one = try checked(["inspect", "Samples/articles/devdiscourse-reuters-baghdad-embassy.txt"], schema: "inspect")
        #expect((one["times"] as? [Any])?.isEmpty == false)
        _ = try checked(["inspect", "Samples/warc/crawl.warc"], schema: "inspect")
        let many = try checked(["inspect", "Samples/articles/reuters-baghdad-embassy.txt", "Samples/warc/crawl.warc"], schema: "inspect")
        #expect((many["articles"] as? [Any])?.count == 1 && (many["archives"] as? [Any])?.count == 1)
    }

    @Test("scan, report, stories, story, history and outlets on the sample mirror")
    func indexCommands() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wiretrace-schema-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let mirror = folder.appendingPathComponent("mirror").path
        try FileManager.default.copyItem(atPath: Fixtures.sample("mirror").path, toPath: mirror)
        let index = ["--index", folder.appendingPathComponent("index.sqlite").path]

        let scan = try checked(["scan", mirror, "--no-progress"] + index, schema: "scan")
        let versions = try #require(scan["versions"] as? [[String: Any]])
        #expect(versions.contains { ($0["summary"] as? [String: Int])?["edited"] == 1 }, "each new version carries its counted changes")
        _ = try checked(["report"] + index, schema: "report")

        let stories = try checked(["stories"] + index, schema: "stories")
        let listed = try #require(stories["stories"] as? [[String: Any]])
        #expect(!listed.isEmpty)
        let member = try #require((listed.first?["timeline"] as? [[String: Any]])?.first)
        #expect((member["firstSeen"] as? [String: Any])?["kind"] as? String == "seen", "times are time objects, not strings")

        let widest = try #require(listed.max { ($0["size"] as? Int ?? 0) < ($1["size"] as? Int ?? 0) }?["id"] as? Int)
        let story = try checked(["story", String(widest)] + index, schema: "story")
        #expect(story["story"] == nil && story["timeline"] is [Any], "the story's keys are at the top, not nested")
        #expect((story["passages"] as? [Any])?.isEmpty == false, "the passages each copy shares with the source")

        let edited = try #require(versions.first { ($0["summary"] as? [String: Int])?["edited"] == 1 }?["document"] as? [String: Any])
        let history = try checked(["history", try #require(edited["path"] as? String)] + index, schema: "history")
        #expect((history["document"] as? [String: Any])?["versions"] == nil, "each version once, not also under the document")
        let historyVersions = try #require(history["versions"] as? [[String: Any]])
        #expect(historyVersions.count >= 2)
        #expect(historyVersions.dropFirst().allSatisfy { $0["summary"] is [String: Int] && $0["changes"] is [Any] })

        _ = try checked(["outlets"] + index, schema: "outlets")
        _ = try checked(["pages"] + index, schema: "pages")
    }
}
