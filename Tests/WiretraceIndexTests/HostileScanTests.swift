import Foundation
import Testing
import WiretraceIndex
import WiretraceTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// End-to-end: the built binary on mirrors, reports and indexes that fight back.
@Suite("scan and queries under hostile input", .serialized)
struct HostileScanTests {
    private func json(_ run: WiretraceBinary.Outcome) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any], "\(run.standardError)")
    }

    private func files(_ run: WiretraceBinary.Outcome) throws -> [String: Int] {
        try #require(try json(run)["files"] as? [String: Int])
    }

    private func sqlite(_ path: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", path, sql]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sqlite3 is needed for this test")
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func article(_ seed: Int) -> String { TestMirror.article("Story \(seed)", TestMirror.unrelated(seed)) }

    @Test("a FIFO in a mirror is listed as not read, with its reason; the scan does not block")
    func fifoInMirror() throws {
        let mirror = try TestMirror()
        try mirror.write("site/a.txt", article(1))
        try #require(mkfifo(mirror.path + "/site/pipe.html", 0o644) == 0)
        let run = try WiretraceBinary.run(["scan", mirror.path, "--json", "--no-progress"])
        #expect(run.status == 1, "a file could not be read")
        let bad = try #require(try json(run)["badFiles"] as? [[String: String]])
        #expect(bad == [["path": "site/pipe.html", "reason": "a FIFO (named pipe), not an article file; not read"]])
    }

    @Test("a mirror path that is a file says so, not 'no such folder'")
    func mirrorIsAFile() throws {
        let mirror = try TestMirror()
        try mirror.write("a.txt", article(2))
        let run = try WiretraceBinary.run(["scan", mirror.path + "/a.txt"])
        #expect(run.status == 2)
        #expect(run.standardError.contains("a.txt: a file, not a folder"), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: mirror.path + "/a.txt/.wiretrace"))
    }

    @Test("--html onto a device writes through and leaves the device a device (as root, it was replaced by a regular file)")
    func htmlOntoDevice() throws {
        let mirror = try TestMirror()
        try mirror.write("site/a.txt", article(3))
        let device = mirror.path + "/../" + mirror.root.lastPathComponent + "-null"
        guard mknod(device, S_IFCHR | 0o666, (1 << 8) | 3) == 0 else { return } // 1:3 is the null device; needs root, as the bug did
        defer { unlink(device) }
        let run = try WiretraceBinary.run(["scan", mirror.path, "--html", device, "--no-progress"])
        #expect(run.status == 0, "\(run.standardError)")
        var info = stat()
        #expect(stat(device, &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "still the null device")
    }

    @Test("--index onto a device or a folder is refused, and nothing is created beside it")
    func indexOntoDevice() throws {
        let mirror = try TestMirror()
        try mirror.write("site/a.txt", article(12))
        let folder = try TestMirror()
        let device = folder.path + "/null"
        var targets = [(folder.path, "a folder, not an index file")]
        if mknod(device, S_IFCHR | 0o666, (1 << 8) | 3) == 0 { targets.append((device, "a character device, not an index file")) }
        for (target, reason) in targets {
            for command in [["scan", mirror.path, "--no-progress"], ["stories"]] {
                let run = try WiretraceBinary.run(command + ["--index", target])
                #expect(run.status == 2)
                #expect(run.standardError.contains("\(target): \(reason)"), "\(run.standardError)")
            }
            #expect(!FileManager.default.fileExists(atPath: target + ".lock") && !FileManager.default.fileExists(atPath: target + "-wal"))
        }
    }

    @Test("--html into a FIFO writes the page through to its reader")
    func htmlIntoFIFO() throws {
        let mirror = try TestMirror()
        try mirror.write("site/a.txt", article(4))
        let fifo = mirror.path + "/../" + mirror.root.lastPathComponent + ".fifo"
        try #require(mkfifo(fifo, 0o644) == 0)
        defer { unlink(fifo) }
        // The reader opens first, as `cat fifo &` would.
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo]
        let page = Pipe()
        reader.standardOutput = page
        try reader.run()
        usleep(200_000)
        let run = try WiretraceBinary.run(["scan", mirror.path, "--html", fifo, "--no-progress"])
        // A FIFO renamed away leaves its reader waiting for a writer forever.
        let deadline = Date().addingTimeInterval(10)
        while reader.isRunning && Date() < deadline { usleep(20_000) }
        if reader.isRunning { kill(reader.processIdentifier, SIGKILL) }
        let received = String(decoding: page.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        reader.waitUntilExit()
        #expect(run.status == 0, "\(run.standardError)")
        #expect(received.hasPrefix("<!DOCTYPE html>"))
        var info = stat()
        #expect(stat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }

    @Test("--html into a folder that does not exist fails before the scan commits, with a plain message")
    func htmlNowhere() throws {
        let mirror = try TestMirror()
        try mirror.write("site/a.txt", article(5))
        let run = try WiretraceBinary.run(["scan", mirror.path, "--html", "/no/such/dir/r.html", "--no-progress"])
        #expect(run.status == 2)
        #expect(run.standardError == "wiretrace: /no/such/dir/r.html: cannot write the report: its folder /no/such/dir does not exist (No such file or directory)\n")
        #expect(!FileManager.default.fileExists(atPath: mirror.indexPath), "nothing was scanned")
    }

    @Test("a refused second scan names the holder's pid from the kernel and does not invite removing the lock; the lock file is never emptied")
    func lockHolder() throws {
        let mirror = try TestMirror()
        for seed in 0..<8 { try mirror.write("site/\(seed).txt", article(seed)) }
        let holder = Process()
        holder.executableURL = WiretraceBinary.url
        holder.arguments = ["scan", mirror.path, "--no-progress", "--jobs", "1", "--batch-size", "1", "--batch-pause-ms", "1000"]
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) }; holder.waitUntilExit() }
        let lockPath = mirror.indexPath + ".lock"
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, ((try? FileManager.default.attributesOfItem(atPath: lockPath)[.size] as? Int) ?? 0) == 0 { usleep(20_000) }
        for _ in 0..<3 {
            let second = try WiretraceBinary.run(["scan", mirror.path, "--no-progress"])
            #expect(second.status == 2)
            #expect(second.standardError.contains("another scan is using this index (pid \(holder.processIdentifier), started "), "\(second.standardError)")
            #expect(!second.standardError.contains("remove"))
        }
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        let record = try String(contentsOfFile: lockPath, encoding: .utf8)
        #expect(record.hasPrefix("pid \(holder.processIdentifier), "), "the file keeps its record; it means nothing without the lock")
        let after = try WiretraceBinary.run(["scan", mirror.path, "--no-progress", "--json"])
        #expect(after.status == 0, "the killed holder's lock died with it: \(after.standardError)")
    }

    @Test("queries refuse another application's SQLite file and an empty file, and leave both as they were")
    func queriesRefuseForeignFiles() throws {
        let folder = try TestMirror()
        let foreign = folder.path + "/app.sqlite"
        _ = try sqlite(foreign, "CREATE TABLE notes(text TEXT); INSERT INTO notes VALUES ('hello');")
        let before = try Data(contentsOf: URL(fileURLWithPath: foreign))
        let empty = folder.path + "/empty.sqlite"
        try Data().write(to: URL(fileURLWithPath: empty))
        for command in [["stories"], ["story", "1"], ["history", "site/a.txt"]] {
            for path in [foreign, empty] {
                let run = try WiretraceBinary.run(command + ["--index", path])
                #expect(run.status == 2)
                #expect(run.standardError.contains("\(path): not a Wiretrace index"), "\(run.standardError)")
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == before)
        #expect(try sqlite(foreign, "PRAGMA journal_mode") == "delete", "not switched to WAL")
        #expect(try Data(contentsOf: URL(fileURLWithPath: empty)).isEmpty, "no schema written into it")
    }

    @Test("queries work on an index the user may not write (run as nobody: needs root and setpriv)")
    func queriesWithoutWriteAccess() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
        let mirror = try TestMirror()
        try mirror.write("site/a.txt", article(11))
        #expect(try WiretraceBinary.run(["scan", mirror.path, "--no-progress"]).status == 0)
        for command in [["stories"], ["history", "site/a.txt"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid", "65534", "--regid", "65534", "--clear-groups", WiretraceBinary.url.path] + command + ["--mirror", mirror.path]
            let errors = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(command): \(message)")
        }
    }

    @Test("queries change nothing in an index: no switch to WAL, no migration; an older schema is refused with what to do")
    func queriesAreReadOnly() throws {
        let mirror = try TestMirror()
        try mirror.write("site/a.txt", article(6))
        _ = try WiretraceBinary.run(["scan", mirror.path, "--no-progress"])
        _ = try sqlite(mirror.indexPath, "PRAGMA journal_mode = DELETE;")
        let stories = try WiretraceBinary.run(["stories", "--mirror", mirror.path])
        #expect(stories.status == 0, "\(stories.standardError)")
        #expect(try sqlite(mirror.indexPath, "PRAGMA journal_mode") == "delete")
        _ = try sqlite(mirror.indexPath, "DELETE FROM grdb_migrations WHERE identifier = 'v3';")
        let old = try WiretraceBinary.run(["stories", "--mirror", mirror.path])
        #expect(old.status == 2)
        #expect(old.standardError.contains("written by an older Wiretrace"), "\(old.standardError)")
        #expect(try sqlite(mirror.indexPath, "SELECT COUNT(*) FROM grdb_migrations WHERE identifier = 'v3'") == "0", "not migrated by a query")
    }

    @Test("a file whose name is not valid UTF-8 is read, and shown with its stray byte escaped")
    func nonUTF8Name() throws {
        let mirror = try TestMirror()
        try mirror.write("site/plain.txt", article(7))
        let name: [UInt8] = Array((mirror.path + "/site/caf").utf8) + [0xE9] + Array(".txt".utf8)
        let descriptor = (name.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) }
        try #require(descriptor >= 0)
        _ = article(8).withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)
        let run = try WiretraceBinary.run(["scan", mirror.path, "--json", "--no-progress"])
        #expect(run.status == 0, "\(run.standardOutput)")
        #expect(try files(run)["read"] == 2)
        #expect(try json(run)["newDocuments"] as? Int == 2)
        let again = try WiretraceBinary.run(["scan", mirror.path, "--json", "--no-progress"])
        #expect(try files(again)["unchanged"] == 2, "found under the same name the next time")
        let history = try WiretraceBinary.run(["history", "site/caf\\xE9.txt", "--mirror", mirror.path, "--color", "never"])
        #expect(history.status == 0, "\(history.standardError)")
        #expect(history.standardOutput.hasPrefix("site/caf\\xE9.txt · 1 version"))
    }

    @Test("a bad file is tried again each scan: raising --max-size clears it without touching the file")
    func badFilesRetried() throws {
        let mirror = try TestMirror()
        try mirror.write("site/long.txt", article(9) + String(repeating: "More words in a long closing paragraph. ", count: 60))
        let first = try WiretraceBinary.run(["scan", mirror.path, "--json", "--no-progress", "--max-size", "1K"])
        #expect(first.status == 1)
        let still = try WiretraceBinary.run(["scan", mirror.path, "--json", "--no-progress", "--max-size", "1K"])
        #expect(still.status == 0, "no file became unreadable in this scan")
        #expect((try json(still)["stillBadFiles"] as? [[String: String]])?.count == 1, "still bad for the same reason: named as still bad")
        let raised = try WiretraceBinary.run(["scan", mirror.path, "--json", "--no-progress", "--max-size", "1M"])
        #expect(raised.status == 0, "the file is read now")
        #expect(try json(raised)["newDocuments"] as? Int == 1)
        #expect(try files(raised)["retried"] == 1)
        #expect(try files(raised)["read"] == 0, "it did not change")
    }

    @Test("after a killed rescan the next report counts what the killed run did too, and no scan stays 'running'")
    func killedRescanCounted() throws {
        let mirror = try TestMirror()
        for seed in 0..<30 { try mirror.write("site/b\(100 + seed).txt", article(seed)) }
        #expect(try WiretraceBinary.run(["scan", mirror.path, "--no-progress"]).status == 0)
        // The next scan's work: 10 new files (read first: their names sort first), 10 changed.
        for seed in 0..<10 { try mirror.write("site/a\(100 + seed).txt", article(200 + seed)) }
        for seed in 0..<10 { try mirror.write("site/b\(100 + seed).txt", article(300 + seed)) }
        let scan = Process()
        scan.executableURL = WiretraceBinary.url
        scan.arguments = ["scan", mirror.path, "--no-progress", "--jobs", "1", "--batch-size", "4", "--batch-pause-ms", "400"]
        scan.standardOutput = FileHandle.nullDevice
        scan.standardError = FileHandle.nullDevice
        try scan.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, scan.isRunning, ((try? MirrorIndex(readOnlyAt: mirror.indexPath).counts().documents) ?? 0) < 38 { usleep(20_000) }
        try #require(scan.isRunning, "the scan ended before it could be killed")
        kill(scan.processIdentifier, SIGKILL)
        scan.waitUntilExit()
        #expect(try sqlite(mirror.indexPath, "SELECT status FROM scan ORDER BY id") == "finished\nrunning")
        let resumed = try WiretraceBinary.run(["scan", mirror.path, "--json", "--no-progress"])
        #expect(resumed.status == 0)
        let counts = try files(resumed)
        #expect(counts["new"] == 10)
        #expect(counts["changed"] == 10)
        #expect(try json(resumed)["newDocuments"] as? Int == 10)
        #expect(try sqlite(mirror.indexPath, "SELECT status FROM scan ORDER BY id") == "finished\ninterrupted\nfinished")
    }

    @Test("--index and --html inside the mirror: the lock, the index files and the report are never documents")
    func ownFilesInsideMirror() throws {
        let mirror = try TestMirror()
        try mirror.write("site/a.txt", article(10))
        let arguments = ["scan", mirror.path, "--index", mirror.path + "/index.sqlite", "--html", mirror.path + "/report.html", "--json", "--no-progress"]
        let first = try WiretraceBinary.run(arguments)
        #expect(first.status == 0, "\(first.standardOutput)")
        let second = try WiretraceBinary.run(arguments)
        #expect(second.status == 0, "\(second.standardOutput)")
        #expect(try files(second)["seen"] == 1)
        #expect(try json(second)["newDocuments"] as? Int == 0)
        #expect((try json(second)["badFiles"] as? [Any])?.isEmpty == true)
        #expect((try json(second)["versions"] as? [Any])?.isEmpty == true, "the lock file makes no new version")
    }
}
