import Foundation
import Testing
import WiretraceIndex
import WiretraceTestSupport

/// End-to-end: pages without article text (a photo page) are recorded with their title, times
/// and URL, counted on their own line, listed by the report and by `wiretrace pages`, and
/// never make a scan fail; in WARC files too, beside the captures that are not articles.
@Suite("pages without article text", .serialized)
struct PagesWithoutTextTests {
    private let photoPath = "www.lakeside-gazette.example/photos/harbour-at-dusk.html"
    private let boatsURI = "https://www.eskerby-courier.example/photos/boats-at-the-old-pier"

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

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

    @Test("a mirror with a photo page exits 0; the page is listed with its title by the scan, the HTML report and wiretrace pages")
    func photoPageListed() throws {
        let mirror = try TestMirror(copyOf: "wget-mirror")
        let html = mirror.path + "/report.html"
        let run = try WiretraceBinary.run(["scan", mirror.path, "--color", "never", "--html", html])
        #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
        let out = run.standardOutput
        #expect(out.contains("Pages without article text (not indexed): 1\n"))
        #expect(out.contains("New pages without article text"))
        #expect(out.contains("  \"Pictures: the harbour at dusk\" · \(photoPath) · published 2024-04-06T19:00:00+01:00\n"), "\(out)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<section id=pages><h2>New pages without article text</h2>"))
        #expect(page.contains("<td>Pictures: the harbour at dusk</td>"))
        #expect(page.contains("Pages without article text (not indexed): 1"))

        let pages = try WiretraceBinary.run(["pages", "--mirror", mirror.path, "--json"])
        #expect(pages.status == 0)
        let listed = try #require(try json(pages.standardOutput)["pages"] as? [[String: Any]])
        #expect(listed.count == 1)
        #expect(listed.first?["title"] as? String == "Pictures: the harbour at dusk")
        #expect(listed.first?["path"] as? String == photoPath)
        #expect(listed.first?["outlet"] as? String == "Lakeside Gazette")
        let created = try #require(listed.first?["created"] as? [String: Any])
        #expect(created["instant"] as? String == "2024-04-06T18:00:00Z")
        #expect(created["text"] as? String == "2024-04-06T19:00:00+01:00")
        #expect(listed.first?["updated"] is NSNull, "absent values are null")

        // The next scan: still counted, no longer new; the report of scan 1 still lists it.
        let again = try json(try WiretraceBinary.run(["scan", mirror.path, "--json", "--no-progress"]).standardOutput)
        #expect(again["pagesWithoutText"] as? Int == 1)
        #expect((again["newPagesWithoutText"] as? [Any])?.isEmpty == true)
        let first = try json(try WiretraceBinary.run(["report", "--mirror", mirror.path, "--scan", "1", "--json"]).standardOutput)
        #expect(((first["newPagesWithoutText"] as? [[String: Any]])?.first?["title"] as? String) == "Pictures: the harbour at dusk")

        // The page gains article text: it is a document now, no longer a page without text.
        try mirror.write(photoPath, """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour at dusk - Lakeside Gazette</title></head>
            <body><article><h1>Harbour at dusk</h1><p>The fishing fleet came back late on Saturday evening after a day of high winds on the lake, \
            the harbour master said, and all twelve boats were tied up before the lights came on along the quay.</p></article></body></html>
            """)
        let third = try json(try WiretraceBinary.run(["scan", mirror.path, "--json", "--no-progress"]).standardOutput)
        #expect(third["pagesWithoutText"] as? Int == 0)
        #expect(try WiretraceBinary.run(["pages", "--mirror", mirror.path]).standardOutput == "No pages without article text.\n")
    }

