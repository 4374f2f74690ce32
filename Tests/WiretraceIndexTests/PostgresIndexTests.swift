import Foundation
import Testing
import WiretraceIndex
import WiretraceTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL server the tests may use: `WIRETRACE_TEST_POSTGRES`, which `Scripts/test`
/// sets after starting a throwaway cluster. Each test gets a database of its own.
enum PostgresTestServer {
    static let url: String? = {
        guard let value = ProcessInfo.processInfo.environment["WIRETRACE_TEST_POSTGRES"], !value.isEmpty else { return nil }
        return value
    }()

    /// A new, empty database on the test server, as a URL.
    static func freshDatabase() throws -> String {
        let server = try #require(url)
        let name = "wt_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        psql.arguments = ["psql", server, "-q", "-c", "CREATE DATABASE \(name)"]
        psql.standardOutput = FileHandle.nullDevice
        try psql.run()
        psql.waitUntilExit()
        try #require(psql.terminationStatus == 0, "psql could not create a database on \(server)")
        let base = server.prefix(upTo: try #require(server.lastIndex(of: "/")))
        return base + "/" + name
    }
}

/// Runs `wiretrace arguments...` without waiting, its output thrown away unless asked for.
private func start(_ arguments: [String], errors: Pipe? = nil) throws -> Process {
    let process = Process()
    process.executableURL = WiretraceBinary.url
    process.arguments = arguments
    process.currentDirectoryURL = Fixtures.root
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errors ?? FileHandle.nullDevice
    try process.run()
    return process
}

/// What two indexes must agree on whatever the order the scanners wrote in: each story as
/// the sorted paths of its members with its likely source's path, and each document's paths
/// and number of versions.
private struct Outcome: Equatable {
    var stories: Set<[String]>
    var documents: Set<[String]>
}

private func outcome(index: String, mirror: String) throws -> Outcome {
    let listing = try WiretraceBinary.run(["stories", "--index", index, "--json", "--limit", "1000"])
    #expect(listing.status == 0, "\(listing.standardError)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(listing.standardOutput.utf8)) as? [String: Any])
    var stories = Set<[String]>()
    var paths = Set<String>()
    for story in try #require(json["stories"] as? [[String: Any]]) {
        let timeline = try #require(story["timeline"] as? [[String: Any]])
        let members = timeline.compactMap { ($0["document"] as? [String: Any])?["path"] as? String }.sorted()
        let source = (((story["likelySource"] as? [String: Any])?["document"] as? [String: Any])?["path"] as? String) ?? "(undecided)"
        stories.insert(members + ["source: " + source])
        paths.formUnion(members)
    }
    var documents = Set<[String]>()
    let files = try FileManager.default.subpathsOfDirectory(atPath: mirror).filter { !$0.hasPrefix(".") && !$0.contains("/.") }
    for path in files.sorted() {
        let history = try WiretraceBinary.run(["history", path, "--index", index, "--json"])
        guard history.status == 0,
              let json = try JSONSerialization.jsonObject(with: Data(history.standardOutput.utf8)) as? [String: Any],
              let paths = json["paths"] as? [String] else { continue }
        let versions = (json["versions"] as? [[String: Any]])?.count ?? 0
        documents.insert(paths.sorted() + ["versions: \(versions)"])
    }
    return Outcome(stories: stories, documents: documents)
}

@Suite("PostgreSQL index: many scanners, one index", .serialized,
       // Needs a server: Scripts/test starts a throwaway cluster and sets WIRETRACE_TEST_POSTGRES.
       .enabled(if: PostgresTestServer.url != nil, "PostgreSQL tests skipped: WIRETRACE_TEST_POSTGRES is not set (Scripts/test sets it)"))
