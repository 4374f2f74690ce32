import Foundation
import Testing
import WiretraceTestSupport

/// End-to-end: the built binary on a folder as `wget --mirror` fills it (Samples/wget-mirror):
/// two articles, a photo page, and the stylesheet, script, JSON, sitemap, feed, robots.txt
/// and picture a site serves beside them.
@Suite("wiretrace scan of a wget-style mirror", .serialized)
struct WgetMirrorTests {
    private func sampleMirror() throws -> TestMirror { try TestMirror(copyOf: "wget-mirror") }

    @Test("the extras are skipped and counted by kind, the photo page on a line of its own, nothing is bad, and the scan exits 0")
    func extrasSkipped() throws {
        let mirror = try sampleMirror()
        // Standard error is a pipe, as under cron: no progress bar, nothing on it at all.
        let run = try WiretraceBinary.run(["scan", mirror.path, "--color", "never"])
        #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
        #expect(run.standardError.isEmpty, "\(run.standardError)")
        let out = run.standardOutput
        #expect(out.contains("10 files (10 read, 0 unchanged)"))
        #expect(out.contains("2 new documents ·"), "the two articles only")
        #expect(out.contains("0 bad files"))
        #expect(out.contains("Not articles, skipped: 1 stylesheet · 1 script · 1 JSON file · 1 sitemap · 1 feed · 1 robots.txt · 1 image\n"))
        #expect(out.contains("Pages without article text (not indexed): 1\n"))
        #expect(!out.contains("could not be read") && !out.contains("still unreadable"))
        #expect(out.contains("2 documents, 2 versions, 0 stories"), "the feed and the sitemap are no story of the articles")

        let again = try WiretraceBinary.run(["scan", mirror.path, "--json", "--no-progress"])
        #expect(again.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(again.standardOutput.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [String: Any])
        #expect(files["read"] as? Int == 0 && files["unchanged"] as? Int == 10, "skipped files are not read again")
        let kinds = try #require(json["notArticles"] as? [String: Int])
        #expect(kinds == ["stylesheet": 1, "script": 1, "json": 1, "sitemap": 1, "feed": 1, "robots": 1, "image": 1])
        #expect(json["pagesWithoutText"] as? Int == 1)
        #expect((json["badFiles"] as? [Any])?.isEmpty == true && (json["stillBadFiles"] as? [Any])?.isEmpty == true)
    }

    @Test("inspect names what a file is instead of reading it as an article")
    func inspectSaysWhat() throws {
        let run = try WiretraceBinary.run(["inspect", Fixtures.sample("wget-mirror/www.lakeside-gazette.example/feed.xml").path])
        #expect(run.status == 2)
        #expect(run.standardError.contains("feed.xml: RSS feed, not an article"), "\(run.standardError)")
    }
}
