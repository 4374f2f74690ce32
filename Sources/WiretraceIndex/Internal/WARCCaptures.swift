import Dispatch
import Foundation
import Wiretrace
import WiretraceFormats

/// The article captures of one WARC file, read on a worker thread.
///
/// Each `response` or `resource` record whose payload reads as an article is a document
/// named by its `WARC-Target-URI` (its site and, when the page names none, its outlet: the
/// URI's host); several captures of one URI are versions in capture order, seen at their
/// `WARC-Date`. Captures that are not articles (stylesheets, scripts, pictures: by their
/// media type, else their content) are counted by kind, and pages without article text are
/// recorded as such; error responses are passed over; `revisit` records are unchanged captures.
struct WARCCaptures: Sendable {
    struct Capture: Sendable {
        var targetURI: String
        var host: String
        /// `WARC-Date` in seconds since 1970: when the crawler saw this text.
        var capturedAt: Int64?
        var number: Int
        var digest: ArticleDigest
    }

    /// A capture of a page without article text.
    struct Page: Sendable {
        var targetURI: String
        var host: String
        var capturedAt: Int64?
        var digest: PageDigest
    }

    var captures: [Capture] = []
    var pages: [Page] = []
    /// Captures that are not articles, by kind: of the whole file, in the last part only.
    var skipped: [NonArticleKind: Int] = [:]
    /// Revisit records of a URI: the same content captured again.
    var revisits: [String] = []
    var damages: [WARCDamage] = []

    /// Reads the WARC file at `path` in parts of at most `batchSize` captures, each parsed and
    /// fingerprinted on `workers` threads and then handed to `consume` (with `last` true for
    /// the final part, which may be empty). The parts overlap as a pipeline: while the workers
    /// parse one part, this thread reads the records of the next and hands the one before to
    /// `consume` (the database writer), so reading, parsing and writing run at once, as they do
    /// for plain files (ChunkedParallel). At most three parts are alive (one read, one parsed,
    /// one written), however large the file.
    static func stream(_ path: String, name: String, reader: ArticleReader, batchSize: Int, workers: Int,
                       consume: (WARCCaptures, _ last: Bool) throws -> Void) throws {
        let archive = try WARCArchive(path: path)
        // What was read with the records being gathered: damaged records and revisits.
        var part = WARCCaptures()
        var pending: [WARCRecord] = []
        var skipped: [NonArticleKind: Int] = [:]
        // The part on the workers, with what was read with it.
        var parsing: (results: PendingChunk<Outcome>, part: WARCCaptures)?
        func finish(_ job: (results: PendingChunk<Outcome>, part: WARCCaptures), last: Bool) throws {
            var done = job.part
            for outcome in outcomes(job.results) {
                switch outcome {
                case .article(let capture): done.captures.append(capture)
                case .page(let page): done.pages.append(page)
                case .notArticle(let kind): skipped[kind, default: 0] += 1
                case .unread: break
                }
            }
            if last { done.skipped = skipped }
            try consume(done, last)
        }
        func hand(last: Bool) throws {
            let previous = parsing
            parsing = (startDigests(of: pending, name: name, reader: reader, workers: workers), part)
            pending = []
            part = WARCCaptures()
            if let previous { try finish(previous, last: false) }
            if last, let parsing { try finish(parsing, last: true) }
        }
        while let entry = archive.next() {
            switch entry {
            case .damaged(let damage):
                part.damages.append(damage)
            case .record(let record):
                guard let uri = record.targetURI, URLParts.host(of: uri) != nil else { continue }
                if record.type == .revisit {
                    part.revisits.append(uri)
                } else if isCandidate(record) {
                    // Counted here, by the type it was served as, rather than held with the part:
                    // a part of pictures would hold their payloads.
                    if let kind = ArticleReader.nonArticleKind(of: record, name: name + "#" + uri) {
                        skipped[kind, default: 0] += 1
                        continue
                    }
                    pending.append(record)
                    if pending.count >= batchSize { try hand(last: false) }
                }
            }
        }
        try hand(last: true)
    }