struct PostgresIndexTests {
    @Test("the sample mirror scanned by 3 concurrent sharded scanners into PostgreSQL gives SQLite's documents, versions, stories and sources")
    func equivalence() throws {
        let mirror = try TestMirror(copyOf: "mirror")
        let sqlite = try WiretraceBinary.run(["scan", mirror.path, "--no-progress"])
        #expect(sqlite.status == 0, "\(sqlite.standardError)")
        let database = try PostgresTestServer.freshDatabase()
        let scanners = try (1...3).map { try start(["scan", mirror.path, "--index", database, "--shard", "\($0)/3", "--no-progress"]) }
        for scanner in scanners { scanner.waitUntilExit() }
        #expect(scanners.allSatisfy { $0.terminationStatus == 0 })
        let linked = try WiretraceBinary.run(["scan", mirror.path, "--index", database, "--link-only", "--color", "never"])
        #expect(linked.status == 0, "\(linked.standardError)")
        #expect(linked.standardOutput.contains("4 new stories"))
        #expect(linked.standardOutput.contains("12 documents, 14 versions, 4 stories"))

        let expected = try outcome(index: mirror.indexPath, mirror: mirror.path)
        #expect(expected.stories.count == 4 && expected.documents.count == 12)
        #expect(try outcome(index: database, mirror: mirror.path) == expected)
        let postgres = try MirrorIndex(readOnlyAt: database).counts(), file = try MirrorIndex(readOnlyAt: mirror.indexPath).counts()
        #expect(postgres.files == file.files && postgres.documents == file.documents && postgres.versions == file.versions)
        #expect(postgres.stories == file.stories && postgres.storyMembers == file.storyMembers && postgres.links == file.links)

        // A second link run over the unchanged index changes nothing.
        let again = try WiretraceBinary.run(["scan", mirror.path, "--index", database, "--link-only", "--json"])
        #expect(again.status == 0)
        #expect(try MirrorIndex(readOnlyAt: database).counts().links == postgres.links)
        #expect(try outcome(index: database, mirror: mirror.path) == expected)
    }

    @Test("one of 3 concurrent scanners killed with SIGKILL mid-batch: its rerun completes, nothing lost, nothing duplicated")
    func killOneScanner() throws {
        let mirror = try TestMirror()
        let generator = Process()
        generator.executableURL = Fixtures.root.appendingPathComponent("Scripts/gen-mirror")
        generator.arguments = ["600", mirror.path, "--words", "200"]
        generator.standardError = FileHandle.nullDevice
        try generator.run()
        generator.waitUntilExit()
        try #require(generator.terminationStatus == 0)
        let database = try PostgresTestServer.freshDatabase()

        // Shard 2 pauses after each small batch, so it is still writing when it is killed.
        let errors = Pipe()
        let victim = try start(["scan", mirror.path, "--index", database, "--shard", "2/3", "--no-progress", "--jobs", "1",
                                "--batch-size", "10", "--batch-pause-ms", "150"], errors: errors)
        let others = try [1, 3].map { try start(["scan", mirror.path, "--index", database, "--shard", "\($0)/3", "--no-progress"]) }
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline && victim.isRunning {
            if let counts = try? MirrorIndex(readOnlyAt: database).counts(), counts.files >= 30 { break }
            usleep(50_000)
        }
        guard victim.isRunning else {
            Issue.record("shard 2 ended before it could be killed: \(String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self))")
            return
        }
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        #expect(victim.terminationReason == .uncaughtSignal)
        for scanner in others { scanner.waitUntilExit() }
        #expect(others.allSatisfy { $0.terminationStatus == 0 })

        // Linking is refused while a scan of the index is marked running by a live scanner;
        // the killed one's row is found dead and marked interrupted instead.
        let rerun = try WiretraceBinary.run(["scan", mirror.path, "--index", database, "--shard", "2/3", "--no-progress", "--json"])
        #expect(rerun.status == 0, "\(rerun.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(rerun.standardOutput.utf8)) as? [String: Any])
        let files = try #require(report["files"] as? [String: Any])
        #expect((files["unchanged"] as? Int ?? 0) > 0, "what the killed scanner committed is not read again")
        let linked = try WiretraceBinary.run(["scan", mirror.path, "--index", database, "--link-only", "--no-progress"])
        #expect(linked.status == 0, "\(linked.standardError)")

        let clean = try WiretraceBinary.run(["scan", mirror.path, "--no-progress"])
        #expect(clean.status == 0)
        let shared = try MirrorIndex(readOnlyAt: database).counts(), single = try MirrorIndex(readOnlyAt: mirror.indexPath).counts()
        #expect(shared.files == single.files && shared.files == 600)
        #expect(shared.documents == single.documents)
        #expect(shared.versions == single.versions, "no version lost or written twice")
        #expect(shared.postings == single.postings)
        #expect(shared.stories == single.stories && shared.storyMembers == single.storyMembers)
    }

