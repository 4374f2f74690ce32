import ArgumentParser
import Foundation
import WiretraceFormats
import WiretraceIndex

/// The terminal rendering of a scan report: the summary, then what needs a person (silent
/// edits, files newly unreadable), then the stories (the widest first) with their likely source
/// and timeline, new versions, vanished files and files still unreadable.
struct ScanReportText {
    let report: ScanReport
    let style: Style
    /// Stories shown in full; `wiretrace stories` lists the rest.
    var storyLimit = 20
    /// Only the summary lines and what needs a person (`scan --quiet`).
    var quiet = false

    func render() -> String {
        var lines: [String] = []
        let files = report.files
        var scanned = "Scanned \(shown(report.mirror)) in \(Self.seconds(report.elapsedSeconds)): \(files.seen) files"
        var details = ["\(files.read) read", "\(files.unchanged) unchanged"]
        if files.gone > 0 { details.append("\(files.gone) gone") }
        if report.ignored > 0 { details.append("\(report.ignored) ignored") }
        scanned += " (" + details.joined(separator: ", ") + ")"
        lines.append(style.bold(scanned))
        let since = report.sinceScan.map { "since scan \($0)" } ?? "first scan"
        var news = [
            count(report.newStoryCount, "new story", "new stories"),
            count(report.updatedStoryCount, "updated story", "updated stories"),
            count(report.republications, "republication", "republications"),
            count(report.versions.count, "new version", "new versions"),
            count(report.silentEdits, "silent edit", "silent edits"),
            count(files.bad, "bad file", "bad files"),
        ]
        if report.newDocuments > 0 { news.insert(count(report.newDocuments, "new document", "new documents"), at: 0) }
        lines.append("New (\(since)): " + news.joined(separator: " · "))
        if !report.notArticles.isEmpty {
            let kinds = NonArticleKind.allCases.compactMap { kind in report.notArticles[kind].map { counted($0, Self.name(of: kind), Self.name(of: kind, plural: true)) } }
            lines.append("Not articles, skipped: " + kinds.joined(separator: " · "))
        }
        if report.pagesWithoutText > 0 {
            lines.append("Pages without article text (not indexed): \(report.pagesWithoutText)")
        }
        if report.refingerprinted > 0 {
            lines.append(style.yellow("Fingerprint rules changed: \(report.refingerprinted) stored versions fingerprinted again under \(report.fingerprintVersion)"))
        }
        // What needs a person first: silent edits and files that became unreadable in this scan.
        let silent = report.versions.filter(\.silentEdit)
        if !silent.isEmpty || !report.badFiles.isEmpty {
            lines.append("")
            lines.append(style.bold("Needs a person"))
            for version in silent.prefix(50) {
                var line = "  " + style.red(style.bold("SILENT EDIT")) + " \(shown(version.path)) v\(version.number)"
                if let summary = version.summary { line += " · " + shown(summary) }
                lines.append(line)
            }
            if silent.count > 50 { lines.append(style.dim("  … and \(silent.count - 50) more silent edits (--json lists all)")) }
            for bad in report.badFiles.prefix(100) { lines.append("  " + style.red("could not be read: ") + shown(bad.path) + ": " + shown(bad.reason)) }
            if report.badFiles.count > 100 { lines.append(style.dim("  … and \(report.badFiles.count - 100) more unreadable files (--json lists all)")) }
        }
        if !quiet {
            lines += detailLines()
        }
        lines.append("")
        let totals = report.totals
        lines.append(style.dim("Index \(shown(report.index)): \(counted(totals.documents, "document", "documents")), "
            + "\(counted(totals.versions, "version", "versions")), \(counted(totals.stories, "story", "stories")) (scan \(report.scan), fingerprints \(report.fingerprintVersion))"))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Stories (the widest first), new versions, vanished files, files still unreadable.
    private func detailLines() -> [String] {
        var lines: [String] = []
        let stories = report.newStories.map { ($0, true) } + report.updatedStories.map { ($0, false) }
        for (story, isNew) in stories.prefix(storyLimit) {
            lines.append("")
            lines += StoryText(style: style).lines(for: story, tag: isNew ? "new" : "updated")
        }
        let hidden = report.newStoryCount + report.updatedStoryCount - min(stories.count, storyLimit)
        if hidden > 0 { lines.append(""); lines.append(style.dim("… and \(hidden) more stories: wiretrace stories --mirror \(shown(report.mirror))")) }
        if !report.versions.isEmpty {
            lines.append("")
            lines.append(style.bold("New versions"))
            for version in report.versions.prefix(50) {
                var line = "  \(shown(version.path)) v\(version.number): \(version.classification ?? "new version")"
                if let summary = version.summary { line += " · " + shown(summary) }
                lines.append(version.silentEdit ? line + "  " + style.red(style.bold("SILENT EDIT")) : line)
            }
            if report.versions.count > 50 { lines.append(style.dim("  … and \(report.versions.count - 50) more")) }
        }
        if !report.goneFiles.isEmpty {
            lines.append("")
            lines.append(style.bold("Files that vanished"))
            for path in report.goneFiles.prefix(50) { lines.append("  " + shown(path)) }
            if report.files.gone > min(report.goneFiles.count, 50) { lines.append(style.dim("  … and \(report.files.gone - min(report.goneFiles.count, 50)) more (--json lists up to 500)")) }
        }
        if let pages = report.newPagesWithoutText, !pages.isEmpty {
            lines.append("")
            lines.append(style.bold("New pages without article text") + style.dim(" (not indexed; wiretrace pages lists them all)"))
            for page in pages.prefix(50) { lines.append("  " + PagesText.line(for: page)) }
            if pages.count > 50 { lines.append(style.dim("  … and \(pages.count - 50) more")) }
        }
        if !report.stillBadFiles.isEmpty {
            lines.append("")
            lines.append(style.bold("Files still unreadable"))
            for bad in report.stillBadFiles.prefix(100) {
                lines.append("  " + style.red(shown(bad.path)) + ": " + shown(bad.reason) + style.dim("  (unchanged since an earlier scan)"))
            }
            if report.stillBadFiles.count > 100 { lines.append(style.dim("  … and \(report.stillBadFiles.count - 100) more (--json lists all)")) }
        }
        // Files read with a problem (a charset that lied, a time that could not be placed):
        // indexed, but a person may want to look. Each warning names its file.
        if !report.warnings.isEmpty {
            lines.append("")
            lines.append(style.bold("Warnings"))
            for warning in report.warnings.prefix(20) { lines.append("  " + style.yellow(shown(warning))) }
            if report.warnings.count > 20 { lines.append(style.dim("  … and \(report.warnings.count - 20) more (--json lists up to 100)")) }
        }
        return lines
    }

    private func count(_ value: Int, _ one: String, _ many: String) -> String {
        let text = counted(value, one, many)
        return value > 0 ? style.bold(text) : text
    }

    /// How the report names a kind of file that is not an article.
    static func name(of kind: NonArticleKind, plural: Bool = false) -> String {
        switch kind {
        case .stylesheet: plural ? "stylesheets" : "stylesheet"
        case .script: plural ? "scripts" : "script"
        case .json: plural ? "JSON files" : "JSON file"
        case .sitemap: plural ? "sitemaps" : "sitemap"
        case .feed: plural ? "feeds" : "feed"
        case .xml: plural ? "other XML files" : "other XML file"
        case .robots: "robots.txt"
        case .image: plural ? "images" : "image"
        case .binary: plural ? "other binary files" : "other binary file"
        }
    }

    static func seconds(_ value: Double) -> String {
        value < 10 ? String(format: "%.2f s", value) : String(format: "%.1f s", value)
    }
}

/// A story as the terminal shows it: headline, likely source with evidence, timeline.
struct StoryText {
    let style: Style

