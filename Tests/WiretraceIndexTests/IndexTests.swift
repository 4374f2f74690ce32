import Foundation
import Synchronization
import Testing
import Wiretrace
import WiretraceIndex
import WiretraceTestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite("Index file")
struct IndexFileTests {
    @Test("a new index is created in MIRROR/.wiretrace and opened again")
    func createsAndReopens() throws {
        let mirror = try TestMirror()
        _ = try MirrorIndex(path: mirror.indexPath, create: true)
        #expect(FileManager.default.fileExists(atPath: mirror.path + "/.wiretrace/index.sqlite"))
        #expect(try mirror.index().counts() == MirrorIndex.Counts())
    }

    @Test("connections that open a new index at the same moment all get the migrated schema")
    func concurrentCreation() throws {
        let mirror = try TestMirror()
        try FileManager.default.createDirectory(atPath: mirror.path + "/.wiretrace", withIntermediateDirectories: true)
        let path = mirror.indexPath
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            do { _ = try MirrorIndex(path: path, create: true) } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(try mirror.index().counts() == MirrorIndex.Counts())
    }

    @Test("opening a missing index without create fails with a clear message")
    func missingIndex() throws {
        let mirror = try TestMirror()
        #expect {
            _ = try MirrorIndex(path: mirror.indexPath, create: false)
        } throws: { error in
            (error as? IndexError)?.reason == .missing && "\(error)".contains("run `wiretrace scan MIRROR` first")
        }
    }

    @Test("a file that is not a Wiretrace index is refused")
    func notAnIndex() throws {
        let mirror = try TestMirror()
        try mirror.write(".wiretrace/index.sqlite", "this is not a database, just text that happens to be here\n")
        #expect {
            _ = try MirrorIndex(path: mirror.indexPath, create: false)
        } throws: { error in (error as? IndexError)?.reason == .notAnIndex }
    }

    @Test("an index written by a newer schema is refused, not misread")
    func newerSchema() throws {
        let mirror = try TestMirror()
        _ = try MirrorIndex(path: mirror.indexPath, create: true)
        // What a later build's migration would leave behind.
        let status = try runSQLite(mirror.indexPath, "INSERT INTO grdb_migrations(identifier) VALUES ('v99-future');")
        try #require(status == 0, "sqlite3 is needed for this test")
        #expect {
            _ = try MirrorIndex(path: mirror.indexPath, create: false)
        } throws: { error in
            (error as? IndexError)?.reason == .newerSchema(found: ["v99-future"]) && "\(error)".contains("newer Wiretrace")
        }
    }

    private func runSQLite(_ path: String, _ sql: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", path, sql]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@Suite("Scanning")
struct ScanTests {
    @Test("the first scan reads every file; a second scan of an unchanged mirror reads none")
    func incremental() throws {
        let mirror = try TestMirror()
        try mirror.copySample("articles/reuters-baghdad-embassy.txt", to: "www.reuters.com/world/baghdad.txt")
        try mirror.copySample("articles/devdiscourse-reuters-baghdad-embassy.txt", to: "www.devdiscourse.com/article/baghdad.txt")
        try mirror.write("www.example.org/local/council.txt", TestMirror.article("Council budget approved", TestMirror.unrelated(1)))
        let first = try mirror.scan()
        #expect(first.files.seen == 3 && first.files.read == 3 && first.files.unchanged == 0)
        #expect(first.newDocuments == 3)
        let second = try mirror.scan()
        #expect(second.files.read == 0 && second.files.unchanged == 3)
        #expect(second.newDocuments == 0 && second.newStories.isEmpty && second.versions.isEmpty)
        #expect(second.sinceScan == first.scan)
        #expect(second.linking.documents == 0, "nothing to link when nothing changed")
    }

    @Test("a file rewritten with the same text is read again but makes no new version")
    func sameTextNoVersion() throws {
        let mirror = try TestMirror()
        let text = TestMirror.article("Council budget approved", published: "2024-03-01T10:00:00Z", TestMirror.unrelated(2))
        try mirror.write("site/a.txt", text)
        _ = try mirror.scan()
        // Same words, other bytes: typographic quotes and extra white space.
        try mirror.write("site/a.txt", text.replacingOccurrences(of: " ", with: "  ") + "\n\n")
        let report = try mirror.scan()
        #expect(report.files.read == 1 && report.files.changed == 1 && report.files.sameText == 1)
        #expect(report.versions.isEmpty)
        #expect(try mirror.index().counts().versions == 1)
    }

    @Test("an edited file becomes version 2 with its diff; an edit under the same updated time is a silent edit")
    func versions() throws {
        let mirror = try TestMirror()
        var body = Fixtures.seedBody
        try mirror.write("site/story.txt", TestMirror.article("Embassy attacked", published: "2023-12-08T09:20:00Z", updated: "2023-12-08T09:30:00Z", body))
        _ = try mirror.scan()
        body[4] = body[4].replacingOccurrences(of: "spokeperson", with: "spokesperson")
        try mirror.write("site/story.txt", TestMirror.article("Embassy attacked", published: "2023-12-08T09:20:00Z", updated: "2023-12-08T12:15:00Z", body))
        let second = try mirror.scan()
        try #require(second.versions.count == 1)
        #expect(second.versions[0].number == 2 && second.versions[0].classification == "text change")
        #expect(second.versions[0].silentEdit == false)
        #expect(second.versions[0].summary?.contains("1 edited") == true)
        body[0] = body[0].replacingOccurrences(of: "but there were no casualties", with: "and two guards were lightly wounded")
        try mirror.write("site/story.txt", TestMirror.article("Embassy attacked", published: "2023-12-08T09:20:00Z", updated: "2023-12-08T12:15:00Z", body))
        let third = try mirror.scan()
        try #require(third.versions.count == 1)
        #expect(third.versions[0].number == 3 && third.versions[0].silentEdit)
        #expect(third.silentEdits == 1)
        let history = try #require(try mirror.index().history(of: "site/story.txt"))
        #expect(history.versions.map(\.number) == [1, 2, 3])
        #expect(history.versions[0].lastScan == second.scan - 1, "v1 was last seen by the scan before the edit")
        #expect(history.versions[2].lastScan == nil, "v3 is current")
        // Every version's article is stored, so it can be fingerprinted again and diffed.
        let v1 = try #require(try mirror.index().article(ofVersion: history.versions[0].versionId))
        #expect(v1.paragraphs.contains { $0.text.contains("spokeperson") })
    }

    @Test("a revert to an earlier text is a new version")
    func revert() throws {
        let mirror = try TestMirror()
        let a = TestMirror.article("Budget", TestMirror.unrelated(3)), b = TestMirror.article("Budget", TestMirror.unrelated(4))
        try mirror.write("site/x.txt", a); _ = try mirror.scan()
        try mirror.write("site/x.txt", b); _ = try mirror.scan()
        try mirror.write("site/x.txt", a); let report = try mirror.scan()
        #expect(report.versions.map(\.number) == [3])
    }

    @Test("vanished files are marked gone, never deleted")
    func gone() throws {
        let mirror = try TestMirror()
        try mirror.write("site/a.txt", TestMirror.article("One", TestMirror.unrelated(5)))
        try mirror.write("site/b.txt", TestMirror.article("Two", TestMirror.unrelated(6)))
        _ = try mirror.scan()
        try mirror.remove("site/b.txt")
        let report = try mirror.scan()
        #expect(report.files.gone == 1 && report.files.seen == 1)
        let counts = try mirror.index().counts()
        #expect(counts.files == 2 && counts.goneFiles == 1 && counts.documents == 2 && counts.versions == 2)
        let history = try #require(try mirror.index().history(of: "site/b.txt"))
        #expect(history.gone && history.versions.count == 1)
    }

    @Test("bad files are reported by path and reason, and the scan goes on")
    func badFiles() throws {
        let mirror = try TestMirror()
        try mirror.write("site/good.txt", TestMirror.article("Fine", TestMirror.unrelated(7)))
        try mirror.write("site/empty.txt", "")
        try mirror.write("site/picture.html", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]))
        try mirror.write("site/huge.txt", String(repeating: "word ", count: 5000))
        try mirror.write("site/.hidden.txt", "skipped")
        try FileManager.default.createSymbolicLink(atPath: mirror.path + "/site/loop", withDestinationPath: mirror.path + "/site")
        try FileManager.default.createSymbolicLink(atPath: mirror.path + "/site/dangling.txt", withDestinationPath: mirror.path + "/nowhere.txt")
        let report = try mirror.scan(maxSize: 10_000)
        let reasons = Dictionary(uniqueKeysWithValues: report.badFiles.map { ($0.path, $0.reason) })
        #expect(reasons["site/empty.txt"] == "empty file")
        #expect(reasons["site/huge.txt"]?.contains("too large") == true)
        #expect(reasons["site/dangling.txt"]?.contains("broken symbolic link") == true)
        #expect(report.badFiles.count == 3, "the hidden file and the folder link are passed over, the picture skipped, none bad")
        #expect(report.notArticles == [.image: 1], "a PNG saved under a page's name is a picture")
        #expect(report.exitStatus == 1)
        #expect(report.newDocuments == 1)
        // Unchanged bad files are not read again, and named again with the reason the earlier
        // scan found; a broken link the walk finds again is still bad too, not new.
        let again = try mirror.scan(maxSize: 10_000)
        #expect(again.files.read == 0 && again.files.bad == 0 && again.files.stillBad == 3)
        #expect(again.badFiles.isEmpty)
        #expect(again.stillBadFiles.map(\.path) == ["site/dangling.txt", "site/empty.txt", "site/huge.txt"])
        #expect(again.stillBadFiles.map(\.reason).contains("empty file"))
    }

    @Test("a second scan while one holds the lock fails with a clear message")
    func lock() throws {
        let mirror = try TestMirror()
        try mirror.write("site/a.txt", TestMirror.article("One", TestMirror.unrelated(8)))
        _ = try MirrorIndex(path: mirror.indexPath, create: true)
        let descriptor = open(mirror.indexPath + ".lock", O_RDWR | O_CREAT, 0o644)
        try #require(descriptor >= 0)
        _ = "pid 4242, started yesterday\n".withCString { write(descriptor, $0, strlen($0)) }
        try #require(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        #expect {
            _ = try mirror.scan()
        } throws: { error in
            guard let error = error as? IndexError, case .locked(let holder) = error.reason else { return false }
            return holder.contains("pid 4242") && "\(error)".contains("another scan is using this index")
        }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        #expect(try mirror.scan().newDocuments == 1, "the lock is free again")
    }
}
