import Foundation
import Testing
import WiretraceIndex
import WiretraceTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// End-to-end: the built `wiretrace` binary on the sample mirror, as the README runs it.
@Suite("wiretrace scan, stories, story, history", .serialized)
struct ScanCommandTests {
    private func sampleMirror() throws -> TestMirror { try TestMirror(copyOf: "mirror") }

    @Test("scan of the sample mirror reports its stories, versions, silent edit and the picture saved under a page's name, and exits 0")
    func sampleScan() throws {
        let mirror = try sampleMirror()
        let run = try WiretraceBinary.run(["scan", mirror.path, "--color", "never"])
        #expect(run.status == 0, "a picture is not a bad file")
        let out = run.standardOutput
        #expect(out.contains("15 files (15 read, 0 unchanged)"))
        #expect(out.contains("4 new stories"))
        #expect(out.contains("2 new versions · 1 silent edit · 0 bad files"))
        #expect(out.contains("likely source: Reuters"))
        #expect(out.contains("Not articles, skipped: 1 image\n"), "the PNG named embassy-photo.html")
        #expect(!out.contains("could not be read") && !out.contains("still unreadable"))
        #expect(out.contains("SILENT EDIT"))
        #expect(!out.contains("jansatta-example"), "the independent Hindi report is in no story")
        #expect(out.contains("12 documents, 14 versions, 4 stories (scan 1"))
        let again = try WiretraceBinary.run(["scan", mirror.path, "--color", "never"])
        #expect(again.standardOutput.contains("15 files (0 read, 15 unchanged)"))
        #expect(again.standardOutput.contains("0 new stories"))
        #expect(again.standardOutput.contains("Not articles, skipped: 1 image\n"), "counted again though not read again")
        #expect(again.status == 0)
    }

    @Test("a nightly rescan after one article changed: its new version is reported and it is linked again, by looking up its hashes")
    func rescanAfterOneChange() throws {
        let mirror = try sampleMirror()
        _ = try WiretraceBinary.run(["scan", mirror.path, "--no-progress"])
        // A story of two copies among the sample's twelve documents: few enough documents to
        // link that their hashes are looked up rather than the whole posting table read.
        let changed = mirror.path + "/www.ptinews.com/hindi/2024/05/30/monsoon-kerala.txt"
        let handle = try #require(FileHandle(forWritingAtPath: changed))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n\nमौसम विभाग ने कहा कि अगले सप्ताह राज्य के कई हिस्सों में भारी बारिश की संभावना है।\n".utf8))
        try handle.close()
        let run = try WiretraceBinary.run(["scan", mirror.path, "--json", "--no-progress"])
        #expect(run.standardError.isEmpty, "\(run.standardError)")
        #expect(run.status == 0, "the sample's picture is skipped, not bad")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect((json["versions"] as? [Any])?.count == 1)
        #expect(json["updatedStoryCount"] as? Int == 1, "the PTI story, whose source has a new version, is summarized again")
        let linking = try #require(json["linking"] as? [String: Any])
        #expect(linking["documents"] as? Int == 2, "the changed article and the copy it was linked to")
        #expect(linking["verifiedPairs"] as? Int == 1)
        let stories = try WiretraceBinary.run(["stories", "--mirror", mirror.path, "--json"])
        #expect(stories.standardOutput.contains("monsoon-kerala-do-din-pehle"), "the outlet's copy is still in the PTI story")
    }

    @Test("a mirror of one article: its totals are in the singular")
    func singular() throws {
        let mirror = try TestMirror()
        try mirror.write("example.com/one.txt", "Rockets hit the embassy\n\nTwo rockets struck the compound late on Friday, officials said.\n")
        let run = try WiretraceBinary.run(["scan", mirror.path, "--color", "never", "--no-progress"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("1 new document ·"))
        #expect(run.standardOutput.contains("1 document, 1 version, 0 stories (scan 1"))
    }

    @Test("scan --json carries schemaVersion, counts and timings; --html writes one self-contained page")
    func jsonAndHTML() throws {
        let mirror = try sampleMirror()
        let page = mirror.path + "/../" + (mirror.root.lastPathComponent + ".html")
        defer { try? FileManager.default.removeItem(atPath: page) }
        let run = try WiretraceBinary.run(["scan", mirror.path, "--json", "--html", page])
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(json["schemaVersion"] as? Int == 2, "the one schema version of every command's JSON")
        #expect(json["newStoryCount"] as? Int == 4)
        #expect(json["silentEdits"] as? Int == 1)
        #expect((json["files"] as? [String: Any])?["read"] as? Int == 15)
        #expect((json["elapsedSeconds"] as? Double ?? -1) >= 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("Likely source:") && html.contains("SILENT EDIT") && html.contains("<ins>"))
        // Self-contained: nothing is loaded (links to the copies' canonical URLs are only links).
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("<link") && !html.contains("url("), "no network")
    }

