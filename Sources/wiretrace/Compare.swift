import ArgumentParser
import Wiretrace
import WiretraceFormats

extension WiretraceCommand {
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Do two articles share a source? Verdict, score, matched passages, credits, who published first.",
            discussion: "Exit status: 0 when the two share a source, 1 when not, 2 for trouble."
        )

        @Argument(help: "The first article (text or HTML).") var a: String
        @Argument(help: "The second article.") var b: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var times: TimeOptions

        func run() throws {
            let reader = try times.reader()
            let first: ArticleReader.Result, second: ArticleReader.Result
            do {
                first = try reader.readFile(a)
                second = try reader.readFile(b)
            } catch let error as ReadError {
                Terminal.standardError.write("wiretrace: \(error)\n")
                throw ExitCode(2)
            }
            for warning in first.warnings + second.warnings { Terminal.standardError.write("wiretrace: warning: \(warning)\n") }
            let report = CompareReport(pathA: a, first, pathB: b, second)
            if output.json {
                Terminal.standardOutput.write(try JSONOutput.encode(report))
            } else {
                Terminal.standardOutput.write(report.text(style: output.style))
            }
            if !report.sharesSource { throw ExitCode(1) }
        }
    }
}
