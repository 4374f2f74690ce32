import Foundation
import Wiretrace

/// Fingerprints every stored version again when this build's ``Wiretrace/FingerprintVersion``
/// differs from the one the index was built under, or its ``Postings/version`` does: hashes
/// made under different rules are never compared, and postings made under other rules would
/// miss candidates. Starts from the stored articles, so no file needs to be read; then drops
/// the derived links and boilerplate so that linking runs again over the new postings.
struct Refingerprinter {
    let index: MirrorIndex
    let workers: Int

    /// The meta key holding the ``Postings/version`` the postings were made under; an index
    /// written before postings had versions has none, and is fingerprinted again.
    static let postingsVersionKey = "postingsVersion"

    /// Returns the number of versions fingerprinted again (0 when the index is current).
    func runIfNeeded() throws(IndexError) -> Int {
        let current = FingerprintVersion.current.description, postings = String(Postings.version)
        let (stored, storedPostings) = try index.read { db in
            (try index.meta("fingerprintVersion", db), try index.meta(Self.postingsVersionKey, db))
        }
        if stored == current && storedPostings == postings { return 0 }
        let versionCount = try index.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM version") ?? 0 }
        if stored == nil || versionCount == 0 {
            try index.write { db in
                try index.setMeta("fingerprintVersion", current, db)
                try index.setMeta(Self.postingsVersionKey, postings, db)
            }
            return 0
        }
        let ids = try index.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM version ORDER BY id") }
        let decoderless = ids
        var done = 0
        for start in stride(from: 0, to: decoderless.count, by: 1000) {
            let slice = Array(decoderless[start..<min(start + 1000, decoderless.count)])
            let rows: [(Int64, Data)] = try index.read { db in
                try SQLRow.fetchAll(db, sql: "SELECT versionId, json FROM article WHERE versionId IN (\(slice.map(String.init).joined(separator: ",")))")
                    .map { ($0[0], $0[1]) }
            }
            let prints = PendingChunk<(Int64, [UInt64], [UInt64], UInt64, UInt64, Data)?>(count: rows.count)
            DispatchQueue.concurrentPerform(iterations: rows.count) { index in
                let decoder = JSONDecoder()
                guard let article = try? ArticleStore.article(from: rows[index].1, decoder: decoder) else { prints.store(nil, at: index); return }
                let print = Fingerprint(of: article)
                let paragraphHashes = print.paragraphs.map { $0.status == .counted ? $0.hash : 0 }
                let textHash = print.paragraphs.filter { $0.status == .counted }.map(\.hash).withUnsafeBytes { XXH3.hash64($0) }
                prints.store((rows[index].0, paragraphHashes, Postings.of(print), textHash, print.titleHash ?? 0, Data(print.serialized())), at: index)
            }
            let results = prints.take()
            try index.write { db in
                for case let (id, paragraphHashes, postings, textHash, titleHash, stored)? in results {
                    try db.execute(sql: """
                        UPDATE print SET fingerprintVersion = ?, paragraphHashes = ?, postings = ?, fingerprint = ? WHERE versionId = ?
                        """, arguments: [current, HashBlob.encode(paragraphHashes), HashBlob.encode(postings), stored, id])
                    try db.execute(sql: "UPDATE version SET textHash = ?, titleHash = ? WHERE id = ?", arguments: [textHash.sql, titleHash.sql, id])
                }
            }
            done += results.count
        }
        try index.write { db in
            // One statement each: PostgreSQL runs one statement per call.
            try db.execute(sql: "DELETE FROM link")
            try db.execute(sql: "DELETE FROM boilerplate")
            try db.execute(sql: "UPDATE document SET linkedVersionId = NULL")
            try IndexWriter.rebuildPostings(db)
            try index.setMeta("fingerprintVersion", current, db)
            try index.setMeta(Self.postingsVersionKey, postings, db)
        }
        return done
    }
}
