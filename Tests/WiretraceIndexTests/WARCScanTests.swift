import Foundation
import Testing
import WiretraceIndex
import WiretraceTestSupport

/// End-to-end: the built binary scanning mirrors that hold WARC files.
@Suite("scan of WARC files", .serialized)
struct WARCScanTests {
    let harbour = "https://www.eskerby-courier.example/news/harbour-pier-closes"

    private func history(_ mirror: TestMirror) throws -> [[String: Any]] {
        let run = try WiretraceBinary.run(["history", "--mirror", mirror.path, harbour, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(object["site"] as? String == "www.eskerby-courier.example")
        return try #require(object["versions"] as? [[String: Any]])
    }

    @Test("nightly WARCs: the captures of one URL are versions in capture order, seen at their WARC-Date, with the silent edit")
    func nightlyCaptures() throws {
        let mirror = try TestMirror()
        try mirror.copySample("warc/nightly-1.warc.gz", to: "crawls/nightly-1.warc.gz")
        let first = try WiretraceBinary.run(["scan", mirror.path, "--color", "never"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("2 new documents"))
        #expect(try history(mirror).map { ($0["firstSeen"] as? [String: Any])?["instant"] as? String } == ["2026-11-21T06:00:00Z", "2026-11-21T18:00:00Z"])

        // The next night's WARC: one more version, a silent edit; its revisit is no version.
        try mirror.copySample("warc/nightly-2.warc.gz", to: "crawls/nightly-2.warc.gz")
        let second = try WiretraceBinary.run(["scan", mirror.path, "--color", "never"])
        #expect(second.status == 0)
        #expect(second.standardOutput.contains("1 new version · 1 silent edit"), "\(second.standardOutput)")
        #expect(second.standardOutput.contains("crawls/nightly-2.warc.gz#\(harbour) v3"))
        let versions = try history(mirror)
        #expect(versions.map { ($0["firstSeen"] as? [String: Any])?["instant"] as? String } == ["2026-11-21T06:00:00Z", "2026-11-21T18:00:00Z", "2026-11-22T06:00:00Z"])
        #expect(versions.map { $0["silentEdit"] as? Bool } == [false, false, true])
        #expect(versions.last?["path"] as? String == "crawls/nightly-2.warc.gz#\(harbour)")

        // Read again (touched), the same captures are no new versions.
        let later = Date().addingTimeInterval(5)
        for name in ["nightly-1", "nightly-2"] {
            try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: mirror.path + "/crawls/\(name).warc.gz")
        }
        let third = try WiretraceBinary.run(["scan", mirror.path, "--color", "never"])
        #expect(third.standardOutput.contains("2 files (2 read, 0 unchanged)"))
        #expect(third.standardOutput.contains("0 new versions"))
        #expect(try history(mirror).count == 3)
    }

    @Test("a damaged record is named with its file, offset and reason; the other captures are indexed and linked")
    func damagedRecord() throws {
        let mirror = try TestMirror()
        try mirror.copySample("warc/damaged.warc.gz", to: "crawls/damaged.warc.gz")
        let run = try WiretraceBinary.run(["scan", mirror.path, "--color", "never"])
        let out = run.standardOutput
        #expect(out.contains("crawls/damaged.warc.gz: record 4 at byte 1430: damaged gzip member (incorrect data check)"))
        #expect(out.contains("crawls/damaged.warc.gz: record 9 at byte 4083: the gzip member at byte 4083 ends too soon"))
        #expect(out.contains("1 bad file"))
        // The river story: the outlet's page and the wire's text, whose outlet is its host.
        #expect(out.contains("\"Clean-up clears river of rubbish\" · 2 copies"))
        #expect(out.contains("wire.example"))
        #expect(out.contains("3 documents"), "the harbour page, the river page, the wire's text; no 404, request or metadata")
    }
}

@Suite("scan of WARC files, in parts")
struct WARCPartsTests {
    /// A plain WARC of `resource` records, one per (URI, capture time, text).
    private func warc(_ captures: [(uri: String, date: String, text: String)]) -> String {
        captures.map { capture in
            let block = Array(capture.text.utf8)
            return "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: \(capture.uri)\r\nWARC-Date: \(capture.date)\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: \(block.count)\r\n\r\n\(capture.text)\r\n\r\n"
        }.joined()
    }

    @Test("captures split over several parts of a scan keep their order; a damaged record does not stop the file")
    func manyParts() throws {
        let mirror = try TestMirror()
        var captures: [(uri: String, date: String, text: String)] = []
        // Three stories, each captured on three mornings with a changed last paragraph; the
        // records are written story by story, not in capture order.
        for story in 0..<3 {
            for day in 1...3 {
                var body = TestMirror.unrelated(story)
                body[2] += " Figures were revised on day \(day)."
                captures.append(("https://news.example/story-\(story)", "2026-11-0\(day)T06:00:00Z", TestMirror.article("Story \(story)", body)))
            }
        }
        var file = warc(Array(captures[..<4]))
        file += "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: many\r\n\r\nlost\r\n\r\n"
        file += warc(Array(captures[4...]))
        try mirror.write("crawl/archive.warc", file)
        // TestMirror scans in batches of 4: the nine captures come in three parts.
        let report = try mirror.scan()
        #expect(report.files.new == 1)
        #expect(report.files.bad == 1)
        #expect(report.badFiles.map(\.reason) == ["record 5 at byte \(Array(warc(Array(captures[..<4])).utf8).count): damaged record: bad Content-Length \"many\""])
        let index = try mirror.index()
        for story in 0..<3 {
            let history = try #require(try index.history(of: "https://news.example/story-\(story)"))
            #expect(history.site == "news.example")
            #expect(history.versions.map(\.firstSeen) == ["2026-11-01T06:00:00Z", "2026-11-02T06:00:00Z", "2026-11-03T06:00:00Z"])
        }
        // Unchanged: not read again.
        #expect(try mirror.scan().files.unchanged == 1)
    }
}
