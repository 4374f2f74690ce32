import Wiretrace
import WiretraceFormats

/// What the index keeps of a page without article text (a gallery, a video page, a home
/// page): what the page says about itself, read on the worker threads like an article.
struct PageDigest: Sendable {
    var title: String?
    var outlet: String?
    /// The page's canonical URL, or the URI it was captured from.
    var url: String?
    var created: ArticleTime?
    var updated: ArticleTime?

    init(_ result: ArticleReader.Result) {
        let article = result.article
        title = article.title
        outlet = article.outlet
        url = article.canonicalURL
        // The same choice of times as an article's (ArticleDigest).
        created = article.created ?? article.times.first { $0.kind == .created }
        updated = article.updated ?? article.times.first { $0.kind == .updated }
    }
}

extension IndexWriter {
    /// Records a page without article text under `key` (`path:` + the mirror path of a saved
    /// page, `url:` + a WARC capture's normalized URI), held by the mirror file `filePath`. A
    /// page recorded again takes the new reading, unless it was seen later than this one (a
    /// WARC file of an earlier night read late).
    func recordPage(_ db: any SQLConnection, _ page: PageDigest, key: String, filePath: String, path: String, site: String,
                    seenAt: Int64) throws {
        try db.execute(sql: """
            INSERT INTO page(key, filePath, path, site, outlet, title, url, created, createdText, updated, updatedText,
                seenAt, firstScan, scan)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET filePath = excluded.filePath, path = excluded.path, site = excluded.site,
                outlet = excluded.outlet, title = excluded.title, url = excluded.url, created = excluded.created,
                createdText = excluded.createdText, updated = excluded.updated, updatedText = excluded.updatedText,
                seenAt = excluded.seenAt, scan = excluded.scan
            WHERE excluded.seenAt >= page.seenAt
            """, arguments: [key, filePath, path, site, page.outlet, page.title, page.url,
                                     page.created?.instant?.secondsSince1970, page.created?.text,
                                     page.updated?.instant?.secondsSince1970, page.updated?.text, seenAt, scan, scan])
    }
}
