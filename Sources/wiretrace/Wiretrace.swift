import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

@main
struct WiretraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wiretrace",
        abstract: "Tell where a news article's text came from and how it changed.",
        discussion: """
            Two files: `wiretrace compare A B` (do they share a source?) and `wiretrace diff OLD NEW` \
            (what changed?); `wiretrace inspect FILE` shows what is read from one. A mirror of saved \
            pages: `wiretrace scan MIRROR` indexes it (again every night: only changed files are \
            read) and reports new stories, copies and silent edits; then `stories`, `story N`, \
            `history PATH`, `outlets` and `report` ask the index. `wiretrace help COMMAND` tells more.

            Every command takes --json: one JSON document whose `schemaVersion` is 2, built from \
            the same objects everywhere (a time, a document, a change summary). \
            Shell completions: `wiretrace --generate-completion-script bash` (or zsh, fish).

            Exit status follows diff(1): 0 when the articles share a source (compare) or the \
            versions carry the same text (diff), 1 when not, 2 for trouble.
            """,
        version: "0.1.0",
        subcommands: [Compare.self, Diff.self, Inspect.self, Scan.self, Stories.self, Story.self, History.self, Outlets.self, Report.self, Pages.self]
    )

    /// ArgumentParser exits 64 on a usage error; Wiretrace keeps diff(1)'s 2 for all trouble.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = misreadOption(arguments) {
            Terminal.complain(message)
            Glibc.exit(2)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let code as ExitCode {
            Glibc.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // Help and the version. Help for a command whose 0 is a verdict (compare: they
                // share a source; diff: the same text) exits 2: a script that passed `-h` or
                // `--help` where a file name belongs must not read it as an answer.
                Terminal.standardOutput.write(fullMessage(for: error) + "\n")
                Glibc.exit(arguments.contains(where: verdictCommands.contains) && !arguments.contains("--version") ? 2 : 0)
            }
            let message = fullMessage(for: error)
            // The message repeats what was typed, which may carry escape sequences.
            if !message.isEmpty { Terminal.standardError.write(message.split(separator: "\n", omittingEmptySubsequences: false).map { shown(String($0)) }.joined(separator: "\n") + "\n") }
            Glibc.exit(2)
        }
    }

    /// The commands whose exit status 0 is an answer.
    static let verdictCommands: Set<String> = ["compare", "diff"]

    /// The error for an argument that would be read as a bundle of short options: Wiretrace's
    /// only short option is `-h`, so `-hidden.txt` (a file name) would otherwise print help.
    /// Arguments after `--` are file names whatever they look like.
    static func misreadOption(_ arguments: [String]) -> String? {
        for argument in arguments.prefix(while: { $0 != "--" }) {
            guard argument.hasPrefix("-"), !argument.hasPrefix("--"), argument.count > 2,
                  !argument.dropFirst().allSatisfy(\.isNumber) else { continue }
            let command = arguments.first { !$0.hasPrefix("-") } ?? "compare"
            return "\(argument): not an option (the only short option is -h); for a file whose name starts with '-', "
                + "put -- before the file names, as in: wiretrace \(command) -- \(argument) ..."
        }
        return nil
    }
}
