import ArgumentParser
import Foundation
import WiretraceIndex

extension WiretraceCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the report of a past scan again, as text, JSON or an HTML page.",
            discussion: "Exit status: 0, or 2 for trouble (no index, no such finished scan, a report that cannot be written)."
        )

        @Option(help: "The scan's number (default: the latest finished scan).") var scan: Int?
        @Option(name: .customLong("html"), help: ArgumentHelp("Also write the report as one self-contained HTML page.", valueName: "FILE"))
        var html: String?
        @Flag(help: "Print only the summary lines and what needs a person.") var quiet = false
        @OptionGroup var location: IndexLocationOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let index = try location.open()
            guard let report = try reportingIndexErrors({ try index.report(ofScan: scan) }) else {
                Terminal.complain(scan.map { "no finished scan \($0) in \(index.path)" } ?? "no finished scan in \(index.path)")
                throw ExitCode(2)
            }
            if let html { try ScanHTMLReport(report: report, index: index).write(to: html) }
            if output.json {
                Terminal.standardOutput.write(try JSONOutput.encode(report))
            } else {
                Terminal.standardOutput.write(ScanReportText(report: report, style: output.style, quiet: quiet).render())
            }
        }
    }
}
