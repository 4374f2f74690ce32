import ArgumentParser
import Foundation
import Wiretrace
import WiretraceFormats
import WiretraceIndex

/// The scan report as one self-contained HTML page: inline CSS, no script, no network.
/// Stories with their likely source, evidence and a timeline of who published when;
/// side-by-side matched passages between the likely source and each copy; the new
/// versions with their word diffs; the files that could not be read.
struct ScanHTMLReport {
    let report: ScanReport
    let index: MirrorIndex
    /// Stories drawn in full, and copies compared side by side per story.
    var storyLimit = 100
    var copiesPerStory = 8
    var versionLimit = 100

    /// The page written to `path` (``ReportFile``), or exit 2 with a message naming the file.
    func write(to path: String) throws {
        do {
            try ReportFile.write(try render(), to: path)
        } catch let error as ReportFile.Failure {
            Terminal.complain("\(error)")
            throw ExitCode(2)
        } catch {
            Terminal.complain("\(path): cannot write the report: \(error)")
            throw ExitCode(2)
        }
    }

    func render() throws -> String {
        var body = ""
        let files = report.files
        body += "<header><h1>Wiretrace scan of <code>\(esc(report.mirror))</code></h1>"
        body += "<p class=meta>Scan \(report.scan) · started \(esc(shortTime(report.startedAt))) · \(String(format: "%.2f", report.elapsedSeconds)) s · "
        body += "\(files.seen) files (\(files.read) read, \(files.unchanged) unchanged, \(files.gone) gone) · fingerprints \(esc(report.fingerprintVersion))"
        body += report.sinceScan.map { " · new since scan \($0)" } ?? " · first scan"
        body += "</p><ul class=counts>"
        for (value, label) in [(report.newStoryCount, "new stories"), (report.updatedStoryCount, "updated stories"),
                               (report.republications, "republications"), (report.versions.count, "new versions"),
                               (report.silentEdits, "silent edits"), (files.bad, "bad files")] {
            body += "<li\(label == "silent edits" && value > 0 ? " class=alert" : "")><b>\(value)</b> \(label)</li>"
        }
        body += "</ul>"
        // What the scan passed over, on a line of its own: nothing to act on.
        var passedOver: [String] = []
        let skipped = NonArticleKind.allCases.compactMap { kind in
            report.notArticles[kind].map { counted($0, ScanReportText.name(of: kind), ScanReportText.name(of: kind, plural: true)) }
        }
        if !skipped.isEmpty { passedOver.append("Not articles, skipped: " + skipped.joined(separator: " · ")) }
        if report.pagesWithoutText > 0 { passedOver.append("Pages without article text (not indexed): \(report.pagesWithoutText)") }
        if !passedOver.isEmpty { body += "<p class=meta>" + passedOver.map(esc).joined(separator: "<br>") + "</p>" }
        body += "</header>"

        let stories = report.newStories.map { ($0, "new") } + report.updatedStories.map { ($0, "updated") }
        let silent = report.versions.filter(\.silentEdit)
        let hasBadFiles = !report.badFiles.isEmpty || !report.stillBadFiles.isEmpty
        body += "<nav class=toc><h2>Contents</h2><ol>"
        body += "<li><a href=\"#attention\">Needs a person</a> (\(silent.count + report.badFiles.count))</li>"
        body += "<li><a href=\"#stories\">Stories</a> (\(stories.count))<ol>"
        for (story, _) in stories.prefix(storyLimit) {
            body += "<li><a href=\"#story-\(story.id)\">\(esc(excerpt(story.title ?? "untitled", 90)))</a> <small>\(story.size) copies</small></li>"
        }
        body += "</ol></li><li><a href=\"#versions\">New versions</a> (\(report.versions.count))</li>"
        let newPages = report.newPagesWithoutText ?? []
        if !newPages.isEmpty { body += "<li><a href=\"#pages\">New pages without article text</a> (\(newPages.count))</li>" }
        if hasBadFiles { body += "<li><a href=\"#bad\">Files that could not be read</a></li>" }
        body += "</ol></nav>"

        // What a person should look at first: silent edits and files newly unreadable.
        body += "<section id=attention><h2>Needs a person</h2>"
        if silent.isEmpty && report.badFiles.isEmpty { body += "<p class=none>No silent edits, no new unreadable files.</p>" }
        if !silent.isEmpty {
            body += "<ul>" + silent.prefix(versionLimit).map { version in
                "<li><span class=silent>SILENT EDIT</span> <a href=\"#version-\(version.versionId)\">\(esc(version.path)) version \(version.number)</a>"
                    + " <small>\(esc(version.summary ?? ""))</small></li>"
            }.joined() + "</ul>"
        }
        if !report.badFiles.isEmpty {
            body += "<p><a href=\"#bad\">\(counted(report.badFiles.count, "file", "files")) could not be read in this scan</a></p>"
        }
        body += "</section>"

        body += "<section id=stories><h2>Stories</h2>"
        if stories.isEmpty { body += "<p class=none>No new or updated stories.</p>" }
        // The times of the new versions, by document, for the drawn timelines: declared update, else first seen.
        let versionTimes = Dictionary(grouping: report.versions, by: \.documentId).mapValues { $0.map { $0.updated ?? $0.firstSeen } }
        for (story, tag) in stories.prefix(storyLimit) { body += try storySection(story, tag: tag, versionTimes: versionTimes) }
        if stories.count > storyLimit { body += "<p class=none>… and \(stories.count - storyLimit) more: <code>wiretrace stories</code></p>" }
        body += "</section>"

        body += "<section id=versions><h2>New versions</h2>"
        if report.versions.isEmpty { body += "<p class=none>No new versions.</p>" }
        for version in report.versions.prefix(versionLimit) { body += try versionSection(version) }
        body += "</section>"

        if !newPages.isEmpty {
            body += "<section id=pages><h2>New pages without article text</h2><p class=none>Galleries, video and index pages: "
                + "recorded, not indexed as articles (<code>wiretrace pages</code> lists them all).</p>"
                + "<table class=pages><tr><th>title</th><th>page</th><th>published</th></tr>"
            for page in newPages {
                body += "<tr><td>\(esc(page.title ?? "untitled"))</td><td>\(page.path.contains("#") ? "<code>\(esc(page.path))</code>" : fileLink(page.path))"
                    + "\(webLink(page.url))</td><td>\(esc(page.createdText ?? page.created ?? ""))</td></tr>"
            }
            body += "</table></section>"
        }
        if !report.badFiles.isEmpty || !report.stillBadFiles.isEmpty {
            body += "<section id=bad><h2>Files that could not be read</h2><table class=bad><tr><th>file</th><th>reason</th></tr>"
            for bad in report.badFiles { body += "<tr><td><code>\(esc(bad.path))</code></td><td>\(esc(bad.reason))</td></tr>" }
            for bad in report.stillBadFiles {
                body += "<tr><td><code>\(esc(bad.path))</code></td><td>\(esc(bad.reason)) (unchanged since an earlier scan)</td></tr>"
            }
            body += "</table></section>"
        }
        body += "<footer>Index <code>\(esc(report.index))</code> · \(counted(report.totals.documents, "document", "documents")) · \(counted(report.totals.versions, "version", "versions")) · \(counted(report.totals.stories, "story", "stories")) · generated by wiretrace</footer>"
        return "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><meta name=viewport content=\"width=device-width, initial-scale=1\">"
            + "<title>Wiretrace scan \(report.scan): \(esc(report.mirror))</title><style>\(Self.css)\(TimelineSVG.css)</style></head><body>\(body)</body></html>\n"
    }

