import ArgumentParser
import Foundation
import Wiretrace
import WiretraceIndex

extension WiretraceCommand {
    struct Story: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "story",
            abstract: "Show one story: its copies, the likely source with the evidence, the timeline and the matched passages.",
            discussion: "Exit status: 0, or 2 for trouble (no index, no such story)."
        )

        @Argument(help: "The story's number, as `wiretrace stories` lists it.") var id: Int
        @Flag(help: "Also show the passages each copy shares with the likely source.") var passages = false
        @OptionGroup var location: IndexLocationOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let index = try location.open()
            guard let detail = try reportingIndexErrors({ try index.story(id: id, passages: passages || output.json) }) else {
                Terminal.complain("no story \(id) in \(index.path)")
                throw ExitCode(2)
            }
            if output.json {
                Terminal.standardOutput.write(try JSONOutput.encode(Versioned(StoryDetailJSON(detail))))
                return
            }
            let style = output.style
            var lines = StoryText(style: style).lines(for: detail.story)
            if !detail.links.isEmpty {
                lines.append("  verified links:")
                let paths = Dictionary(uniqueKeysWithValues: detail.story.timeline.map { ($0.documentId, $0.path) })
                for link in detail.links {
                    lines.append(style.dim("    \(shown(paths[link.a] ?? "#\(link.a)")) ↔ \(shown(paths[link.b] ?? "#\(link.b)")): \(link.verdict), \(Int((link.aInB * 100).rounded()))% / \(Int((link.bInA * 100).rounded()))% contained"))
                }
            }
            if passages {
                let outlets = Dictionary(uniqueKeysWithValues: detail.story.timeline.map { ($0.documentId, $0.outlet) })
                for copy in detail.passages ?? [] {
                    let against = copy.comparedWith == detail.story.likelySource.documentId ? "source" : "candidate " + shown(outlets[copy.comparedWith] ?? "#\(copy.comparedWith)")
                    lines.append("")
                    lines.append(style.bold(shown(copy.outlet)) + " vs \(against): \(copy.verdict.rawValue), score \(Int((copy.score * 100).rounded()))%")
                    for match in copy.matches {
                        let marker = match.kind == .exact ? style.green("=") : style.yellow("~")
                        lines.append("  ¶\(match.a.paragraph) \(marker) ¶\(match.b.paragraph)  " + style.dim(excerpt(shown(match.b.text ?? ""), 100)))
                    }
                    if copy.sharedRunsAreEvidence {
                        lines.append("  longest shared runs (source ¶ word ↔ copy ¶ word, normalized text):")
                        for run in copy.sharedRuns {
                            lines.append("  ¶\(run.a.paragraph) w\(run.a.word ?? 1) ↔ ¶\(run.b.paragraph) w\(run.b.word ?? 1)  \(run.words) words  " + style.dim(excerpt(shown(run.a.text ?? ""), 90)))
                        }
                    }
                }
            }
            Terminal.standardOutput.write(lines.joined(separator: "\n") + "\n")
        }
    }
}
