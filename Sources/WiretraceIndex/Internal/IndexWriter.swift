import Foundation
import Wiretrace
import WiretraceFormats

/// What a file of the mirror is to the index, as its `file.state` column holds it.
enum FileState: String, Sendable {
    /// An article (or a WARC file of captures), indexed.
    case ok
    /// Could not be read; `problem` says why.
    case bad
    /// Not an article (a stylesheet, a feed, an image): skipped, never indexed; `problem`
    /// holds its ``NonArticleKind``.
    case skipped
    /// A page with no article text (a gallery, a video page): not indexed, not bad.
    case withoutText
    /// No longer in the mirror.
    case gone
}

/// Writes scanned files into the index, one transaction per batch, and keeps in memory what
/// it needs to decide quickly: every known file's size, modification time and inode, and
/// every document's current text and title hashes.
struct IndexWriter {
    struct FileRow {
        var id: Int64
        var size: Int
        var mtime: Int64
        var inode: Int64
        var state: FileState
        var documentID: Int64?
        /// Why the file is bad, when it is.
        var problem: String?

        /// Whether `entry` has the size, modification time and inode recorded.
        func isUnchanged(_ entry: MirrorEntry) -> Bool {
            size == entry.size && mtime == entry.mtime && inode == entry.inode
        }
    }

    struct DocumentRow {
        var id: Int64
        var currentVersion: Int64?
        var textHash: UInt64
        var titleHash: UInt64
        var versions: Int
        var gone: Bool
    }

    let index: MirrorIndex
    let scan: Int
    let now: Int64
    // Set by the WARC writer too (WARCCaptures.swift).
    var files: [String: FileRow] = [:]
    var documents: [String: DocumentRow] = [:]
    private let decoder = JSONDecoder()
    /// Whether the posting table is left out of date while files are written, to be rebuilt
    /// whole by ``rebuildDeferredPostings()``. Kept in `meta` so that a scan killed before the
    /// rebuild leaves the next scan to finish it.
    private(set) var postingsDeferred = false

    static let postingsDeferredKey = "postingsDeferred"

