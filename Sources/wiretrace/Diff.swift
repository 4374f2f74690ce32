import ArgumentParser
import Wiretrace
import WiretraceFormats

extension WiretraceCommand {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What changed between two versions of a story: times, paragraphs added, removed, edited and moved, word changes, silent edits.",
            discussion: "Exit status: 0 when the versions carry the same text, 1 when they differ, 2 for trouble."
        )

        @Argument(help: "The older version.") var old: String
        @Argument(help: "The newer version.") var new: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var times: TimeOptions

        func run() throws {
            let reader = try times.reader()
            let first: ArticleReader.Result, second: ArticleReader.Result
            do {
                first = try reader.readFile(old)
                second = try reader.readFile(new)
            } catch let error as ReadError {
                Terminal.standardError.write("wiretrace: \(error)\n")
                throw ExitCode(2)
            }
            for warning in first.warnings + second.warnings { Terminal.standardError.write("wiretrace: warning: \(warning)\n") }
            let report = DiffReport(oldPath: old, first, newPath: new, second)
            if output.json {
                Terminal.standardOutput.write(try JSONOutput.encode(report))
            } else {
                Terminal.standardOutput.write(report.text(style: output.style))
            }
            if !report.sameText { throw ExitCode(1) }
        }
    }
}
