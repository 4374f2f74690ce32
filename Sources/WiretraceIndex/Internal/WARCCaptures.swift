import Foundation
import GRDB
import Wiretrace
import WiretraceFormats

/// The article captures of one WARC file, read on a worker thread.
///
/// Each `response` or `resource` record whose payload reads as an article is a document
/// named by its `WARC-Target-URI` (its site and, when the page names none, its outlet: the
/// URI's host); several captures of one URI are versions in capture order, seen at their
/// `WARC-Date`. Captures that are not articles (images, scripts, error responses, pages
/// without article text) are passed over; `revisit` records are unchanged captures.
struct WARCCaptures: Sendable {
    struct Capture: Sendable {
        var targetURI: String
        var host: String
        /// `WARC-Date` in seconds since 1970: when the crawler saw this text.
        var capturedAt: Int64?
        var number: Int
        var digest: ArticleDigest
    }

    var captures: [Capture] = []
    /// Revisit records of a URI: the same content captured again.
    var revisits: [String] = []
    var damages: [WARCDamage] = []

    /// Media types a capture must have to be read as an article (none given counts too).
    static let articleMediaTypes: Set<String> = ["text/html", "application/xhtml+xml", "text/plain"]

    static func read(_ path: String, name: String, reader: ArticleReader) throws(ReadError) -> WARCCaptures {
        var result = WARCCaptures()
        for entry in try WARCArchive(path: path) {
            switch entry {
            case .damaged(let damage):
                result.damages.append(damage)
            case .record(let record):
                guard let uri = record.targetURI, let host = URLParts.host(of: uri) else { continue }
                if record.type == .revisit {
                    result.revisits.append(uri)
                    continue
                }
                guard record.type == .response || record.type == .resource, record.oversizedBlock == nil,
                      record.payloadMediaType.map(articleMediaTypes.contains) ?? true,
                      (record.http?.status).map({ (200..<300).contains($0) }) ?? true
                else { continue }
                // A capture that is not an article (no text, binary) is not a bad file.
                guard let read = try? reader.read(record, name: name + "#" + uri) else { continue }
                var article = read
                if article.article.outlet == nil { article.article.outlet = host }
                result.captures.append(Capture(targetURI: uri, host: host, capturedAt: record.date?.secondsSince1970,
                                               number: record.number, digest: ArticleDigest(article)))
            }
        }
        // Capture order: a crawler may write records out of order.
        result.captures.sort { ($0.capturedAt ?? 0, $0.number) < ($1.capturedAt ?? 0, $1.number) }
        return result
    }
}

extension IndexWriter {
    /// Writes a WARC file's captures: a new version for each capture whose text or title
    /// differs from its document's current version, unless it is no later than the capture
    /// that version was seen in (a WARC file read again, or an older night's file found late).
    func writeCaptures(_ db: Database, _ warc: WARCCaptures, entry: MirrorEntry, documents: inout [String: DocumentRow],
                       report: inout ScanReport, postingInserts: inout [(UInt64, Int64)],
                       postingDeletes: inout [(UInt64, Int64)]) throws {
        // Each damaged record is listed; the file counts once among the files with damage.
        for damage in warc.damages {
            report.badFiles.append(.init(path: entry.path, reason: "record \(damage.number) at \(damage.location): \(damage.reasonText)"))
        }
        if !warc.damages.isEmpty { report.files.bad += 1 }
        for uri in warc.revisits where documents["url:" + URLParts.normalized(uri)] != nil { report.files.sameText += 1 }
        for capture in warc.captures {
            let digest = capture.digest
            let key = "url:" + URLParts.normalized(capture.targetURI)
            var document: DocumentRow
            if let existing = documents[key] {
                document = existing
                if let current = existing.currentVersion, let capturedAt = capture.capturedAt,
                   let seen = try Int64.fetchOne(db.cachedStatement(sql: "SELECT firstSeenAt FROM version WHERE id = ?"), arguments: [current]),
                   capturedAt <= seen {
                    continue
                }
                guard existing.textHash != digest.textHash || existing.titleHash != digest.titleHash || existing.currentVersion == nil else {
                    report.files.sameText += 1
                    continue
                }
            } else {
                try db.cachedStatement(sql: """
                    INSERT INTO document(key, site, outlet, canonicalURL, firstScan) VALUES (?, ?, ?, ?, ?)
                    """).execute(arguments: [key, capture.host, digest.outlet, capture.targetURI, scan])
                document = DocumentRow(id: db.lastInsertedRowID, currentVersion: nil, textHash: 0, titleHash: 0, versions: 0, gone: false)
            }
            let versionPath = entry.path + "#" + capture.targetURI
            let versionID = try insertVersion(db, path: versionPath, digest: digest, document: &document, seenAt: capture.capturedAt)
            if let previous = document.currentVersion {
                if !postingsDeferred {
                    let old = try Data.fetchOne(db.cachedStatement(sql: "SELECT postings FROM print WHERE versionId = ?"), arguments: [previous])
                    for hash in old.map(HashBlob.decode) ?? [] { postingDeletes.append((hash, document.id)) }
                }
                try db.cachedStatement(sql: "UPDATE version SET lastScan = MAX(firstScan, ?) WHERE id = ?").execute(arguments: [scan - 1, previous])
            }
            if !postingsDeferred { for hash in digest.postings { postingInserts.append((hash, document.id)) } }
            document.currentVersion = versionID
            document.textHash = digest.textHash
            document.titleHash = digest.titleHash
            try db.cachedStatement(sql: "UPDATE document SET currentVersionId = ?, outlet = COALESCE(?, outlet) WHERE id = ?").execute(
                arguments: [versionID, digest.outlet, document.id])
            documents[key] = document
        }
    }
}
