import Wiretrace
import WiretraceFormats

/// A page of the mirror without article text (a gallery, a video page, a home page), as the
/// index recorded it: not a document (nothing to link or diff), not a bad file.
public struct PageWithoutText: Sendable, Codable, Hashable {
    /// The mirror path of the page, or `FILE.warc.gz#URI` for a WARC capture.
    public var path: String
    /// The page's canonical URL, or the URI it was captured from.
    public var url: String?
    public var site: String
    public var outlet: String?
    public var title: String?
    /// Declared created and updated times: UTC instant (ISO 8601) and the text as the page wrote it.
    public var created: String?
    public var createdText: String?
    public var updated: String?
    public var updatedText: String?
    /// When the scan read it, or a WARC capture's `WARC-Date`.
    public var seen: String
    /// The scan that first recorded it.
    public var firstScan: Int
}

extension MirrorIndex {
    /// Of the page table, the rows still current: a saved page whose file is still a page
    /// without text, or a WARC capture whose WARC file is still in the mirror and whose URI
    /// has not since been captured with text (it is a document then).
    static let currentPageCondition = """
        (f.state = 'withoutText' OR (f.state = 'ok' AND f.format = 'warc'
            AND NOT EXISTS (SELECT 1 FROM document d WHERE d.key = p.key AND d.gone = 0)))
        """

    /// The mirror's pages without article text, by path; with `sinceScan`, only those first
    /// recorded after that scan.
    public func pagesWithoutText(sinceScan: Int? = nil, limit: Int? = nil) throws(IndexError) -> [PageWithoutText] {
        try read { db in try Self.pages(since: sinceScan ?? 0, limit: limit, db) }
    }

    static func pages(since: Int, limit: Int?, _ db: any SQLConnection) throws -> [PageWithoutText] {
        func time(_ seconds: Int64?) -> String? { seconds.map { Timestamp(secondsSince1970: $0).description } }
        return try SQLRow.fetchAll(db, sql: """
            SELECT p.path, p.url, p.site, p.outlet, p.title, p.created, p.createdText, p.updated, p.updatedText, p.seenAt, p.firstScan
            FROM page p JOIN file f ON f.path = p.filePath
            WHERE p.firstScan > ? AND \(currentPageCondition) ORDER BY p.path LIMIT ?
            """, arguments: [since, limit ?? Int(Int32.max)]).map { row in
            PageWithoutText(path: row[0], url: row[1], site: row[2], outlet: row[3], title: row[4], created: time(row[5]),
                            createdText: row[6], updated: time(row[7]), updatedText: row[8], seen: time(row[9]) ?? "",
                            firstScan: row[10])
        }
    }

    /// The mirror's files and WARC captures that are not articles, by kind, and its pages
    /// without article text: all of them, read this scan or before.
    func skipped() throws(IndexError) -> (kinds: [NonArticleKind: Int], pagesWithoutText: Int) {
        try read { db in
            var kinds: [NonArticleKind: Int] = [:]
            let rows = try SQLRow.fetchAll(db, sql: """
                SELECT problem, COUNT(*) FROM file WHERE state = 'skipped' GROUP BY problem
                UNION ALL
                SELECT c.kind, CAST(SUM(c.count) AS BIGINT) FROM captureKind c JOIN file f ON f.path = c.filePath
                WHERE f.state = 'ok' AND f.format = 'warc' GROUP BY c.kind
                """)
            for row in rows {
                let kind = (row[0] as String?).flatMap(NonArticleKind.init(rawValue:)) ?? .binary
                kinds[kind, default: 0] += row[1] as Int
            }
            let pages = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM page p JOIN file f ON f.path = p.filePath WHERE \(Self.currentPageCondition)") ?? 0
            return (kinds, pages)
        }
    }
}
