import ArgumentParser
import Foundation
import Wiretrace
import WiretraceIndex

extension WiretraceCommand {
    struct Outlets: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Roll the index's stories up by outlet and agency: stories taken, copies, delay after the source, silent edits.",
            discussion: """
                One row per outlet and agency, the outlets with the most copies first. The window \
                (--since, --until, --seen) counts the copies published (or seen) in it. \
                Exit status: 0, or 2 for trouble (no index).
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv, jsonl }

        @Option(help: "Only outlets or sites whose name holds this (case-insensitive).") var outlet: String?
        @Option(help: "Only stories whose likely source is this agency (Reuters, AP, PTI, ...).") var agency: String?
        @OptionGroup var window: WindowOptions
        @Option(help: "text (a table), csv (a header line, then a row per outlet and agency) or jsonl (an object per line).")
        var format: Format = .text
        @OptionGroup var location: IndexLocationOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            var filter = StoryFilter(outlet: outlet, agency: agency)
            try window.apply(to: &filter)
            let index = try location.open()
            let rows = try reportingIndexErrors { try index.outlets(filter) }
            if output.json {
                Terminal.standardOutput.write(try JSONOutput.encode(Versioned(OutletsJSON(outlets: rows))))
                return
            }
            switch format {
            case .jsonl:
                for row in rows { Terminal.standardOutput.write(try JSONOutput.line(row)) }
            case .csv:
                var lines = ["outlet,agency,stories_taken,copies,stories_sourced,median_delay_seconds,silent_edits"]
                for row in rows {
                    lines.append([Self.csvField(row.outlet), Self.csvField(row.agency ?? ""), "\(row.storiesTaken)", "\(row.copies)",
                                  "\(row.storiesSourced)", row.medianDelaySeconds.map(String.init) ?? "", "\(row.silentEdits)"].joined(separator: ","))
                }
                Terminal.standardOutput.write(lines.joined(separator: "\n") + "\n")
            case .text:
                if rows.isEmpty { Terminal.standardOutput.write("No stories match.\n"); return }
                let style = output.style
                var lines = [style.bold(padded("outlet", 28) + padded("agency", 12) + padded("taken", 7) + padded("copies", 8)
                                        + padded("sourced", 9) + padded("median delay", 14) + "silent edits")]
                for row in rows {
                    lines.append(padded(excerpt(shown(row.outlet), 26), 28) + padded(shown(row.agency ?? "–"), 12) + padded("\(row.storiesTaken)", 7)
                                 + padded("\(row.copies)", 8) + padded("\(row.storiesSourced)", 9)
                                 + padded(row.medianDelaySeconds.map(Self.delay) ?? "–", 14) + "\(row.silentEdits)")
                }
                Terminal.standardOutput.write(lines.joined(separator: "\n") + "\n")
            }
        }

        /// A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180).
        static func csvField(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }

        /// `2 d 3 h`, `4 h 10 min`, `12 min`, `-5 min`.
        static func delay(_ seconds: Int64) -> String {
            let sign = seconds < 0 ? "-" : ""
            let minutes = abs(seconds) / 60
            if minutes >= 1440 { return "\(sign)\(minutes / 1440) d \(minutes % 1440 / 60) h" }
            if minutes >= 60 { return "\(sign)\(minutes / 60) h \(minutes % 60) min" }
            return "\(sign)\(minutes) min"
        }
    }
}
