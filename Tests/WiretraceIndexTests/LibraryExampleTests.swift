import Foundation
import Testing
import WiretraceIndex
import WiretraceTestSupport

/// The README's "the library in ten lines", run as written on the sample mirror, so the
/// example cannot rot: change one, change the other.
@Suite("the README's library example")
struct LibraryExampleTests {
    @Test("scans the sample mirror and names its widest story's copies and their verdicts")
    func tenLines() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wiretrace-example-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let mirror = folder.appendingPathComponent("mirror").path
        try FileManager.default.copyItem(atPath: Fixtures.sample("mirror").path, toPath: mirror)
        let indexPath = folder.appendingPathComponent("news.sqlite").path
        var printed: [String] = []
        func print(_ line: String) { printed.append(line) }

        // The README's code, from here...
        let index = try MirrorIndex(path: indexPath, create: true)
        let report = try MirrorScanner(mirror: mirror, index: index).scan()
        print("\(report.newStoryCount) new stories, \(report.silentEdits) silent edits")
        for story in report.newStories {
            print("#\(story.id) \(story.title ?? "untitled"): \(story.size) copies, source \(story.likelySource.outlet ?? "undecided")")
        }
        if let widest = report.newStories.first, let detail = try index.story(id: widest.id, passages: true) {
            for copy in detail.passages ?? [] { print("  \(copy.outlet): \(copy.verdict.rawValue), \(Int(copy.score * 100))%") }
        }
        // ... to here.

        #expect(printed.first == "4 new stories, 1 silent edits")
        #expect(printed.count == 1 + 4 + 3, "four stories, then the widest story's three copies besides its source: \(printed)")
        #expect(printed[1].hasSuffix("4 copies, source reuters.com"), "the widest story leads: \(printed[1])")
        #expect(printed.contains { $0.hasPrefix("  Devdiscourse: ") })
    }
}