    init(index: MirrorIndex, scan: Int, now: Int64) throws(IndexError) {
        self.index = index
        self.scan = scan
        self.now = now
        (files, documents) = try index.read { db in
            // Sized up front: growing two tables of a large mirror's size step by step was a
            // tenth of a warm rescan.
            var files: [String: FileRow] = [:]
            files.reserveCapacity(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM file") ?? 0)
            try db.forEachRow(sql: "SELECT id, path, size, mtime, inode, state, documentId, problem FROM file", arguments: []) { row in
                files[row[1]] = FileRow(id: row[0], size: row[2], mtime: row[3], inode: row[4], state: FileState(rawValue: row[5] as String) ?? .bad, documentID: row[6], problem: row[7])
            }
            var documents: [String: DocumentRow] = [:]
            documents.reserveCapacity(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document") ?? 0)
            try db.forEachRow(sql: """
                SELECT d.id, d.key, d.currentVersionId, v.textHash, v.titleHash, v.number, d.gone
                FROM document d LEFT JOIN version v ON v.id = d.currentVersionId
                """, arguments: []) { row in
                let textHash: Int64 = row[3] ?? 0, titleHash: Int64 = row[4] ?? 0
                documents[row[1]] = DocumentRow(id: row[0], currentVersion: row[2], textHash: textHash.hash, titleHash: titleHash.hash,
                                                versions: row[5] ?? 0, gone: row[6])
            }
            return (files, documents)
        }
        postingsDeferred = try index.read { db in try index.meta(Self.postingsDeferredKey, db) } != nil
    }

    /// Stops maintaining the posting table row by row when the scan is about to read at least
    /// as many files as the index has documents (a cold scan, above all). Rows inserted one
    /// at a time land on random pages of a B-tree that outgrows the cache; one sorted
    /// rebuild after the last batch appends them in order instead, and costs, at worst, as
    /// much again as the postings being added.
    ///
    /// Never on a shared (PostgreSQL) index: other scanners write postings at the same time,
    /// and a rebuild from one of them would race theirs.
    mutating func deferPostingsIfBulk(reading count: Int) throws(IndexError) {
        guard !postingsDeferred, !index.isShared, count > 0, count >= documents.count else { return }
        let index = self.index
        try index.write { db in try index.setMeta(Self.postingsDeferredKey, "1", db) }
        postingsDeferred = true
    }

    /// Rebuilds the posting table from the current versions' stored postings if it was
    /// deferred, and clears the mark, in one transaction.
    mutating func rebuildDeferredPostings() throws(IndexError) {
        guard postingsDeferred else { return }
        let index = self.index
        try index.write { db in
            try Self.rebuildPostings(db)
            try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [Self.postingsDeferredKey])
        }
        postingsDeferred = false
    }

    /// Fills the posting table anew from the postings of every document's current version,
    /// inserted in the table's key order.
    static func rebuildPostings(_ db: any SQLConnection) throws {
        try db.execute(sql: "DELETE FROM posting")
        // Each row as one 128-bit key, (signed hash, document) made unsigned, so that millions
        // of them sort as plain integers rather than through a comparison closure.
        var keys: [UInt128] = []
        try db.forEachRow(sql: "SELECT d.id, p.postings FROM document d JOIN print p ON p.versionId = d.currentVersionId", arguments: []) { row in
            let document = UInt128(UInt64(bitPattern: row[0] as Int64))
            for hash in HashBlob.decode(row[1]) { keys.append(UInt128(hash ^ (1 << 63)) << 64 | document) }
        }
        keys.sort()
        try db.insertPostings(keys.map { key in
            (Int64(bitPattern: UInt64(truncatingIfNeeded: key >> 64) ^ (1 << 63)), Int64(bitPattern: UInt64(truncatingIfNeeded: key)))
        })
    }

    /// The site of a mirror path: its first folder (`www.reuters.com` in a wget mirror).
    static func site(of path: String) -> String {
        guard let slash = path.firstIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// A canonical URL names the document only when it points into the file's own site:
    /// syndication partners often declare the original's URL as canonical, and their copy is
    /// a republication, not a version of the original.
    static func documentKey(path: String, canonicalURL: String?) -> String {
        if let url = canonicalURL, let host = URLParts.host(of: url) {
            let site = site(of: path).lowercased()
            let bareHost = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
            let bareSite = site.hasPrefix("www.") ? String(site.dropFirst(4)) : site
            let label = bareHost.split(separator: ".").first.map(String.init) ?? bareHost
            if !site.isEmpty && (bareSite == bareHost || bareSite == label || bareSite.split(separator: ".").first.map(String.init) == label) {
                return "url:" + URLParts.normalized(url)
            }
        }
        return "path:" + path
    }

    mutating func write(_ results: [ProcessedFile], report: inout ScanReport) throws(IndexError) {
        var batchReport = report
        // The tables are moved out rather than copied (a copy per batch made a cold scan
        // quadratic in the mirror's size) and put back only after the commit: a failed
        // batch leaves the writer without them, and the scan stops there.
        var files = self.files, documents = self.documents
        self.files = [:]
        self.documents = [:]
        try index.write { db in
            var postingInserts: [(UInt64, Int64)] = []
            var postingDeletes: [(UInt64, Int64)] = []
            for result in results.sorted(by: { $0.entry.path < $1.entry.path }) {
                let entry = result.entry
                let known = files[entry.path]
                // A bad file tried again: unchanged itself, so neither new nor changed; still
                // bad for the same reason, it stays as it is (reported as still bad).
                let retried = known?.state == .bad && known?.isUnchanged(entry) == true
                if case .bad(let reason) = result.outcome, retried, reason == known?.problem { continue }
                if !retried {
                    if known == nil || known?.state == .gone { batchReport.files.new += 1 } else { batchReport.files.changed += 1 }
                }
                switch result.outcome {
                case .notArticle(let kind):
                    let id = try upsertFile(db, entry, state: .skipped, problem: kind.rawValue, format: nil, document: known?.documentID, version: nil, known: known)
                    files[entry.path] = FileRow(id: id, size: entry.size, mtime: entry.mtime, inode: entry.inode, state: .skipped,
                                                documentID: known?.documentID, problem: kind.rawValue)
                case .withoutText(let page):
                    try recordPage(db, page, key: "path:" + entry.path, filePath: entry.path, path: entry.path,
                                   site: Self.site(of: entry.path), seenAt: now)
                    let id = try upsertFile(db, entry, state: .withoutText, problem: nil, format: nil, document: known?.documentID, version: nil, known: known)
                    files[entry.path] = FileRow(id: id, size: entry.size, mtime: entry.mtime, inode: entry.inode, state: .withoutText,
                                                documentID: known?.documentID, problem: nil)
                case .bad(let reason):
                    batchReport.badFiles.append(.init(path: entry.path, reason: reason))
                    batchReport.files.bad += 1
                    let id = try upsertFile(db, entry, state: .bad, problem: reason, format: nil, document: known?.documentID, version: nil, known: known)
                    files[entry.path] = FileRow(id: id, size: entry.size, mtime: entry.mtime, inode: entry.inode, state: .bad,
                                                documentID: known?.documentID, problem: reason)
                case .article(let digest):
                    if batchReport.warnings.count < 100 { batchReport.warnings += digest.warnings.prefix(100 - batchReport.warnings.count) }
                    let key = Self.documentKey(path: entry.path, canonicalURL: digest.canonicalURL)
                    var document: DocumentRow
                    var newVersion = false
                    var lookup = documents[key].map { (row: $0, created: false) }
                    if db.dialect == .postgresql {
                        lookup = try Self.sharedDocument(db, key: key, site: Self.site(of: entry.path), outlet: digest.outlet,
                                                         canonicalURL: digest.canonicalURL, scan: scan)
                    }
                    if let lookup, lookup.created {
                        document = lookup.row
                        newVersion = true
                    } else if let existing = lookup?.row {
                        document = existing
                        if existing.textHash != digest.textHash || existing.titleHash != digest.titleHash || existing.currentVersion == nil {
                            newVersion = true
                        } else if known != nil && known?.state != .gone {
                            batchReport.files.sameText += 1
                        }
                        if existing.gone {
                            try db.execute(sql: "UPDATE document SET gone = 0 WHERE id = ?", arguments: [existing.id])
                            document.gone = false
                        }
                    } else {
                        let id = try db.insert(sql: """
                            INSERT INTO document(key, site, outlet, canonicalURL, firstScan) VALUES (?, ?, ?, ?, ?)
                            """, arguments: [key, Self.site(of: entry.path), digest.outlet, digest.canonicalURL, scan])
                        document = DocumentRow(id: id, currentVersion: nil, textHash: 0, titleHash: 0, versions: 0, gone: false)
                        newVersion = true
                    }
                    if newVersion {
                        let versionID = try insertVersion(db, path: entry.path, digest: digest, document: &document)
                        try makeCurrent(db, version: versionID, digest: digest, document: &document, postingInserts: &postingInserts,
                                        postingDeletes: &postingDeletes) { previous in
                            // A snapshot file may still hold the previous version; then it is still seen.
                            try Bool.fetchOne(db, sql: """
                                SELECT EXISTS (SELECT 1 FROM file WHERE versionId = ? AND state = 'ok' AND path != ?)
                                """, arguments: [previous, entry.path]) ?? false
                        }
                        documents[key] = document
                    }
                    let id = try upsertFile(db, entry, state: .ok, problem: nil, format: digest.format, document: document.id,
                                            version: document.currentVersion, known: known)
                    files[entry.path] = FileRow(id: id, size: entry.size, mtime: entry.mtime, inode: entry.inode, state: .ok,
                                                documentID: document.id, problem: nil)
                }
            }
            try Self.applyPostings(db, deletes: postingDeletes, inserts: postingInserts)
            try recordProgress(batchReport.files, db)
        }
        self.files = files
        self.documents = documents
        report = batchReport
    }

    /// A document of a shared index, created if it is not there yet, and locked until the
    /// batch commits: other scanners may have created it, or given it versions, since this
    /// writer read the table, and two files of one document (one canonical URL) may be in two
    /// shards. `created` says whether this call created it.
    static func sharedDocument(_ db: any SQLConnection, key: String, site: String, outlet: String?, canonicalURL: String?, scan: Int)
        throws -> (row: DocumentRow, created: Bool)? {
        func locked() throws -> DocumentRow? {
            // The lock first, the version after, in a statement of its own: a locking read that
            // waited for another scanner re-reads the locked row, but not what it joins, which
            // would be older than the row.
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT id, currentVersionId, gone FROM document WHERE key = ? FOR UPDATE",
                                                arguments: [key]) else { return nil }
            var document = DocumentRow(id: row[0], currentVersion: row[1], textHash: 0, titleHash: 0, versions: 0, gone: row[2])
            if let current = document.currentVersion, let version = try SQLRow.fetchOne(db, sql: """
                SELECT textHash, titleHash, (SELECT MAX(number) FROM version WHERE documentId = ?) FROM version WHERE id = ?
                """, arguments: [document.id, current]) {
                document.textHash = (version[0] as Int64).hash
                document.titleHash = (version[1] as Int64).hash
                document.versions = version[2]
            }
            return document
        }
        if let existing = try locked() { return (existing, false) }
        // Looked up first: an insert that meets the key anyway takes an id from the sequence.
        if let id = try Int64.fetchOne(db, sql: """
            INSERT INTO document(key, site, outlet, canonicalURL, firstScan) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING RETURNING id
            """, arguments: [key, site, outlet, canonicalURL, scan]) {
            return (DocumentRow(id: id, currentVersion: nil, textHash: 0, titleHash: 0, versions: 0, gone: false), true)
        }
        // Another scanner created it since the lookup, and has committed (the insert waited).
        return try locked().map { ($0, false) }
    }

    func upsertFile(_ db: any SQLConnection, _ entry: MirrorEntry, state: FileState, problem: String?, format: String?,
                            document: Int64?, version: Int64?, known: FileRow?) throws -> Int64 {
        if let known {
            try db.execute(sql: """
                UPDATE file SET size = ?, mtime = ?, inode = ?, state = ?, problem = ?, format = ?, documentId = ?,
                versionId = COALESCE(?, versionId), changedScan = ?, goneScan = NULL WHERE id = ?
                """, arguments: [entry.size, entry.mtime, entry.inode, state, problem, format, document, version, scan, known.id])
            return known.id
        }
        return try db.insert(sql: """
            INSERT INTO file(path, size, mtime, inode, state, problem, format, documentId, versionId, firstScan, changedScan)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [entry.path, entry.size, entry.mtime, entry.inode, state, problem, format, document, version, scan, scan])
    }

    /// `seenAt`: when the text was seen, if not now (a WARC capture's `WARC-Date`).
    /// Makes a version just inserted its document's current one: the previous version's
    /// postings leave the document and the new one's join it (unless postings are deferred to
    /// the end of the scan), the previous version was last seen in the scan before this one
    /// unless `stillHeld` says a file still holds it, and the document row points at the new
    /// version.
    func makeCurrent(_ db: any SQLConnection, version versionID: Int64, digest: ArticleDigest, document: inout DocumentRow,
                     postingInserts: inout [(UInt64, Int64)], postingDeletes: inout [(UInt64, Int64)],
                     stillHeld: (Int64) throws -> Bool = { _ in false }) throws {
        if let previous = document.currentVersion {
            if !postingsDeferred {
                // A version made current earlier in this batch (two snapshots of one document)
                // still has its postings pending: they are dropped, since the deletes, which
                // run before the inserts, would not remove them.
                let documentID = document.id
                if postingInserts.contains(where: { $0.1 == documentID }) { postingInserts.removeAll { $0.1 == documentID } }
                let old = try Data.fetchOne(db, sql: "SELECT postings FROM print WHERE versionId = ?", arguments: [previous])
                for hash in old.map(HashBlob.decode) ?? [] { postingDeletes.append((hash, document.id)) }
            }
            if try !stillHeld(previous) {
                try db.execute(sql: "UPDATE version SET lastScan = \(db.dialect.greatest("firstScan", "?")) WHERE id = ?", arguments: [scan - 1, previous])
            }
        }
        if !postingsDeferred { for hash in digest.postings { postingInserts.append((hash, document.id)) } }
        document.currentVersion = versionID
        document.textHash = digest.textHash
        document.titleHash = digest.titleHash
        try db.execute(sql: "UPDATE document SET currentVersionId = ?, outlet = COALESCE(?, outlet) WHERE id = ?",
            arguments: [versionID, digest.outlet, document.id])
    }

    func insertVersion(_ db: any SQLConnection, path: String, digest: ArticleDigest, document: inout DocumentRow, seenAt: Int64? = nil) throws -> Int64 {
        var classification: String?, silent = false, summary: String?
        if let previous = document.currentVersion,
           let data = try Data.fetchOne(db, sql: "SELECT json FROM article WHERE versionId = ?", arguments: [previous]),
           let old = try? ArticleStore.article(from: data, decoder: decoder) {
            let diff = VersionDiff(from: old, to: digest.article)
            classification = diff.classification.rawValue
            silent = diff.isSilentEdit
            summary = VersionSummaryText.line(for: diff)
        }
        document.versions += 1
        let versionID = try db.insert(sql: """
            INSERT INTO version(documentId, number, path, textHash, titleHash, title, outlet, agencies, created, createdText,
                createdHasTime, updated, updatedText, words, firstScan, firstSeenAt, classification, silentEdit, diffSummary)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [document.id, document.versions, path, digest.textHash.sql, digest.titleHash.sql, digest.title,
                             digest.outlet, digest.agencies.joined(separator: ","), digest.created?.instant?.secondsSince1970,
                             digest.created.map(\.text), digest.created?.hasTimeOfDay ?? true, digest.updated?.instant?.secondsSince1970, digest.updated.map(\.text),
                             digest.words, scan, seenAt ?? now, classification, silent, summary])
        try db.execute(sql: "INSERT INTO article(versionId, json) VALUES (?, ?)", arguments: [versionID, digest.storedJSON])
        try db.execute(sql: "INSERT INTO print(versionId, fingerprintVersion, paragraphHashes, postings, fingerprint) VALUES (?, ?, ?, ?, ?)",
                       arguments: [versionID, FingerprintVersion.current.description, digest.paragraphHashBlob,
                                   digest.postingBlob, digest.fingerprint])
        return versionID
    }

    /// Posting rows go in bulk (SQLite's C API, PostgreSQL's arrays): a cold scan writes
    /// millions of them, and sorted by hash they land on neighbouring B-tree pages.
    static func applyPostings(_ db: any SQLConnection, deletes: [(UInt64, Int64)], inserts: [(UInt64, Int64)]) throws {
        func sorted(_ rows: [(UInt64, Int64)]) -> [(Int64, Int64)] { rows.map { ($0.0.sql, $0.1) }.sorted { $0 < $1 } }
        if !deletes.isEmpty { try db.deletePostings(sorted(deletes)) }
        if !inserts.isEmpty { try db.insertPostings(sorted(inserts)) }
    }

    /// What this scan has counted so far, kept in its row in the same transaction as what it
    /// counts: a scan killed before its report leaves the next report to count it too.
    func recordProgress(_ files: ScanReport.Files, _ db: any SQLConnection) throws {
        let json = String(decoding: try JSONEncoder().encode(files), as: UTF8.self)
        try db.execute(sql: "UPDATE scan SET report = ? WHERE id = ?", arguments: [json, scan])
    }

    /// Records what the walk could not read (a broken or looping link, an unreadable folder, a
    /// FIFO) as bad files, in one transaction: a problem new or changed since the last scan is
    /// in this scan's bad files; one found again for the same reason is left as it is, and the
    /// report lists it as still bad.
    mutating func recordWalkProblems(_ problems: [(path: String, reason: String)], report: inout ScanReport) throws(IndexError) {
        let fresh = problems.filter { files[$0.path]?.state != .bad || files[$0.path]?.problem != $0.reason }
        guard !fresh.isEmpty else { return }
        var batchReport = report
        var rows: [(String, FileRow)] = []
        try index.write { db in
            for problem in fresh {
                let known = files[problem.path]
                // Nothing to compare on the next scan: the walk finds the problem again or not.
                let entry = MirrorEntry(path: problem.path, pathBytes: nil, size: 0, mtime: 0, inode: 0)
                let id = try upsertFile(db, entry, state: .bad, problem: problem.reason, format: nil, document: known?.documentID,
                                        version: nil, known: known)
                rows.append((problem.path, FileRow(id: id, size: 0, mtime: 0, inode: 0, state: .bad, documentID: known?.documentID,
                                                   problem: problem.reason)))
                batchReport.badFiles.append(.init(path: problem.path, reason: problem.reason))
                batchReport.files.bad += 1
            }
            try recordProgress(batchReport.files, db)
        }
        for (path, row) in rows { files[path] = row }
        report = batchReport
    }

    /// Marks every known file not seen by this walk as gone, and documents with no file left
    /// as gone; returns how many files vanished. Nothing is deleted. `soFar` is what the
    /// scan has counted so far, recorded with the gone files.
    /// A scan of one shard marks only that shard's files.
    mutating func markGone(keeping seen: Set<String>, in shard: ScanShard?, counted soFar: ScanReport.Files) throws(IndexError) -> Int {
        // Collected as a list: a filtered copy of the whole table cost more than the rest of an
        // unchanged mirror's bookkeeping.
        let vanished = files.compactMap { path, file in
            file.state != .gone && !seen.contains(path) && shard?.contains(path: path) != false ? (path, file) : nil
        }
        guard !vanished.isEmpty else { return 0 }
        let scan = self.scan
        var counted = soFar
        counted.gone = vanished.count
        try index.write { db in
            try recordProgress(counted, db)
            for (_, file) in vanished {
                try db.execute(sql: "UPDATE file SET state = 'gone', goneScan = ? WHERE id = ?", arguments: [scan, file.id])
                // The version the file held was last seen by the previous scan, unless another file still holds it.
                try db.execute(sql: """
                    UPDATE version SET lastScan = \(db.dialect.greatest("firstScan", "?")) WHERE lastScan IS NULL
                    AND id = (SELECT versionId FROM file WHERE id = ?)
                    AND NOT EXISTS (SELECT 1 FROM file f WHERE f.versionId = version.id AND f.state = 'ok')
                    """, arguments: [scan - 1, file.id])
            }
            let documentIDs = Set(vanished.compactMap(\.1.documentID))
            for document in documentIDs {
                let remaining = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM file WHERE documentId = ? AND state != 'gone'", arguments: [document]) ?? 0
                if remaining == 0 { try db.execute(sql: "UPDATE document SET gone = 1 WHERE id = ?", arguments: [document]) }
            }
        }
        for (path, _) in vanished { files[path]?.state = .gone }
        return vanished.count
    }
}

/// The parts of a URL the index needs, without Foundation's URL parsing in the hot path.
enum URLParts {
    static func host(of url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        return host.isEmpty ? nil : host.lowercased()
    }

    /// Scheme and host lower-cased, `http` taken as `https`, fragment and trailing slash dropped.
    static func normalized(_ url: String) -> String {
        var text = url.trimmingCharacters(in: .whitespaces)
        if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
        if text.lowercased().hasPrefix("http://") { text = "https://" + text.dropFirst(7) }
        if let scheme = text.range(of: "://") {
            let afterScheme = text[scheme.upperBound...]
            let hostEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? text.endIndex
            text = text[..<hostEnd].lowercased() + text[hostEnd...]
        }
        while text.hasSuffix("/") && text.filter({ $0 == "/" }).count > 3 { text.removeLast() }
        return text
    }
}
