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
            guard let detail = try reportingIndexErrors({ try index.story(id: id) }) else {
                Terminal.complain("no story \(id) in \(index.path)")
                throw ExitCode(2)
            }
            if output.json {
                struct Out: Encodable { var schemaVersion = 1; var story: StoryDetail }
                Terminal.standardOutput.write(try JSONOutput.encode(Out(story: detail)))
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
            if passages, let sourceID = detail.story.likelySource.documentId {
                let copies = detail.story.timeline.filter { !$0.isSource }
                let articles = try reportingIndexErrors { try index.articlesForComparison(documents: [sourceID] + copies.map(\.documentId)) }
                if let source = articles[sourceID] {
                    for copy in copies {
                        guard let article = articles[copy.documentId] else { continue }
                        let comparison = Comparison(source, article)
                        lines.append("")
                        lines.append(style.bold(shown(copy.outlet)) + " vs source: \(comparison.verdict.rawValue), score \(Int((comparison.score * 100).rounded()))%")
                        for match in comparison.matches {
                            let marker = match.kind == .exact ? style.green("=") : style.yellow("~")
                            lines.append("  ¶\(match.paragraphA + 1) \(marker) ¶\(match.paragraphB + 1)  " + style.dim(excerpt(shown(article.paragraphs[match.paragraphB].text), 100)))
                        }
                    }
                }
            }
            Terminal.standardOutput.write(lines.joined(separator: "\n") + "\n")
        }
    }
}