    private func storySection(_ story: StorySummary, tag: String, versionTimes: [Int: [String]]) throws -> String {
        var html = "<article class=story id=story-\(story.id)><h3><span class=tag-\(tag)>\(tag)</span> <a class=anchor href=\"#story-\(story.id)\">Story \(story.id)</a>: \(esc(story.title ?? "untitled"))</h3>"
        let source = story.likelySource
        html += "<div class=source><b>Likely source:</b> "
        let outlets = Dictionary(uniqueKeysWithValues: story.timeline.map { ($0.documentId, $0.outlet) })
        if case .undecided(let between, let tie) = source.decision {
            let names = between.map { esc(outlets[Int($0)] ?? "#\($0)") }.joined(separator: " and ")
            html += (source.agency.map { "<strong>\(esc($0))</strong>, " } ?? "") + "<strong>undecided between \(names)</strong> (\(esc(tie.rawValue)))"
        } else if let agency = source.agency {
            html += "<strong>\(esc(agency))</strong>" + (source.outlet.map { ", first copy in the mirror: \(esc($0))" } ?? "")
        } else {
            html += "<strong>\(esc(source.outlet ?? "unknown"))</strong>"
        }
        if let path = source.path { html += " " + fileLink(path) }
        html += "<ul>" + source.evidence.map { "<li>\(esc($0))</li>" }.joined() + "</ul></div>"

        // Timeline: drawn (declared times as dots, seen-only times hollow, new versions as
        // diamonds at their declared update, else where first seen), then a row per copy with its times, links and relation to the source.
        html += TimelineSVG(story: story, versions: versionTimes).render()
        let instants = story.timeline.map { member in member.created.flatMap(Self.instant) }
        let first = instants.compactMap { $0 }.min() ?? 0
        html += "<table class=timeline><tr><th>published</th><th>delay</th><th>outlet</th><th>copy</th><th>relation</th></tr>"
        for (member, instant) in zip(story.timeline, instants) {
            let delay = instant.map { $0 - first } ?? 0
            let when = member.created.map(shortTime) ?? "seen " + shortTime(member.firstSeen)
            let relation = member.isSource ? "<span class=src>likely source</span>"
                : member.isSourceCandidate ? "<span class=src>candidate source</span>"
                : member.identicalCopyOf.map { "identical copy of \(esc(outlets[$0] ?? "#\($0)"))" }
                ?? member.verdict.map { "\(esc($0)) \(Int(((member.score ?? 0) * 100).rounded()))%" + (member.linkedTo.map { " <small>(with \(esc($0)))</small>" } ?? "") } ?? "linked"
            var flags = member.isNew && !member.isSource ? " <span class=new>new</span>" : ""
            if member.gone { flags += " <span class=gone>gone</span>" }
            if member.versions > 1 { flags += " · \(member.versions) versions" }
            let delayText = instant == nil ? "not declared" : delay == 0 ? "—" : "+" + esc(PublicationOrder.durationText(delay))
            html += "<tr\(member.isSource ? " class=is-source" : "")><td>\(esc(when))</td><td>\(delayText)</td><td>\(esc(member.outlet))</td>"
            html += "<td>\(member.gone ? "<code>\(esc(member.path))</code>" : fileLink(member.path))\(webLink(member.url))<br><small>\(esc(member.title ?? ""))</small></td><td>\(relation)\(flags)</td></tr>"
        }
        html += "</table>"

        // Side-by-side passages: the likely source (or the first candidate) against each copy,
        // then the longest shared runs where the verdict rests on more than matched paragraphs.
        let copies = try index.passages(of: story, limit: copiesPerStory)
        guard !copies.isEmpty else { return html + "</article>" }
        let reference = esc(outlets[copies[0].comparedWith] ?? "source")
        for (position, copy) in copies.enumerated() {
            html += "<details\(position == 0 ? " open" : "")><summary>\(esc(copy.outlet)) — \(esc(copy.verdict.rawValue)), "
            html += "\(Int((copy.copyInCompared * 100).rounded()))% of the copy is in \(reference), "
            html += "\(Int((copy.comparedInCopy * 100).rounded()))% of \(reference) is in the copy</summary>"
            html += "<table class=sbs><tr><th>\(reference)</th><th>\(esc(copy.outlet))</th></tr>"
            for match in copy.matches {
                // A matched paragraph's place carries its text as read.
                let a = match.a.text ?? "", b = match.b.text ?? ""
                if match.kind == .exact {
                    html += "<tr class=exact><td><i>¶\(match.a.paragraph)</i> \(esc(a))</td><td><i>¶\(match.b.paragraph)</i> \(esc(b))</td></tr>"
                } else {
                    let segments = WordDiff.segments(from: a, to: b)
                    html += "<tr class=edited><td><i>¶\(match.a.paragraph)</i> \(words(segments, keep: .removed))</td>"
                    html += "<td><i>¶\(match.b.paragraph)</i> \(words(segments, keep: .added))</td></tr>"
                }
            }
            if copy.sharedRunsAreEvidence {
                html += "<tr><th colspan=2>Longest shared runs (normalized text)</th></tr>"
                for run in copy.sharedRuns {
                    html += "<tr class=run><td><i>¶\(run.a.paragraph) word \(run.a.word ?? 1)</i> \(esc(run.a.text ?? ""))</td>"
                    html += "<td><i>¶\(run.b.paragraph) word \(run.b.word ?? 1)</i> \(run.words) words</td></tr>"
                }
            }
            html += "</table></details>"
        }
        return html + "</article>"
    }

    private func versionSection(_ version: VersionSummary) throws -> String {
        var html = "<article class=version id=version-\(version.versionId)><h3>\(esc(version.path)) — version \(version.number)"
        if version.silentEdit { html += " <span class=silent>SILENT EDIT</span>" }
        html += "</h3><p class=meta>\(esc(version.classification ?? "")) · \(esc(version.summary ?? "")) · first seen \(esc(shortTime(version.firstSeen)))</p>"
        let changes = try index.changes(of: version)
        guard let diff = changes.diff else { return html + "</article>" }
        if diff.titleChanged { html += "<p>Headline: <del>\(esc(diff.oldTitle ?? ""))</del> → <ins>\(esc(diff.newTitle ?? ""))</ins></p>" }
        if diff.updated.changed || diff.created.changed {
            html += "<p class=meta>updated: \(esc(diff.updated.old?.text ?? "none")) → \(esc(diff.updated.new?.text ?? "none"))</p>"
        }
        html += "<table class=sbs><tr><th>version \(version.number - 1)</th><th>version \(version.number)</th></tr>"
        for change in changes.passages {
            let oldText = change.old.map(\.text).joined(separator: " "), newText = change.new.map(\.text).joined(separator: " ")
            switch change.kind {
            case .added: html += "<tr class=added><td></td><td><ins>\(esc(newText))</ins></td></tr>"
            case .removed: html += "<tr class=removed><td><del>\(esc(oldText))</del></td><td></td></tr>"
            case .moved: html += "<tr class=moved><td><i>moved from ¶\(change.old.map { String($0.paragraph) }.joined(separator: "+"))</i> \(esc(oldText))</td><td><i>to ¶\(change.new.map { String($0.paragraph) }.joined(separator: "+"))</i></td></tr>"
            case .edited, .split, .merged:
                html += "<tr class=edited><td>\(words(change.words, keep: .removed))</td><td>\(words(change.words, keep: .added))</td></tr>"
            }
        }
        return html + "</table></article>"
    }

    /// One side of a word diff: common words plain, this side's own words marked.
    private func words(_ segments: [WordDiff.Segment], keep: WordDiff.Segment.Kind) -> String {
        segments.compactMap { segment -> String? in
            switch segment.kind {
            case .same: esc(segment.text)
            case keep: keep == .added ? "<ins>\(esc(segment.text))</ins>" : "<del>\(esc(segment.text))</del>"
            default: nil
            }
        }.joined(separator: " ")
    }

    private func esc(_ text: String) -> String { htmlEscaped(text) }

    /// A link to a file of the mirror (the report may be opened from anywhere).
    private func fileLink(_ path: String) -> String {
        let url = URL(fileURLWithPath: report.mirror).appendingPathComponent(path).standardizedFileURL
        return "<a href=\"\(esc(url.absoluteString))\"><code>\(esc(path))</code></a>"
    }

    /// A link to a page on the web, only for http(s) addresses.
    private func webLink(_ url: String?) -> String {
        guard let url, url.hasPrefix("https://") || url.hasPrefix("http://") else { return "" }
        return " <a class=web href=\"\(esc(url))\">\(esc(url))</a>"
    }

    static func instant(_ iso: String) -> Int64? {
        ArticleTime(kind: .created, text: iso, source: "", context: TimeContext())?.instant?.secondsSince1970
    }

    static let css = """
        :root{--fg:#1d2430;--dim:#5b6577;--line:#d9dee7;--ok:#1f7a3f;--warn:#9a6700;--bad:#b42318;--add:#dff5e3;--del:#fde2e1;--src:#e8f0fe}
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC","Noto Sans Devanagari","Noto Naskh Arabic",sans-serif;color:var(--fg);max-width:1200px;margin:0 auto;padding:24px}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;border-bottom:2px solid var(--line);padding-bottom:4px;margin-top:32px}
        h3{font-size:16px;margin:0 0 8px}code{font:12px ui-monospace,monospace;color:var(--dim)}small{color:var(--dim)}
        .meta{color:var(--dim);margin:4px 0}.counts{display:flex;flex-wrap:wrap;gap:8px;list-style:none;padding:0}
        .counts li{border:1px solid var(--line);border-radius:6px;padding:4px 10px}.counts li.alert{border-color:var(--bad);color:var(--bad)}
        .story,.version{border:1px solid var(--line);border-radius:8px;padding:14px 16px;margin:14px 0}
        .tag-new,.tag-updated{font-size:11px;text-transform:uppercase;border-radius:4px;padding:1px 6px;margin-right:6px;color:#fff;background:var(--ok)}
        .tag-updated{background:#3867d6}.source{background:var(--src);border-radius:6px;padding:8px 12px;margin-bottom:10px}
        .source ul{margin:4px 0 0;padding-left:20px;color:var(--dim)}
        table{border-collapse:collapse;width:100%;margin:6px 0}th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid var(--line)}
        th{font-size:12px;color:var(--dim);font-weight:600}.is-source td{font-weight:600}
        .toc ol{margin:4px 0;padding-left:22px}.toc>ol>li{margin:2px 0}a{color:#3867d6}a.anchor{color:inherit;text-decoration:none}a.web{font-size:12px}
        .src{color:var(--ok)}.new{color:var(--ok);font-weight:600}.gone{color:var(--warn)}
        .silent{color:#fff;background:var(--bad);border-radius:4px;padding:1px 6px;font-size:12px}
        details{margin:6px 0}summary{cursor:pointer;color:#3867d6}.sbs td{width:50%;font-size:14px}
        .sbs tr.exact td{background:#f3faf4}.sbs tr.run td{background:#fdf8ec}.sbs i{color:var(--dim);font-style:normal;font-size:12px}
        ins{background:var(--add);text-decoration:none}del{background:var(--del)}
        tr.added td:last-child{background:var(--add)}tr.removed td:first-child{background:var(--del)}
        .none{color:var(--dim)}footer{margin-top:32px;color:var(--dim);font-size:12px}
        """
}

/// `text` with HTML's special characters escaped, for element content and quoted attributes.
func htmlEscaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(character)
        }
    }
    return out
}
