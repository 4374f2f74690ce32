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
            Exit status follows diff(1): 0 when the articles share a source (compare) or the \
            versions carry the same text (diff), 1 when not, 2 for trouble.
            """,
        version: "0.1.0",
        subcommands: [Compare.self, Diff.self, Inspect.self, Scan.self, Stories.self, Story.self, History.self]
    )

    /// ArgumentParser exits 64 on a usage error; Wiretrace keeps diff(1)'s 2 for all trouble.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Glibc.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            let message = fullMessage(for: error)
            if !message.isEmpty { Terminal.standardError.write(message + "\n") }
            Glibc.exit(2)
        }
    }
}
