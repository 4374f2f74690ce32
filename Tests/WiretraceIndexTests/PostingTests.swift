import Foundation
import Testing
import Wiretrace
import WiretraceIndex
import WiretraceTestSupport

/// The posting table is rebuilt in one pass after a bulk scan and kept row by row after a
/// small one; either way it must hold exactly the postings of every current version.
@Suite("Postings")
struct PostingTests {
    @Test("after a cold scan (rebuilt whole) and after a small one (kept row by row), the postings are those of the current versions")
    func postingsMatchCurrentVersions() throws {
        let mirror = try TestMirror()
        var body = Fixtures.seedBody
        try mirror.write("site/story.txt", TestMirror.article("Embassy attacked", body))
        try mirror.copySample("articles/devdiscourse-reuters-baghdad-embassy.txt", to: "www.devdiscourse.com/article/baghdad.txt")
        try mirror.write("www.example.org/local/council.txt", TestMirror.article("Council budget approved", TestMirror.unrelated(1)))
        _ = try mirror.scan()
        try expectPostingsMatch(mirror)

        // Two files to read against three documents: below the bulk threshold.
        body[0] = body[0].replacingOccurrences(of: "but there were no casualties", with: "and two guards were lightly wounded")
        try mirror.write("site/story.txt", TestMirror.article("Embassy attacked", body))
        try mirror.write("www.example.org/local/ferry.txt", TestMirror.article("Ferry timetable", TestMirror.unrelated(2)))
        let report = try mirror.scan()
        #expect(report.files.read == 2 && report.versions.count == 1)
        try expectPostingsMatch(mirror)
    }

    private func expectPostingsMatch(_ mirror: TestMirror, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try query(mirror.indexPath, "SELECT COUNT(*) FROM meta WHERE key = 'postingsDeferred'") == "0\n",
                "no deferred rebuild left behind", sourceLocation: sourceLocation)
        let table = Set(try query(mirror.indexPath, "SELECT documentId || ' ' || hash FROM posting").split(separator: "\n").map(String.init))
        var expected = Set<String>()
        let rows = try query(mirror.indexPath, "SELECT d.id, hex(p.postings) FROM document d JOIN print p ON p.versionId = d.currentVersionId")
        for row in rows.split(separator: "\n") {
            let parts = row.split(separator: "|")
            let hex: [UInt8] = parts.count > 1 ? Array(parts[1].utf8) : []
            // 8 bytes little-endian per hash, as the index stores them.
            for start in stride(from: 0, to: hex.count, by: 16) {
                var value: UInt64 = 0
                for byte in (0..<8).reversed() {
                    let pair = String(decoding: hex[(start + 2 * byte)..<(start + 2 * byte + 2)], as: UTF8.self)
                    value = value << 8 | UInt64(pair, radix: 16)!
                }
                expected.insert("\(parts[0]) \(Int64(bitPattern: value))")
            }
        }
        #expect(!expected.isEmpty, sourceLocation: sourceLocation)
        #expect(table == expected, sourceLocation: sourceLocation)
    }

    private func query(_ path: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", path, sql]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
