import ArgumentParser
import Wiretrace
import WiretraceFormats

extension WiretraceCommand {
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Do two articles share a source? Verdict, score, matched passages, credits, who published first.",
            discussion: "Exit status: 0 when the two share a source, 1 when not, 2 for trouble (help too: it is no answer). A file name that starts with '-' goes after --."
        )

        @Argument(help: "The first article (text or HTML).") var a: String
        @Argument(help: "The second article.") var b: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var times: TimeOptions

        func run() throws {
            let results = try times.readArticles([a, b])
            let report = CompareReport(pathA: RawArguments.shown(a), results[0], pathB: RawArguments.shown(b), results[1])
            try output.emit(report, text: report.text(style:))
            if !report.sharesSource { throw ExitCode(1) }
        }
    }
}