    /// A capture worth reading: content fetched successfully (the reader tells a page from a
    /// stylesheet or a picture).
    private static func isCandidate(_ record: WARCRecord) -> Bool {
        (record.type == .response || record.type == .resource) && record.oversizedBlock == nil
            && ((record.http?.status).map { (200..<300).contains($0) } ?? true)
    }

    /// What one capture read as.
    private enum Outcome: Sendable {
        case article(Capture)
        case page(Page)
        case notArticle(NonArticleKind)
        /// Nothing the index keeps: no text and nothing the page says about itself, or damage
        /// inside the payload (the record itself was read).
        case unread

        var capturedAt: Int64? {
            switch self {
            case .article(let capture): capture.capturedAt
            case .page(let page): page.capturedAt
            case .notArticle, .unread: nil
            }
        }
    }

    /// Starts parsing and fingerprinting `records` on `workers` threads; ``outcomes(_:)`` waits
    /// for them.
    private static func startDigests(of records: [WARCRecord], name: String, reader: ArticleReader, workers: Int) -> PendingChunk<Outcome> {
        let results = PendingChunk<Outcome>(count: records.count)
        DispatchQueue.global().async {
            parse(records, into: results, name: name, reader: reader, workers: workers)
            results.done.signal()
        }
        return results
    }

    /// What each record of a part reads as, once parsed, in capture order (a crawler may write
    /// records out of order).
    private static func outcomes(_ results: PendingChunk<Outcome>) -> [Outcome] {
        results.done.wait()
        // Sorted by capture time, then by place in the file (the sort is stable).
        return results.take().enumerated().sorted { ($0.element.capturedAt ?? 0, $0.offset) < ($1.element.capturedAt ?? 0, $1.offset) }
            .map(\.element)
    }

    private static func parse(_ records: [WARCRecord], into results: PendingChunk<Outcome>, name: String, reader: ArticleReader, workers: Int) {
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, records.count))) { _ in
            while true {
                let index = results.claim()
                guard index < records.count else { break }
                let record = records[index]
                let uri = record.targetURI ?? "", host = URLParts.host(of: uri) ?? ""
                var read: ArticleReader.Result
                do throws(ReadError) {
                    read = try reader.read(record, name: name + "#" + uri)
                } catch {
                    // A capture that is not an article is not a bad file either.
                    if case .notArticle(let kind, _) = error.reason { results.store(.notArticle(kind), at: index) } else { results.store(.unread, at: index) }
                    continue
                }
                if read.article.outlet == nil { read.article.outlet = host }
                let capturedAt = record.date?.secondsSince1970
                if read.content == .articleText {
                    results.store(.article(Capture(targetURI: uri, host: host, capturedAt: capturedAt, number: record.number,
                                                   digest: ArticleDigest(read))), at: index)
                } else {
                    results.store(.page(Page(targetURI: uri, host: host, capturedAt: capturedAt, digest: PageDigest(read))), at: index)
                }
            }
        }
    }
}

extension IndexWriter {
    /// Writes one part of a WARC file's captures in one transaction; with `last`, the file
    /// itself is recorded too, so a scan killed inside a WARC reads it again (and the captures
    /// already written are no new versions).
    mutating func writeWARCPart(_ entry: MirrorEntry, _ part: WARCCaptures, last: Bool, report: inout ScanReport) throws(IndexError) {
        var batchReport = report
        var documents = self.documents
        self.documents = [:]
        let known = files[entry.path]
        var fileID: Int64?
        try index.write { db in
            var postingInserts: [(UInt64, Int64)] = []
            var postingDeletes: [(UInt64, Int64)] = []
            try writeCaptures(db, part, entry: entry, documents: &documents, report: &batchReport,
                              postingInserts: &postingInserts, postingDeletes: &postingDeletes)
            try Self.applyPostings(db, deletes: postingDeletes, inserts: postingInserts)
            if last {
                try db.execute(sql: "DELETE FROM captureKind WHERE filePath = ?", arguments: [entry.path])
                for (kind, count) in part.skipped {
                    try db.execute(sql: "INSERT INTO captureKind(filePath, kind, count) VALUES (?, ?, ?)",
                                   arguments: [entry.path, kind.rawValue, count])
                }
                if known == nil || known?.state == .gone { batchReport.files.new += 1 } else { batchReport.files.changed += 1 }
                fileID = try upsertFile(db, entry, state: .ok, problem: nil, format: "warc", document: nil, version: nil, known: known)
            }
            try recordProgress(batchReport.files, db)
        }
        self.documents = documents
        if let fileID {
            files[entry.path] = FileRow(id: fileID, size: entry.size, mtime: entry.mtime, inode: entry.inode, state: .ok, documentID: nil)
        }
        report = batchReport
    }

