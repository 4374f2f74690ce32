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
        @Option(help: ArgumentHelp("Only stories with a copy published on or after this moment: a date (2024-05-30), a date and time, today, yesterday, or a span back from now (24h, 7d, 2w, 90min).", valueName: "WHEN"))
        var since: String?
        @Option(help: ArgumentHelp("Only stories with a copy published on or before this moment (a date counts to its end).", valueName: "WHEN"))
        var until: String?
        @Flag(help: "Bound by when the scan first saw each copy, not by when it was published.") var seen = false
        @Option(help: "At most this many stories.") var limit = 50
        @OptionGroup var location: IndexLocationOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if limit < 1 { throw ValidationError("--limit \(limit): expected at least 1 story") }
        }

        /// The moment `text` names on this machine's clock, or a usage error naming the option.
        private func moment(_ text: String, _ option: String) throws -> QueryTime {
            let now = Date()
            let offset = TimeZone.current.secondsFromGMT(for: now) / 60
            guard let time = QueryTime(text, now: Timestamp(secondsSince1970: Int64(now.timeIntervalSince1970)), utcOffsetMinutes: offset) else {
                Terminal.complain("\(option) \(shown(text)): not a date, a time, today, yesterday or a span such as 24h or 7d")
                throw ExitCode(2)
            }
            return time
        }

        func run() throws {
            var filter = StoryFilter(outlet: outlet, agency: agency, basis: seen ? .seen : .published, limit: limit)
            filter.since = try since.map { try moment($0, "--since").start }
            filter.until = try until.map { try moment($0, "--until").end }
            let index = try location.open()
            let stories = try reportingIndexErrors { try index.stories(filter) }
            let matching = stories.count < limit ? stories.count : try reportingIndexErrors { try index.storyCount(filter) }
            if output.json {
                struct Listing: Encodable { var schemaVersion = 1; var matching: Int; var stories: [StorySummary] }
                Terminal.standardOutput.write(try JSONOutput.encode(Listing(matching: matching, stories: stories)))
                return
            }
            let style = output.style
            if stories.isEmpty { Terminal.standardOutput.write("No stories match.\n"); return }
            var lines: [String] = []
            for story in stories {
                let source = story.likelySource.agency ?? story.likelySource.outlet ?? "unknown"
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
