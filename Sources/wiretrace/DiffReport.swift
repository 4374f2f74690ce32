import Wiretrace
import WiretraceFormats

/// What `diff` prints: the model behind its text and JSON (``DiffJSON``).
struct DiffReport {

    struct Version {
        var path: String
        var url: String?
        var outlet: String?
        var title: String?
    }

    typealias Passage = VersionDiff.Passage

    struct TimeOut {
        var old: ArticleTime?
        var new: ArticleTime?
        var changed: Bool
    }

    var classification: String
    var sameText: Bool
    var silentEdit: Bool
    var updatedBeforeCreated: Bool
    var rewrite: Bool
    var survivingShare: Double
    var titleChanged: Bool
    var old: Version
    var new: Version
    var created: TimeOut
    var updated: TimeOut
    var metadataChanges: [String]
    var summary: VersionDiff.Summary
    var changes: [VersionDiff.ChangedPassages]
    /// For a rewrite only: every body paragraph of each version, to be read whole.
    var oldText: [Passage]?
    var newText: [Passage]?
    var warnings: [String]

    init(oldPath: String, _ oldResult: ArticleReader.Result, newPath: String, _ newResult: ArticleReader.Result) {
        let oldArticle = oldResult.article, newArticle = newResult.article
        let diff = VersionDiff(from: oldArticle, to: newArticle)
        classification = diff.classification.rawValue
        sameText = diff.sameText
        silentEdit = diff.isSilentEdit
        updatedBeforeCreated = diff.updatedBeforeCreated
        rewrite = diff.isRewrite
        survivingShare = (diff.survivingShare * 1000).rounded() / 1000
        titleChanged = diff.titleChanged
        old = Version(path: oldPath, url: oldArticle.canonicalURL, outlet: oldArticle.outlet, title: oldArticle.title)
        new = Version(path: newPath, url: newArticle.canonicalURL, outlet: newArticle.outlet, title: newArticle.title)
        created = TimeOut(old: diff.created.old, new: diff.created.new, changed: diff.created.changed)
        updated = TimeOut(old: diff.updated.old, new: diff.updated.new, changed: diff.updated.changed)
        metadataChanges = diff.metadataChanges
        summary = diff.summary
        changes = diff.passages(old: oldArticle, new: newArticle)
        if diff.isRewrite {
            oldText = Self.body(oldArticle)
            newText = Self.body(newArticle)
        }
        warnings = oldResult.warnings + newResult.warnings
    }

    private static func body(_ article: Article) -> [Passage] {
        let print = Fingerprint(of: article)
        return print.countedParagraphs.map { Passage(paragraph: $0 + 1, text: article.paragraphs[$0].text) }
    }

    // MARK: Text

    func text(style: Style) -> String {
        var lines: [String] = []
        var headline = style.bold(classification)
        if rewrite { headline += " · " + style.yellow("rewrite") }
        if silentEdit { headline += " · " + style.red(style.bold("SILENT EDIT")) }
        lines.append(headline + "  " + style.dim("\(shown(old.path)) → \(shown(new.path))"))
        lines.append("created: " + timeLine(created))
        lines.append("updated: " + timeLine(updated))
        if silentEdit {
            lines.append(style.red("⚠ silent edit: the text changed but the declared \(updated.new == nil ? "created" : "updated") time did not move"))
        }
        if updatedBeforeCreated { lines.append(style.red("⚠ the new version's updated time is earlier than its created time")) }
        if titleChanged {
            lines.append("headline: " + style.red("\"\(shown(old.title ?? ""))\"") + " → " + style.green("\"\(shown(new.title ?? ""))\""))
        }
        for change in metadataChanges { lines.append(shown(change)) }
        var counts = ["\(summary.added) added", "\(summary.removed) removed", "\(summary.edited) edited", "\(summary.moved) moved"]
        if summary.split > 0 { counts.append("\(summary.split) split") }
        if summary.merged > 0 { counts.append("\(summary.merged) merged") }
        if summary.cosmetic > 0 { counts.append("\(summary.cosmetic) cosmetic") }
        lines.append("paragraphs: " + counts.joined(separator: ", ") + "; words: +\(summary.wordsAdded) -\(summary.wordsRemoved)")
        if rewrite {
            lines.append("")
            lines.append(style.yellow("Rewrite: only \(Int((survivingShare * 100).rounded()))% of the old text survives, so both versions are shown whole."))
            for (label, passages) in [("old", oldText ?? []), ("new", newText ?? [])] {
                lines.append("")
                lines.append(style.bold("── \(label) ──"))
                for passage in passages {
                    lines.append("¶\(passage.paragraph) " + shown(passage.text))
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }
        for change in changes {
            lines.append("")
            let oldNumbers = change.old.map { "¶\($0.paragraph)" }.joined(separator: "+")
            let newNumbers = change.new.map { "¶\($0.paragraph)" }.joined(separator: "+")
            switch change.kind {
            case .added:
                lines.append(style.green("+ \(newNumbers) added") + " (\(change.wordsAdded) words)")
                for passage in change.new { lines.append("  " + style.green(shown(passage.text))) }
            case .removed:
                lines.append(style.red("- \(oldNumbers) removed") + " (\(change.wordsRemoved) words)")
                for passage in change.old { lines.append("  " + style.red(shown(passage.text))) }
            case .moved:
                lines.append(style.cyan("↕ \(newNumbers) moved") + " (was \(oldNumbers))")
                for passage in change.new { lines.append("  " + style.dim(shown(passage.text))) }
            case .edited, .split, .merged:
                let label = change.isCosmetic ? "cosmetic edit" : change.kind.rawValue
                lines.append(style.yellow("~ \(oldNumbers) → \(newNumbers) \(label)") + " (+\(change.wordsAdded) -\(change.wordsRemoved) words)")
                lines.append("  " + wordDiff(change.words, style: style))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `git diff --word-diff` style: colors on a terminal, `[-old-]{+new+}` markers otherwise.
    private func wordDiff(_ segments: [WordDiff.Segment], style: Style) -> String {
        segments.map { segment in
            switch segment.kind {
            case .same: shown(segment.text)
            case .removed: style.enabled ? style.red(shown(segment.text)) : "[-\(shown(segment.text))-]"
            case .added: style.enabled ? style.green(shown(segment.text)) : "{+\(shown(segment.text))+}"
            }
        }.joined(separator: " ")
    }

    private func timeLine(_ time: TimeOut) -> String {
        func describe(_ time: ArticleTime?) -> String {
            guard let time else { return "none" }
            return shown(time.localDescription) + (time.problem.map { " (⚠ \(shown($0)))" } ?? "")
        }
        if !time.changed { return describe(time.old) + " (unchanged)" }
        return describe(time.old) + " → " + describe(time.new)
    }
}