    /// Writes a WARC file's captures: a new version for each capture whose text or title
    /// differs from its document's current version, unless it is no later than the capture
    /// that version was seen in (a WARC file read again, or an older night's file found late).
    func writeCaptures(_ db: any SQLConnection, _ warc: WARCCaptures, entry: MirrorEntry, documents: inout [String: DocumentRow],
                       report: inout ScanReport, postingInserts: inout [(UInt64, Int64)],
                       postingDeletes: inout [(UInt64, Int64)]) throws {
        // Each damaged record is listed; the file counts once among the files with damage.
        for damage in warc.damages {
            report.badFiles.append(.init(path: entry.path, reason: "record \(damage.number) at \(damage.location): \(damage.reasonText)"))
        }
        if !warc.damages.isEmpty { report.files.bad += 1 }
        for page in warc.pages {
            try recordPage(db, page.digest, key: "url:" + URLParts.normalized(page.targetURI), filePath: entry.path,
                           path: entry.path + "#" + page.targetURI, site: page.host, seenAt: page.capturedAt ?? now)
        }
        for uri in warc.revisits where documents["url:" + URLParts.normalized(uri)] != nil { report.files.sameText += 1 }
        for capture in warc.captures {
            let digest = capture.digest
            let key = "url:" + URLParts.normalized(capture.targetURI)
            var document: DocumentRow
            // On a shared index another scanner may have written this URL (IndexWriter.sharedDocument).
            var lookup = documents[key].map { (row: $0, created: false) }
            if db.dialect == .postgresql {
                lookup = try Self.sharedDocument(db, key: key, site: capture.host, outlet: digest.outlet, canonicalURL: capture.targetURI,
                                                 scan: scan)
            }
            if let lookup, lookup.created {
                document = lookup.row
            } else if let existing = lookup?.row {
                document = existing
                if let current = existing.currentVersion, let capturedAt = capture.capturedAt,
                   let seen = try Int64.fetchOne(db, sql: "SELECT firstSeenAt FROM version WHERE id = ?", arguments: [current]),
                   capturedAt <= seen {
                    continue
                }
                guard existing.textHash != digest.textHash || existing.titleHash != digest.titleHash || existing.currentVersion == nil else {
                    report.files.sameText += 1
                    continue
                }
            } else {
                let id = try db.insert(sql: """
                    INSERT INTO document(key, site, outlet, canonicalURL, firstScan) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [key, capture.host, digest.outlet, capture.targetURI, scan])
                document = DocumentRow(id: id, currentVersion: nil, textHash: 0, titleHash: 0, versions: 0, gone: false)
            }
            let versionPath = entry.path + "#" + capture.targetURI
            let versionID = try insertVersion(db, path: versionPath, digest: digest, document: &document, seenAt: capture.capturedAt)
            try makeCurrent(db, version: versionID, digest: digest, document: &document, postingInserts: &postingInserts,
                            postingDeletes: &postingDeletes)
            documents[key] = document
        }
    }
}

extension WARCCaptures {
    /// Scans one WARC file of the mirror into the index, part by part; a file that cannot be
    /// opened is a bad file.
    static func scan(_ entry: MirrorEntry, root: String, reader: ArticleReader, options: MirrorScanner.Options,
                     writer: inout IndexWriter, report: inout ScanReport) throws {
        do {
            try stream(root + "/" + entry.path, name: entry.path, reader: reader, batchSize: options.batchSize,
                       workers: options.workers) { part, last in
                try writer.writeWARCPart(entry, part, last: last, report: &report)
            }
        } catch let error as ReadError {
            let reason = error.reason == .notFound ? "vanished while the scan was reading it" : error.reasonText
            try writer.write([ProcessedFile(entry: entry, outcome: .bad(reason))], report: &report)
        }
    }
}