    @Test("an index from before schema v4 is migrated: its pages without text are read again and recorded")
    func olderIndexMigrated() throws {
        let mirror = try TestMirror(copyOf: "wget-mirror")
        #expect(try WiretraceBinary.run(["scan", mirror.path, "--no-progress"]).status == 0)
        // What an index written by a build that knew only v3 holds: no page table, the page only a file state.
        _ = try sqlite(mirror.indexPath, "DROP TABLE page; DROP TABLE captureKind; DELETE FROM grdb_migrations WHERE identifier = 'v4';")
        let run = try WiretraceBinary.run(["scan", mirror.path, "--color", "never"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("10 files (1 read, 9 unchanged)"), "only the page is read again: \(run.standardOutput)")
        #expect(run.standardOutput.contains("Pages without article text (not indexed): 1\n"))
        let pages = try WiretraceBinary.run(["pages", "--mirror", mirror.path])
        #expect(pages.standardOutput.hasPrefix("\"Pictures: the harbour at dusk\" · \(photoPath)"), "\(pages.standardOutput)")
    }

    @Test("a WARC crawl's stylesheet, script, JSON, robots.txt, sitemap, feed and picture are counted by kind, its photo page is listed, and the scan exits 0")
    func warcExtras() throws {
        let mirror = try TestMirror()
        try mirror.copySample("warc/extras.warc.gz", to: "crawls/extras.warc.gz")
        let run = try WiretraceBinary.run(["scan", mirror.path, "--color", "never"])
        #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
        let out = run.standardOutput
        #expect(out.contains("1 new document ·"), "the story only: \(out)")
        #expect(out.contains("0 bad files"))
        #expect(out.contains("Not articles, skipped: 1 stylesheet · 1 script · 1 JSON file · 1 sitemap · 1 feed · 1 robots.txt · 1 image\n"), "\(out)")
        #expect(out.contains("Pages without article text (not indexed): 1\n"))
        #expect(out.contains("  \"Pictures: boats at the old pier\" · crawls/extras.warc.gz#\(boatsURI) · published 2026-11-20T07:30:00+00:00\n"), "\(out)")
        #expect(out.contains("1 document, 1 version, 0 stories"))

        // Unchanged, then read again: the counts are the file's, neither lost nor doubled.
        let expected: [String: Int] = ["stylesheet": 1, "script": 1, "json": 1, "sitemap": 1, "feed": 1, "robots": 1, "image": 1]
        let unchanged = try json(try WiretraceBinary.run(["scan", mirror.path, "--json", "--no-progress"]).standardOutput)
        #expect(unchanged["notArticles"] as? [String: Int] == expected)
        #expect(unchanged["pagesWithoutText"] as? Int == 1)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: mirror.path + "/crawls/extras.warc.gz")
        let reread = try json(try WiretraceBinary.run(["scan", mirror.path, "--json", "--no-progress"]).standardOutput)
        #expect((reread["files"] as? [String: Any])?["read"] as? Int == 1)
        #expect(reread["notArticles"] as? [String: Int] == expected)
        #expect(reread["pagesWithoutText"] as? Int == 1)

        let pages = try json(try WiretraceBinary.run(["pages", "--mirror", mirror.path, "--json"]).standardOutput)
        let listed = try #require(pages["pages"] as? [[String: Any]])
        #expect(listed.map { $0["url"] as? String } == [boatsURI])
        #expect((listed.first?["seen"] as? [String: Any])?["instant"] as? String == "2026-11-20T07:00:03Z", "a capture is seen at its WARC-Date")

        // Read in parts of 4 captures (the parts overlap: one parsed while the next is read and
        // the one before written), the file gives the same counts, page, documents and versions.
        let parts = try TestMirror()
        try parts.copySample("warc/extras.warc.gz", to: "crawls/extras.warc.gz")
        try parts.copySample("warc/nightly-1.warc.gz", to: "crawls/nightly-1.warc.gz")
        let small = try parts.scan()
        #expect(small.notArticles == [.stylesheet: 1, .script: 1, .json: 1, .sitemap: 1, .feed: 1, .robots: 1, .image: 1])
        #expect(small.pagesWithoutText == 1)
        #expect(small.newPagesWithoutText?.map(\.title) == ["Pictures: boats at the old pier"])
        #expect(small.totals.documents == 2 && small.totals.versions == 4, "the harbour story in 3 versions, the river story")

        // The WARC file gone, so are its captures' counts and its page.
        try mirror.remove("crawls/extras.warc.gz")
        let gone = try json(try WiretraceBinary.run(["scan", mirror.path, "--json", "--no-progress"]).standardOutput)
        #expect((gone["notArticles"] as? [String: Int])?.isEmpty == true)
        #expect(gone["pagesWithoutText"] as? Int == 0)
    }
}
