import ArgumentParser
import Wiretrace
import WiretraceFormats

extension WiretraceCommand {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What changed between two versions of a story: times, paragraphs added, removed, edited and moved, word changes, silent edits.",
            discussion: "Exit status: 0 when the versions carry the same text, 1 when they differ, 2 for trouble (help too: it is no answer). A file name that starts with '-' goes after --."
        )

        @Argument(help: "The older version.") var old: String
        @Argument(help: "The newer version.") var new: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var times: TimeOptions

        func run() throws {
            let results = try times.readArticles([old, new])
            let report = DiffReport(oldPath: RawArguments.shown(old), results[0], newPath: RawArguments.shown(new), results[1])
            try output.emit(DiffJSON(report), text: report.text(style:))
            if !report.sameText { throw ExitCode(1) }
        }
    }
}
