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
        @OptionGroup var reportOutput: ReportOutputOptions
        @OptionGroup var location: IndexLocationOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let index = try location.open()
            guard let report = try reportingIndexErrors({ try index.report(ofScan: scan) }) else {
                Terminal.complain(scan.map { "no finished scan \($0) in \(index.path)" } ?? "no finished scan in \(index.path)")
                throw ExitCode(2)
            }
            try reportOutput.show(report, index: index, output: output)
        }
    }
}