    @Test("two scanners of the same shard: the second is refused with status 2 while the first holds the shard's lock")
    func sameShardRefused() throws {
        let mirror = try TestMirror(copyOf: "mirror")
        let database = try PostgresTestServer.freshDatabase()
        let first = try start(["scan", mirror.path, "--index", database, "--shard", "1/1", "--no-progress", "--jobs", "1",
                               "--batch-size", "1", "--batch-pause-ms", "400"])
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) }; first.waitUntilExit() }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, (try? MirrorIndex(readOnlyAt: database).counts().files) ?? 0 < 1 { usleep(50_000) }
        let second = try WiretraceBinary.run(["scan", mirror.path, "--index", database, "--shard", "1/1", "--no-progress"])
        #expect(second.status == 2)
        #expect(second.standardError.contains("another scanner holds shard 1/1"))
        let link = try WiretraceBinary.run(["scan", mirror.path, "--index", database, "--link-only", "--no-progress"])
        #expect(link.status == 2 && link.standardError.contains("still writing"), "\(link.standardError)")
    }

    @Test("a scan whose session the server ends between two batches connects again, takes its locks again and completes")
    func lostConnection() throws {
        let mirror = try TestMirror(copyOf: "mirror")
        let database = try PostgresTestServer.freshDatabase()
        let errors = Pipe()
        let scan = try start(["scan", mirror.path, "--index", database, "--no-progress", "--jobs", "1", "--batch-size", "1",
                              "--batch-pause-ms", "300"], errors: errors)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, (try? MirrorIndex(readOnlyAt: database).counts().files) ?? 0 < 2 { usleep(50_000) }
        // Only an idle session: the scanner is pausing between two batches, not in one.
        var ended = false
        while Date() < deadline && scan.isRunning && !ended {
            let psql = Process()
            psql.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            psql.arguments = ["psql", database, "-Atc", """
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'
                """]
            let output = Pipe()
            psql.standardOutput = output
            try psql.run()
            psql.waitUntilExit()
            ended = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("t")
        }
        #expect(ended, "the scanner's session was ended while the scan ran")
        scan.waitUntilExit()
        #expect(scan.terminationStatus == 0, "\(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
        let counts = try MirrorIndex(readOnlyAt: database).counts()
        #expect(counts.documents == 12 && counts.versions == 14 && counts.stories == 4 && counts.finishedScans == 1)
    }

    @Test("WIRETRACE_INDEX selects the index for the queries")
    func environment() throws {
        let mirror = try TestMirror(copyOf: "mirror")
        let database = try PostgresTestServer.freshDatabase()
        let scan = try WiretraceBinary.run(["scan", mirror.path, "--no-progress"], environment: ["WIRETRACE_INDEX": database])
        #expect(scan.status == 0, "\(scan.standardError)")
        #expect(!FileManager.default.fileExists(atPath: mirror.indexPath), "nothing written into the mirror")
        let stories = try WiretraceBinary.run(["stories", "--color", "never"], environment: ["WIRETRACE_INDEX": database])
        #expect(stories.status == 0)
        #expect(stories.standardOutput.split(separator: "\n").filter { $0.hasPrefix("#") }.count == 4)
        let outlets = try WiretraceBinary.run(["outlets", "--json"], environment: ["WIRETRACE_INDEX": database])
        #expect(outlets.status == 0, "\(outlets.standardError)")
        let report = try WiretraceBinary.run(["report", "--json"], environment: ["WIRETRACE_INDEX": database])
        #expect(report.status == 0, "\(report.standardError)")
    }
}

@Suite("PostgreSQL index: bad locations")
struct PostgresLocationTests {
    @Test("a URL without user or database is refused with status 2 and says what a URL looks like")
    func badURL() throws {
        for url in ["postgresql://localhost/db", "postgresql://user@localhost/", "postgresql://user@localhost:99999/db"] {
            let run = try WiretraceBinary.run(["stories", "--index", url])
            #expect(run.status == 2)
            #expect(run.standardError.contains("expected postgresql://USER@HOST[:PORT]/DATABASE"), "\(url): \(run.standardError)")
        }
    }

    @Test("a server that does not answer is tried again, then reported with status 2")
    func unreachable() throws {
        // A loopback port nothing listens on: bound, then closed.
        let socket = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        let port = UInt16(bigEndian: address.sin_port)
        close(socket)
        let run = try WiretraceBinary.run(["stories", "--index", "postgresql://nobody@127.0.0.1:\(port)/none"])
        #expect(run.status == 2)
        #expect(run.standardError.contains("cannot connect after 4 attempts"), "\(run.standardError)")
    }
}
