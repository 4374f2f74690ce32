import Foundation
import Wiretrace

/// A version of a document with what changed from the version before: the finished value
/// `history` and the HTML report print.
public struct VersionChanges: Sendable {
    public var version: VersionSummary
    /// The diff from the version before (nil for a first version, or when either article is
    /// missing from the index).
    public var diff: VersionDiff?
    /// The diff's changes with their paragraphs' text, in the order of the new version.
    public var passages: [VersionDiff.ChangedPassages]
}

/// Every version of one document, each with its changes: ``MirrorIndex/historyReport(of:mirror:)``.
public struct HistoryReport: Sendable {
    public var documentId: Int
    public var key: String
    public var url: String?
    public var site: String
    /// Mirror paths that held this document, in the order first seen.
    public var paths: [String]
    public var storyId: Int?
    public var gone: Bool
    /// Oldest first.
    public var versions: [VersionChanges]
}

extension MirrorIndex {
    /// The versions of the document at a mirror path (relative to the mirror, or absolute
    /// inside it) or with a canonical URL, each with the diff from the one before; `nil` when
    /// the index holds no such document.
    ///
    /// - Complexity: reads and diffs every version's article once.
    public func historyReport(of pathOrURL: String, mirror: String? = nil) throws(IndexError) -> HistoryReport? {
        guard let history = try history(of: pathOrURL, mirror: mirror) else { return nil }
        var versions: [VersionChanges] = []
        var previous: Article?
        for summary in history.versions {
            let article = try article(ofVersion: summary.versionId)
            versions.append(Self.changes(summary, from: previous, to: article))
            previous = article
        }
        return HistoryReport(documentId: history.documentId, key: history.key, url: history.url, site: history.site,
                             paths: history.paths, storyId: history.storyId, gone: history.gone, versions: versions)
    }

    /// A version with the diff from the version before it.
    public func changes(of version: VersionSummary) throws(IndexError) -> VersionChanges {
        guard let previous = try previousVersion(of: version.versionId) else { return Self.changes(version, from: nil, to: nil) }
        return Self.changes(version, from: try article(ofVersion: previous), to: try article(ofVersion: version.versionId))
    }

    static func changes(_ version: VersionSummary, from old: Article?, to new: Article?) -> VersionChanges {
        guard let old, let new else { return VersionChanges(version: version, diff: nil, passages: []) }
        let diff = VersionDiff(from: old, to: new)
        var version = version
        version.counts = diff.summary
        return VersionChanges(version: version, diff: diff, passages: diff.passages(old: old, new: new))
    }

    /// Sets the change counts of the first ``reportListLimit`` of `versions` (each a version
    /// after the first), diffing it against the version before; the rest keep `nil`.
    static func count(_ versions: inout [VersionSummary], _ db: any SQLConnection) throws {
        let articleSQL = "SELECT json FROM article WHERE versionId = ?"
        let previousSQL = "SELECT id FROM version WHERE documentId = ? AND number = ?"
        for index in versions.indices.prefix(reportListLimit) {
            let version = versions[index]
            guard let previous = try Int64.fetchOne(db, sql: previousSQL, arguments: [version.documentId, version.number - 1]),
                  let oldData = try Data.fetchOne(db, sql: articleSQL, arguments: [previous]),
                  let newData = try Data.fetchOne(db, sql: articleSQL, arguments: [version.versionId]) else { continue }
            // An article that no longer decodes leaves its counts out; it does not cost the report.
            guard let old = try? ArticleStore.article(from: oldData), let new = try? ArticleStore.article(from: newData) else { continue }
            versions[index].counts = VersionDiff(from: old, to: new).summary
        }
    }
}
