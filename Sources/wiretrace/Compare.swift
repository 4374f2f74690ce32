import ArgumentParser
import Wiretrace
import WiretraceFormats

extension WiretraceCommand {
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Do two articles share a source? Verdict, score, matched passages, credits, who published first.",
            discussion: "Exit status: 0 when the two share a source, 1 when not, 2 for trouble (help too: it is no answer). A file name that starts with '-' goes after --."
        )

        @Argument(help: "The first article (text or HTML; FILE.warc#URI for a capture in a WARC file).") var a: String
        @Argument(help: "The second article.") var b: String
        @Option(help: ArgumentHelp("Read record N of a WARC file given without #URI (repeatable: A's, then B's).", valueName: "N"))
        var record: [Int] = []
        @OptionGroup var output: OutputOptions
        @OptionGroup var times: TimeOptions

        func run() throws {
            let inputs = try times.readInputs([a, b], records: record)
            let report = CompareReport(pathA: inputs[0].name, inputs[0].result, pathB: inputs[1].name, inputs[1].result)
            try output.emit(CompareJSON(report), text: report.text(style:))
            if !report.sharesSource { throw ExitCode(1) }
        }
    }
}