    func lines(for story: StorySummary, tag: String? = nil) -> [String] {
        var lines: [String] = []
        var head = style.bold("Story \(story.id)") + " · \"\(excerpt(shown(story.title ?? "untitled"), 80))\" · \(story.size) copies"
        if let tag { head += " · " + (tag == "new" ? style.green(tag) : style.cyan(tag)) }
        lines.append(head)
        let source = story.likelySource
        var sourceLine = "  likely source: "
        let outlets = Dictionary(uniqueKeysWithValues: story.timeline.map { ($0.documentId, $0.outlet) })
        if case .undecided(let between, let tie) = source.decision {
            let names = between.map { shown(outlets[Int($0)] ?? "#\($0)") }.joined(separator: " and ")
            sourceLine += (source.agency.map { style.bold(shown($0)) + ", " } ?? "") + style.yellow("undecided between \(names)") + " (\(tie.rawValue))"
        } else if let agency = source.agency {
            sourceLine += style.bold(shown(agency)) + (source.outlet.map { ", first copy here: \(shown($0))" } ?? "")
        } else {
            sourceLine += style.bold(shown(source.outlet ?? "unknown"))
        }
        if let path = source.path { sourceLine += style.dim(" (\(shown(path)))") }
        lines.append(sourceLine)
        for evidence in source.evidence { lines.append(style.dim("    · " + shown(evidence))) }
        lines.append("  timeline:")
        for member in story.timeline {
            let when = member.created.map(shortTime) ?? "seen " + shortTime(member.firstSeen)
            var relation = member.isSource ? style.green("source")
                : member.isSourceCandidate ? style.yellow("candidate source")
                : member.identicalCopyOf.map { "identical copy of " + shown(outlets[$0] ?? "#\($0)") }
                ?? (member.verdict.map { "\($0) \(Int(((member.score ?? 0) * 100).rounded()))%" + (member.linkedTo.map { " (with \(shown($0)))" } ?? "") } ?? "linked")
            if member.isNew && !member.isSource { relation += " " + style.green("new") }
            if member.gone { relation += " " + style.yellow("gone") }
            if member.versions > 1 { relation += " · \(member.versions) versions" }
            lines.append("    \(padded(shown(when), 25)) \(padded(shown(member.outlet), 18)) \(shown(member.path))  \(relation)")
        }
        return lines
    }
}

/// How a scan report is shown, for `scan` and `report`: `--html FILE` and `--quiet`.
struct ReportOutputOptions: ParsableArguments {
    @Option(name: .customLong("html"), help: ArgumentHelp("Also write the report as one self-contained HTML page.", valueName: "FILE"))
    var html: String?
    @Flag(name: .customLong("quiet"), help: "Print only the summary lines and what needs a person (silent edits, files newly unreadable).")
    var quiet = false

    /// The HTML page when asked for, then the report as JSON or text on standard output.
    func show(_ report: ScanReport, index: MirrorIndex, output: OutputOptions) throws {
        if let html { try ScanHTMLReport(report: report, index: index).write(to: html) }
        if output.json {
            Terminal.standardOutput.write(try JSONOutput.encode(Versioned(ScanReportJSON(report))))
        } else {
            Terminal.standardOutput.write(ScanReportText(report: report, style: output.style, quiet: quiet).render())
        }
    }
}
