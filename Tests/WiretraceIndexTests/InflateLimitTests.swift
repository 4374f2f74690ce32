import Foundation
import Testing
import WiretraceTestSupport

/// End-to-end: `scan --max-size` bounds what a gzip file inflates to, not only its size on
/// disk, both ways (a file inflated to 32 MB whatever the limit was before).
@Suite("scan --max-size and gzip", .serialized)
struct InflateLimitTests {
    /// `data` compressed by the system's gzip.
    private func gzip(_ data: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-c", "-9"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Write from another thread: gzip's output pipe fills while its input is written.
        let writer = Thread { input.fileHandleForWriting.write(data); try? input.fileHandleForWriting.close() }
        writer.start()
        let compressed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gzip is needed for this test")
        return compressed
    }

    private func badFiles(_ run: WiretraceBinary.Outcome) throws -> [[String: String]] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any], "\(run.standardError)")
        return try #require(json["badFiles"] as? [[String: String]])
    }

    @Test("a small gzip file that inflates past --max-size is a bad file naming the limit")
    func inflatesPastMaxSize() throws {
        let mirror = try TestMirror()
        let text = TestMirror.article("A long council story", (0..<4000).map { "Paragraph \($0 % 7) of the council minutes, read out again." })
        let compressed = try gzip(Data(text.utf8))
        #expect(compressed.count < 100 << 10 && text.utf8.count > 100 << 10)
        try mirror.write("site/minutes.txt.gz", compressed)
        let run = try WiretraceBinary.run(["scan", mirror.path, "--json", "--no-progress", "--max-size", "100K"])
        #expect(run.status == 1, "\(run.standardError)")
        #expect(try badFiles(run) == [["path": "site/minutes.txt.gz", "reason": "gzip data inflates past the 102400-byte limit"]])
    }

    @Test("a --max-size above 32M lets a gzip file inflate past 32 MB")
    func raisedMaxSize() throws {
        let mirror = try TestMirror()
        // 33 MB of zero bytes under a page's name: inflated whole, they are a damaged page, not a file too large.
        try mirror.write("site/zeros.html.gz", try gzip(Data(count: 33 << 20)))
        let run = try WiretraceBinary.run(["scan", mirror.path, "--json", "--no-progress", "--max-size", "40M"])
        #expect(run.status == 1, "\(run.standardError)")
        #expect(try badFiles(run) == [["path": "site/zeros.html.gz", "reason": "binary file (contains NUL bytes), not an article"]])
    }
}