    @Test("--index with a bare file name makes the index in the current folder")
    func bareIndexName() throws {
        let mirror = try sampleMirror()
        let folder = try TestMirror()
        let process = Process()
        process.executableURL = WiretraceBinary.url
        process.arguments = ["scan", mirror.path, "--index", "index.sqlite", "--json"]
        process.currentDirectoryURL = folder.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "the scan ran and no file of the sample mirror is bad")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/index.sqlite"))
    }

    @Test("stories, story and history read the index the scan wrote")
    func queries() throws {
        let mirror = try sampleMirror()
        _ = try WiretraceBinary.run(["scan", mirror.path])
        let stories = try WiretraceBinary.run(["stories", "--mirror", mirror.path, "--color", "never"])
        #expect(stories.status == 0)
        #expect(stories.standardOutput.split(separator: "\n").filter { $0.hasPrefix("#") }.count == 4)
        let listing = try WiretraceBinary.run(["stories", "--mirror", mirror.path, "--agency", "Reuters", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(listing.standardOutput.utf8)) as? [String: Any])
        let reuters = try #require((json["stories"] as? [[String: Any]])?.first)
        let id = try #require(reuters["id"] as? Int)
        let story = try WiretraceBinary.run(["story", String(id), "--mirror", mirror.path, "--color", "never", "--passages"])
        #expect(story.status == 0)
        #expect(story.standardOutput.contains("4 copies") && story.standardOutput.contains("The Daily Ledger"))
        #expect(story.standardOutput.contains("verified links:"))
        let history = try WiretraceBinary.run(["history", mirror.path + "/www.devdiscourse.com/article/headlines/2743411-baghdad-embassy.2023-12-08T1500.html",
                                               "--color", "never"])
        #expect(history.status == 0)
        #expect(history.standardOutput.contains("3 versions"))
        #expect(history.standardOutput.contains("[-spokeperson-] {+spokesperson+}"))
        #expect(history.standardOutput.contains("SILENT EDIT"))
        let missing = try WiretraceBinary.run(["story", "999", "--mirror", mirror.path])
        #expect(missing.status == 2 && missing.standardError.contains("no story 999"))
    }

    @Test("the HTML report opens with contents and what needs a person; every link resolves to an anchor or a file of the mirror; timelines are SVG")
    func htmlReportNavigation() throws {
        let mirror = try sampleMirror()
        let page = mirror.root.deletingLastPathComponent().appendingPathComponent("nav-\(UUID().uuidString).html").path
        defer { try? FileManager.default.removeItem(atPath: page) }
        _ = try WiretraceBinary.run(["scan", mirror.path, "--html", page])
        let html = try String(contentsOfFile: page, encoding: .utf8)
        let contents = try #require(html.range(of: "<nav class=toc>")), attention = try #require(html.range(of: "<section id=attention>"))
        let stories = try #require(html.range(of: "<section id=stories>"))
        #expect(contents.lowerBound < attention.lowerBound && attention.lowerBound < stories.lowerBound)
        #expect(html[attention.lowerBound..<stories.lowerBound].contains("SILENT EDIT"), "the silent edit is named before the stories")
        let ids = Set(html.matches(of: /id=([A-Za-z0-9-]+)/).map { String($0.output.1) })
        let hrefs = html.matches(of: /href="([^"]+)"/).map { String($0.output.1) }
        #expect(hrefs.filter { $0.hasPrefix("#story-") }.count >= 8, "each story is in the contents and links to itself")
        var files = 0
        for href in hrefs {
            if href.hasPrefix("#") {
                #expect(ids.contains(String(href.dropFirst())), "\(href) names no anchor")
            } else if let url = URL(string: href), url.isFileURL {
                files += 1
                #expect(FileManager.default.fileExists(atPath: url.path), "\(href) is no file")
            } else {
                #expect(href.hasPrefix("https://"), "\(href): only anchors, the mirror's files and canonical URLs are linked")
            }
        }
        #expect(files >= 10, "every copy links to its file")
        #expect(html.matches(of: /<svg class=timeline-svg/).count == 4, "one drawn timeline per story")
        #expect(html.contains("class=published") && html.contains("class=version"))
    }

    @Test("the text report leads with what needs a person, names vanished files, and --quiet prints only the summary and what needs a person")
    func textReportOrder() throws {
        let mirror = try sampleMirror()
        let full = try WiretraceBinary.run(["scan", mirror.path, "--color", "never"]).standardOutput
        let attention = try #require(full.range(of: "Needs a person")), firstStory = try #require(full.range(of: "\nStory "))
        #expect(attention.lowerBound < firstStory.lowerBound)
        #expect(full[attention.lowerBound..<firstStory.lowerBound].contains("SILENT EDIT www.devdiscourse.com"))
        #expect(full.range(of: "Story 3 ·")!.lowerBound < full.range(of: "Story 1 ·")!.lowerBound, "the four-copy story comes first")
        try FileManager.default.removeItem(atPath: mirror.path + "/www.gulfwire.ae")
        let quiet = try WiretraceBinary.run(["scan", mirror.path, "--color", "never", "--quiet"])
        #expect(quiet.status == 0 && quiet.standardOutput.contains("2 gone") && !quiet.standardOutput.contains("Story "))
        #expect(!quiet.standardOutput.contains("Files that vanished"), "--quiet leaves out what needs no one")
        // A second scan names the files that vanished since the first.
        let fresh = try sampleMirror()
        _ = try WiretraceBinary.run(["scan", fresh.path])
        try FileManager.default.removeItem(atPath: fresh.path + "/www.gulfwire.ae")
        let second = try WiretraceBinary.run(["scan", fresh.path, "--color", "never"]).standardOutput
        #expect(second.contains("Files that vanished\n  www.gulfwire.ae/news/2023/12/08/embassy-photo.html\n  www.gulfwire.ae/news/2023/12/08/rocket-salvos-target-us-embassy-baghdad.txt.gz"))
    }

    @Test("report --scan N reprints a past scan's report as text, JSON and HTML; report alone the latest; an unknown scan is exit 2")
    func reportAgain() throws {
        let mirror = try sampleMirror()
        let first = try WiretraceBinary.run(["scan", mirror.path, "--color", "never"]).standardOutput
        _ = try WiretraceBinary.run(["scan", mirror.path])
        let again = try WiretraceBinary.run(["report", "--mirror", mirror.path, "--scan", "1", "--color", "never"])
        #expect(again.status == 0)
        #expect(again.standardOutput == first, "the same report, word for word")
        let latest = try WiretraceBinary.run(["report", "--mirror", mirror.path, "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(latest.standardOutput.utf8)) as? [String: Any])
        #expect(json["scan"] as? Int == 2 && json["newStoryCount"] as? Int == 0)
        let page = mirror.root.deletingLastPathComponent().appendingPathComponent("again-\(UUID().uuidString).html").path
        defer { try? FileManager.default.removeItem(atPath: page) }
        #expect(try WiretraceBinary.run(["report", "--mirror", mirror.path, "--scan", "1", "--html", page]).status == 0)
        #expect(try String(contentsOfFile: page, encoding: .utf8).contains("SILENT EDIT"))
        let missing = try WiretraceBinary.run(["report", "--mirror", mirror.path, "--scan", "9"])
        #expect(missing.status == 2 && missing.standardError.contains("no finished scan 9"))
    }

    @Test("the scan report lists the widest story first and counts as republications the copies, not the sources")
    func reportOrder() throws {
        let mirror = try sampleMirror()
        let run = try WiretraceBinary.run(["scan", mirror.path, "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let sizes = try #require((json["newStories"] as? [[String: Any]])?.compactMap { $0["size"] as? Int })
        #expect(sizes == [4, 2, 2, 2], "the story four outlets carry leads")
        // Ten copies in four stories, each with its source among them.
        #expect(json["republications"] as? Int == 6)
    }

    @Test("stories --since and --until take dates and relative forms, of publication unless --seen; --limit says how many more")
    func storyWindows() throws {
        let mirror = try sampleMirror()
        _ = try WiretraceBinary.run(["scan", mirror.path])
        func listed(_ arguments: [String]) throws -> (status: Int32, ids: [String], out: String) {
            let run = try WiretraceBinary.run(["stories", "--mirror", mirror.path, "--color", "never"] + arguments)
            let ids = run.standardOutput.split(separator: "\n").filter { $0.hasPrefix("#") }.map { String($0.prefix { $0 != " " }) }
            return (run.status, ids, run.standardOutput + run.standardError)
        }
        // The sample stories were published in 2023 and 2024, and all first seen by this scan.
        let recent = try listed(["--since", "yesterday"])
        #expect(recent.status == 0 && recent.ids.isEmpty && recent.out.contains("No stories match."))
        #expect(try listed(["--since", "24h", "--seen"]).ids.count == 4)
        #expect(try listed(["--since", "2024-01-01"]).ids.count == 2)
        #expect(try listed(["--until", "2023-12-08"]).ids.count == 2)
        let limited = try listed(["--limit", "3"])
        #expect(limited.ids.count == 3 && limited.out.contains("and 1 more"))
        let json = try WiretraceBinary.run(["stories", "--mirror", mirror.path, "--limit", "1", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["matching"] as? Int == 4 && (object["stories"] as? [Any])?.count == 1)
        let csv = try WiretraceBinary.run(["outlets", "--mirror", mirror.path, "--format", "csv", "--agency", "Reuters"])
        let lines = csv.standardOutput.split(separator: "\n")
        #expect(csv.status == 0 && lines.first == "outlet,agency,stories_taken,copies,stories_sourced,median_delay_seconds,silent_edits")
        #expect(lines.count == 5 && lines.dropFirst().allSatisfy { $0.contains(",Reuters,") })
        #expect(lines.contains { $0.hasPrefix("Devdiscourse,Reuters,1,1,0,540,1") }, "the Devdiscourse copy: 9 minutes after Reuters, one silent edit")
        let jsonl = try WiretraceBinary.run(["outlets", "--mirror", mirror.path, "--format", "jsonl", "--since", "2024-01-01"])
        #expect(jsonl.status == 0 && jsonl.standardOutput.split(separator: "\n").count == 4)
        #expect(jsonl.standardOutput.contains("\"medianDelaySeconds\":null"))
        let bad = try listed(["--since", "soon"])
        #expect(bad.status == 2 && bad.out.contains("--since soon: not a date"))
    }

    @Test("a partially derived copy that aligns no paragraph shows its shared run in story --passages, story --json and the HTML report")
    func evidenceOfAPartialVerdict() throws {
        let mirror = try TestMirror()
        try mirror.copySample("articles/afp-harbour-pilots-strike.txt", to: "www.afp.com/en/harbour-pilots-strike.txt")
        try mirror.copySample("articles/coastweekly-harbour-pilots-column.txt", to: "www.coastweekly.net/opinion/harbour-pilots.txt")
        let html = mirror.root.deletingLastPathComponent().appendingPathComponent("report-\(UUID().uuidString).html").path
        defer { try? FileManager.default.removeItem(atPath: html) }
        let scan = try WiretraceBinary.run(["scan", mirror.path, "--no-progress", "--color", "never", "--html", html])
        #expect(scan.status == 0, "\(scan.standardError)")
        let text = try WiretraceBinary.run(["story", "1", "--mirror", mirror.path, "--color", "never", "--passages"])
        #expect(text.status == 0)
        let out = text.standardOutput
        #expect(out.contains("coastweekly.net vs source: partially derived"))
        // The column quotes the wire's second paragraph from its first word, after 58 words of its own.
        #expect(out.contains("¶2 w1 ↔ ¶1 w59  36 words  the pilots' association said its members would guide no vessel"), "\(out)")
        let json = try WiretraceBinary.run(["story", "1", "--mirror", mirror.path, "--json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let copy = try #require((object["passages"] as? [[String: Any]])?.first)
        #expect(copy["verdict"] as? String == "partially derived")
        #expect((copy["matches"] as? [Any])?.isEmpty == true)
        let run = try #require((copy["sharedRuns"] as? [[String: Any]])?.first)
        #expect(run["words"] as? Int == 36)
        #expect((run["compared"] as? [String: Any])?["paragraph"] as? Int == 2)
        #expect((run["copy"] as? [String: Any])?["word"] as? Int == 59)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("Longest shared runs"))
        #expect(page.contains("<i>¶2 word 1</i> the pilots' association said its members would guide no vessel"))
    }

    @Test("scan exits 2 with a message when the mirror does not exist or the index is locked")
    func failures() throws {
        let missing = try WiretraceBinary.run(["scan", "/nonexistent/mirror"])
        #expect(missing.status == 2 && missing.standardError.contains("/nonexistent/mirror: no such folder"))
        let mirror = try sampleMirror()
        _ = try MirrorIndex(path: mirror.indexPath, create: true)
        let descriptor = open(mirror.indexPath + ".lock", O_RDWR | O_CREAT, 0o644)
        defer { close(descriptor) }
        try #require(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        let locked = try WiretraceBinary.run(["scan", mirror.path])
        #expect(locked.status == 2 && locked.standardError.contains("another scan is using this index"))
    }

    @Test("a scan killed with SIGKILL mid-way leaves a consistent index; the next run completes it and loses nothing")
    func killAndResume() throws {
        let mirror = try TestMirror()
        let generator = Process()
        generator.executableURL = Fixtures.root.appendingPathComponent("Scripts/gen-mirror")
        generator.arguments = ["1500", mirror.path, "--words", "250"]
        generator.standardError = FileHandle.nullDevice
        try generator.run()
        generator.waitUntilExit()
        try #require(generator.terminationStatus == 0)

        // Kill the scan once it has committed some batches but not all. The pause after each
        // batch keeps a release build from finishing before the kill lands.
        let scan = Process()
        scan.executableURL = WiretraceBinary.url
        scan.arguments = ["scan", mirror.path, "--no-progress", "--jobs", "1", "--batch-size", "50", "--batch-pause-ms", "150"]
        scan.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        scan.standardError = errors
        try scan.run()
        let deadline = Date().addingTimeInterval(120)
        var documentsAtKill = 0
        while Date() < deadline && scan.isRunning {
            if FileManager.default.fileExists(atPath: mirror.indexPath), let counts = try? MirrorIndex(path: mirror.indexPath, create: false).counts(),
               counts.documents >= 200 {
                documentsAtKill = counts.documents
                break
            }
            usleep(20_000)
        }
        if !scan.isRunning {
            let message = String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
            Issue.record("the scan ended (status \(scan.terminationStatus)) before it could be killed: \(message)")
            return
        }
        kill(scan.processIdentifier, SIGKILL)
        scan.waitUntilExit()
        #expect(scan.terminationReason == .uncaughtSignal)
        let afterKill = try mirror.index().counts()
        #expect(afterKill.documents >= documentsAtKill && afterKill.finishedScans == 0)
        #expect(afterKill.versions >= afterKill.documents, "every committed document has its version")

        let resumed = try WiretraceBinary.run(["scan", mirror.path, "--json", "--no-progress"])
        #expect(resumed.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(resumed.standardOutput.utf8)) as? [String: Any])
        let files = try #require(report["files"] as? [String: Any])
        #expect((files["unchanged"] as? Int ?? 0) >= documentsAtKill / 2, "what the killed scan committed is not read again")
        #expect((files["read"] as? Int ?? 0) < 1500)

        // The same mirror scanned in one go into another index: nothing may be missing.
        let cleanIndex = mirror.path + "/.wiretrace/clean.sqlite"
        let clean = try WiretraceBinary.run(["scan", mirror.path, "--index", cleanIndex, "--no-progress"])
        #expect(clean.status == 0)
        let resumedCounts = try mirror.index().counts(), cleanCounts = try MirrorIndex(path: cleanIndex, create: false).counts()
        #expect(resumedCounts.files == cleanCounts.files)
        #expect(resumedCounts.documents == cleanCounts.documents)
        #expect(resumedCounts.versions == cleanCounts.versions)
        #expect(resumedCounts.stories == cleanCounts.stories)
        #expect(resumedCounts.storyMembers == cleanCounts.storyMembers)
        #expect(resumedCounts.postings == cleanCounts.postings)
    }
}
