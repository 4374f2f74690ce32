import Foundation
import Testing
import WiretraceTestSupport

/// A file read with a problem is indexed, and the text report says so, naming the file.
@Suite("scan warnings in the text report")
struct ScanWarningsTests {
    @Test("a page read under a guessed charset is listed under Warnings, by its mirror path")
    func charsetGuess() throws {
        let mirror = try TestMirror()
        try mirror.copySample("html/charset-fallback.html", to: "www.example-news.com/page.html")
        let run = try WiretraceBinary.run(["scan", mirror.path, "--no-progress", "--color", "never"])
        #expect(run.status == 0, "a warning is no failure: \(run.standardError)")
        #expect(run.standardOutput.contains("Warnings\n  www.example-news.com/page.html: not UTF-8 at byte 37 and no character set declared; read as Windows-1252"),
                "\(run.standardOutput)")
        let quiet = try WiretraceBinary.run(["report", "--mirror", mirror.path, "--quiet", "--color", "never"])
        #expect(!quiet.standardOutput.contains("Warnings"), "--quiet prints only what needs a person")
    }
}
