import Wiretrace

/// The one-line summary of a version change stored with each version.
enum VersionSummaryText {
    static func line(for diff: VersionDiff) -> String {
        var counts: [VersionDiff.Change.Kind: Int] = [:]
        var cosmetic = 0, added = 0, removed = 0
        for change in diff.changes {
            if change.isCosmetic { cosmetic += 1 } else { counts[change.kind, default: 0] += 1 }
            added += change.wordsAdded
            removed += change.wordsRemoved
        }
        var parts: [String] = []
        let order: [VersionDiff.Change.Kind] = [.edited, .added, .removed, .moved, .split, .merged]
        let paragraphs = order.compactMap { kind in counts[kind].map { "\($0) \(kind.rawValue)" } }
        if !paragraphs.isEmpty { parts.append("paragraphs: " + paragraphs.joined(separator: ", ")) }
        if cosmetic > 0 { parts.append("\(cosmetic) cosmetic") }
        if added + removed > 0 { parts.append("words +\(added) −\(removed)") }
        if diff.titleChanged { parts.append("headline changed") }
        if diff.isRewrite { parts.append("rewrite (\(Int((diff.survivingShare * 100).rounded()))% survives)") }
        if diff.isSilentEdit { parts.append("silent edit: declared time unchanged") }
        if diff.updated.changed, let new = diff.updated.new { parts.append("updated \(new.text)") }
        return parts.isEmpty ? diff.classification.rawValue : parts.joined(separator: "; ")
    }
}
