import Foundation
import Testing
import WiretraceTestSupport

@Suite("Zstandard files, end to end")
struct ZstdCommandTests {
    @Test("inspect reads a .zst page as the page, and names the compression")
    func inspect() throws {
        let page = "Samples/html/devdiscourse-baghdad-embassy.html"
        let run = try WiretraceBinary.run(["inspect", page + ".zst", "--color", "never"])
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("\(page).zst  (html, zstd)\n"))
        let plain = try WiretraceBinary.run(["inspect", page, "--color", "never"])
        #expect(run.standardOutput.split(separator: "\n").dropFirst() == plain.standardOutput.split(separator: "\n").dropFirst())
        let json = try WiretraceBinary.run(["inspect", "--json", page + ".zst"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["compressed"] as? Bool == true)
        #expect(object["compression"] as? String == "zstd")
    }

    @Test("a damaged .zst is named with the reason, status 2")
    func damaged() throws {
        let run = try WiretraceBinary.run(["compare", "Samples/bad/truncated.html.zst", "Samples/html/devdiscourse-baghdad-embassy.html"])
        #expect(run.status == 2)
        #expect(run.standardError.contains("Samples/bad/truncated.html.zst: damaged Zstandard data"))
    }
}
