import Foundation
import Testing
import WiretraceTestSupport

/// What an installed user has without the repository: `--help` and shell completions.
@Suite("help and shell completions, end to end")
struct CommandDocsTests {
    @Test("the top-level help names the commands and how to get completions, and sends no one to the README")
    func help() throws {
        let run = try WiretraceBinary.run(["--help"])
        #expect(run.status == 0)
        for text in ["wiretrace scan MIRROR", "--generate-completion-script", "schemaVersion", "stories", "history"] {
            #expect(run.standardOutput.contains(text), "\(text)")
        }
        for command in ["compare", "diff", "inspect", "scan", "stories", "story", "history", "outlets", "report", "pages"] {
            let help = try WiretraceBinary.run(["help", command])
            #expect(!help.standardOutput.contains("README"), "wiretrace help \(command) points at a file an installed user does not have")
        }
    }

    @Test("completion scripts for bash, zsh and fish know the commands", arguments: ["bash", "zsh", "fish"])
    func completions(shell: String) throws {
        let run = try WiretraceBinary.run(["--generate-completion-script", shell])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("outlets") && run.standardOutput.contains("history"), "\(run.standardOutput.prefix(200))")
    }
}
