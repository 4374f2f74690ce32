import ArgumentParser
import Foundation
import Wiretrace
import WiretraceIndex

extension WiretraceCommand {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show every version of one document in a scanned mirror, with what changed from each to the next.",
            discussion: "The document is named by its path in the mirror or its canonical URL. Exit status: 0, or 2 for trouble."
        )

        @Argument(help: "A mirror path (relative to the mirror, or a path to the file) or a canonical URL.") var document: String
        @OptionGroup var location: IndexLocationOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            var location = location
            if location.indexPath == nil && location.mirror == nil, let found = MirrorIndex.locate(from: document) {
                location.indexPath = found
            }
            let index = try location.open()
            guard let history = try reportingIndexErrors({ try index.historyReport(of: document, mirror: location.mirrorFolder(of: index)) }) else {
                Terminal.complain("\(document): not in the index \(index.path)")
                throw ExitCode(2)
            }
            if output.json {
                Terminal.standardOutput.write(try JSONOutput.encode(Versioned(HistoryJSON(history))))
                return
            }
            let style = output.style
            var lines = [style.bold(shown(history.url ?? history.paths.first ?? history.key)) + " · " + counted(history.versions.count, "version", "versions")
                         + (history.storyId.map { " · story \($0)" } ?? "") + (history.gone ? " · " + style.yellow("gone") : "")]
            if history.paths.count > 1 || history.url != nil { lines.append(style.dim("files: " + shown(history.paths.joined(separator: ", ")))) }
            for changes in history.versions {
                let version = changes.version
                lines.append("")
                var head = style.bold("v\(version.number)") + "  first seen \(shortTime(version.firstSeen))"
                if let updated = version.updatedText { head += " · declares updated \(shown(updated))" }
                if let lastScan = version.lastScan {
                    head += style.dim(" · last seen in scan \(lastScan)")
                } else {
                    head += style.dim(version.number == history.versions.count ? " · current" : " · superseded; its file is still in the mirror")
                }
                lines.append(head)
                if let title = version.title { lines.append("  \"\(shown(title))\"") }
                if let classification = version.classification {
                    var line = "  \(classification)" + (version.summary.map { " · \(shown($0))" } ?? "")
                    if version.silentEdit { line += "  " + style.red(style.bold("SILENT EDIT")) }
                    lines.append(line)
                }
                for change in changes.passages where !change.isCosmetic || change.kind != .edited {
                    let old = change.old.map(\.text).joined(separator: "\n"), new = change.new.map(\.text).joined(separator: "\n")
                    switch change.kind {
                    case .added: lines.append("    " + style.green("+ " + excerpt(shown(new), 140)))
                    case .removed: lines.append("    " + style.red("− " + excerpt(shown(old), 140)))
                    case .moved: lines.append("    " + style.cyan("↕ moved: " + excerpt(shown(new), 120)))
                    case .edited, .split, .merged:
                        let text = change.words.map { segment -> String in
                            switch segment.kind {
                            case .same: segment.wordCount > 12 ? "…" : shown(segment.text)
                            case .added: style.green("{+\(shown(segment.text))+}")
                            case .removed: style.red("[-\(shown(segment.text))-]")
                            }
                        }.joined(separator: " ")
                        lines.append("    ~ \(change.kind.rawValue): " + text)
                    }
                }
            }
            Terminal.standardOutput.write(lines.joined(separator: "\n") + "\n")
        }
    }
}
