import ArgumentParser
import Foundation
import Wiretrace
import WiretraceIndex

extension WiretraceCommand {
    struct Stories: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the stories of a scanned mirror, most recently changed first.",
            discussion: "Exit status: 0, or 2 for trouble (no index)."
        )

        @Option(help: "Only stories with a copy from this outlet or site (substring, case-insensitive).") var outlet: String?
        @Option(help: "Only stories whose likely source is this agency (Reuters, AP, PTI, ...).") var agency: String?
        @OptionGroup var window: WindowOptions
        @Option(help: "At most this many stories.") var limit = 50
        @OptionGroup var location: IndexLocationOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if limit < 1 { throw ValidationError("--limit \(limit): expected at least 1 story") }
        }

        func run() throws {
            var filter = StoryFilter(outlet: outlet, agency: agency, limit: limit)
            try window.apply(to: &filter)
            let index = try location.open()
            let stories = try reportingIndexErrors { try index.stories(filter) }
            let matching = stories.count < limit ? stories.count : try reportingIndexErrors { try index.storyCount(filter) }
            if output.json {
                let listing = StoriesJSON(matching: matching, stories: stories.map(StoryJSON.init))
                Terminal.standardOutput.write(try JSONOutput.encode(Versioned(listing)))
                return
            }
            let style = output.style
            if stories.isEmpty { Terminal.standardOutput.write("No stories match.\n"); return }
            var lines: [String] = []
            for story in stories {
                let source = story.likelySource.agency ?? story.likelySource.outlet ?? (story.likelySource.undecidedBetween.isEmpty ? "unknown" : "undecided")
                let first = shortTime(story.firstPublished ?? story.timeline.first?.firstSeen)
                lines.append("\(style.bold(padded("#\(story.id)", 6))) \(padded(first, 20)) \(padded("\(story.size) copies", 10)) \(padded(shown(source), 12)) \(excerpt(shown(story.title ?? "untitled"), 70))")
                lines.append(style.dim("       " + excerpt(shown(story.outlets.joined(separator: ", ")), 110)))
            }
            if matching > stories.count {
                lines.append("… and \(matching - stories.count) more (--limit \(matching) shows them all)")
            }
            Terminal.standardOutput.write(lines.joined(separator: "\n") + "\n")
        }
    }
}
