import Foundation
import Wiretrace

/// Links documents into stories.
///
/// 1. The documents to link are those whose current version has not been linked yet (new
///    or changed since the last scan), with the documents they were linked to when their
///    text changed.
/// 2. Their postings are looked up in the inverted index. A hash shared by too many
///    documents (more than any story has), or by most documents of one site, is learned as
///    boilerplate and is no link (``Boilerplate``).
/// 3. Two documents sharing at least ``minimumSharedPostings`` other paragraph or shingle
///    hashes, or at least ``minimumSharedSketchGrams`` grams of their resemblance sketches
///    (``Postings/sketch(of:)``: rewritten copies share few runs of words), are a candidate
///    pair. Candidates are verified by ``Wiretrace/Comparison`` on the full fingerprints
///    (with learned boilerplate paragraphs marked as such), strongest first; a pair whose
///    documents are already connected by verified links is not compared, because stories are
///    the connected groups and one path is enough. Each round compares a spanning forest of
///    the remaining candidates, in parallel.
/// 4. Stories are the connected groups of verified links; a group keeps the oldest story id
///    among its members, so story ids are stable from scan to scan.
struct StoryLinker {
    static let minimumSharedPostings = 2
    /// Two texts share about J × ``Postings/sketchSize`` sketch grams when a share J of their
    /// long grams is common: 4 of 64 is J ≈ 0.06, below what the resemblance tier calls
    /// derived (its cut-off is on the short grams, of which rewrites share more), and above
    /// what two texts of one language on one topic share by chance.
    static let minimumSharedSketchGrams = 4
    /// A pair's count packs both kinds: paragraph and shingle hashes in the low 24 bits,
    /// sketch grams (at most ``Postings/sketchSize``) above them, within an Int32.
    private static let sketchUnit: Int32 = 1 << 24
    /// Pairs of documents counted at once while finding candidates, at most (one range of
    /// documents may open more on its own): a table of 8 million pairs is about 200 MB.
    static let pairsPerPass = 8 << 20

    let index: MirrorIndex
    let scan: Int
    let workers: Int

    struct Pair: Hashable {
        var a: Int32
        var b: Int32
        var shared: Int
    }

    func run(progress: (Int, Int) -> Void) throws(IndexError) -> ScanReport.Linking {
        var stats = ScanReport.Linking()
        guard let (toLink, relinked) = try documentsToLink() else { return stats }
        stats.documents = toLink.count
        let documents = try DocumentTable(index: index)
        var linking = [Bool](repeating: false, count: documents.count)
        for id in toLink { if let position = documents.dense(id) { linking[Int(position)] = true } }
        var components = try linksThatStay(relinked: relinked, documents: documents)

        var boilerplate = try index.read { db in
            Set(try Int64.fetchAll(db, sql: "SELECT hash FROM boilerplate").map(\.hash))
        }
        let (candidates, learned) = try candidatePairs(toLink: toLink, linking: linking, documents: documents,
                                                       boilerplate: &boilerplate)
        stats.candidatePairs = candidates.count
        stats.learnedBoilerplate = learned.count

        let links = try verifyAll(candidates, documents: documents, boilerplate: boilerplate, components: &components,
                                  linkingCount: linking.count(where: { $0 }), stats: &stats, progress: progress)
        try save(links: links, learned: learned, toLink: toLink, relinked: relinked)
        return stats
    }

    /// The documents to link (new or changed since they were last linked, and the documents
    /// linked to those whose text changed), and the ones among them that had been linked
    /// before; nil when there is nothing to link.
    private func documentsToLink() throws(IndexError) -> (toLink: Set<Int64>, relinked: [Int64])? {
        let (pending, relinked): ([Int64], [Int64]) = try index.read { db in
            let rows = try SQLRow.fetchAll(db, sql: """
                SELECT id, linkedVersionId FROM document
                WHERE gone = 0 AND currentVersionId IS NOT NULL AND linkedVersionId IS DISTINCT FROM currentVersionId
                """)
            return (rows.map { $0[0] }, rows.compactMap { row -> Int64? in (row[1] as Int64?) == nil ? nil : row[0] })
        }
        guard !pending.isEmpty else { return nil }
        var toLink = Set(pending)
        let neighbours: [Int64] = try index.read { db in
            guard !relinked.isEmpty else { return [] }
            let list = relinked.map(String.init).joined(separator: ",")
            return try Int64.fetchAll(db, sql: "SELECT b FROM link WHERE a IN (\(list)) UNION SELECT a FROM link WHERE b IN (\(list))")
        }
        toLink.formUnion(neighbours)
        return (toLink, relinked)
    }

    /// Every document of the index under a dense id (its position), with its site.
    struct DocumentTable {
        let rows: [(id: Int64, site: String, gone: Bool)]
        /// Per document id, its dense id, -1 for none. Document ids are row ids, never
        /// deleted, so an array indexed by id maps them.
        private let denseOf: [Int32]
        /// Per dense id, its site's number; per site number, its name and its documents.
        let siteOf: [Int32]
        let siteNames: [String]
        let siteSizes: [Int32]

        init(index: MirrorIndex) throws(IndexError) {
            rows = try index.read { db in
                try SQLRow.fetchAll(db, sql: "SELECT id, site, gone FROM document ORDER BY id").map { ($0[0], $0[1], $0[2]) }
            }
            var denseOf = [Int32](repeating: -1, count: Int(rows.last?.id ?? 0) + 1)
            var siteOf: [Int32] = [], siteNames: [String] = [], siteSizes: [Int32] = []
            var siteIDs: [String: Int32] = [:]
            for (position, document) in rows.enumerated() {
                denseOf[Int(document.id)] = Int32(position)
                let site = siteIDs[document.site] ?? {
                    let id = Int32(siteIDs.count)
                    siteIDs[document.site] = id
                    siteNames.append(document.site)
                    siteSizes.append(0)
                    return id
                }()
                siteOf.append(site)
                siteSizes[Int(site)] += 1
            }
            (self.denseOf, self.siteOf, self.siteNames, self.siteSizes) = (denseOf, siteOf, siteNames, siteSizes)
        }

        var count: Int { rows.count }

        func dense(_ id: Int64) -> Int32? {
            guard id >= 0 && id < denseOf.count, denseOf[Int(id)] >= 0 else { return nil }
            return denseOf[Int(id)]
        }
    }

    /// The components of the links that stay: all but those of documents whose text changed.
    private func linksThatStay(relinked: [Int64], documents: DocumentTable) throws(IndexError) -> UnionFind {
        let relinkedSet = Set(relinked)
        let existing: [(Int64, Int64)] = try index.read { db in
            try SQLRow.fetchAll(db, sql: "SELECT a, b FROM link").map { ($0[0], $0[1]) }
        }
        var components = UnionFind(count: documents.count)
        for (a, b) in existing where !relinkedSet.contains(a) && !relinkedSet.contains(b) {
            if let a = documents.dense(a), let b = documents.dense(b) { components.union(a, b) }
        }
        return components
    }

    /// Pairs of documents, one of them to link, that share at least ``minimumSharedPostings``
    /// hashes that are not boilerplate, strongest first; hashes learned as boilerplate on the
    /// way are added to `boilerplate` and returned with their holders and reason.
    private func candidatePairs(toLink: Set<Int64>, linking: [Bool], documents: DocumentTable, boilerplate: inout Set<UInt64>)
        throws(IndexError) -> (candidates: [Pair], learned: [(UInt64, Int, String)]) {
        // When most documents are to be linked (a cold scan), the whole posting table is read
        // and a hash is kept when one of its holders is to be linked (and not gone).
        let everything = toLink.count * 5 > documents.count
        let (postingHashes, postingHolders) = try postings(of: toLink, everything: everything, documents: documents)
        var wantedHolder = linking
        for (position, document) in documents.rows.enumerated() where document.gone { wantedHolder[position] = false }

        let rules = Boilerplate(documents: documents.count)
        var learned: [(UInt64, Int, String)] = []
        // The hashes that link, as ranges of the posting arrays (start, end, sketch or not),
        // and for each document the pairs it opens as the lower of two holders (at most).
        var linkingGroups: [(start: Int, end: Int, unit: Int32)] = []
        var pairsOpened = [Int](repeating: 0, count: documents.count)
        var siteCounts = [Int32](repeating: 0, count: documents.siteSizes.count)
        var sitesSeen: [Int32] = []
        var start = 0
        while start < postingHashes.count {
            var end = start + 1
            while end < postingHashes.count && postingHashes[end] == postingHashes[start] { end += 1 }
            defer { start = end }
            let hash = postingHashes[start].hash
            let holders = postingHolders[start..<end]
            guard holders.count > 1, !boilerplate.contains(hash) else { continue }
            if everything && !holders.contains(where: { wantedHolder[Int($0)] }) { continue }
            // Neither rule can call fewer holders than that boilerplate.
            if holders.count >= Boilerplate.siteMinimumHolders {
                for holder in holders {
                    let site = documents.siteOf[Int(holder)]
                    if siteCounts[Int(site)] == 0 { sitesSeen.append(site) }
                    siteCounts[Int(site)] += 1
                }
                let reason = rules.reason(holders: holders.count, siteCounts: sitesSeen.map { ($0, siteCounts[Int($0)]) },
                                          siteSizes: documents.siteSizes, siteName: { documents.siteNames[Int($0)] })
                for site in sitesSeen { siteCounts[Int(site)] = 0 }
                sitesSeen.removeAll(keepingCapacity: true)
                if let reason {
                    boilerplate.insert(hash)
                    learned.append((hash, holders.count, reason))
                    continue
                }
            }
            let unit: Int32 = Postings.isSketch(UInt64(bitPattern: postingHashes[start])) ? Self.sketchUnit : 1
            linkingGroups.append((start, end, unit))
            for i in holders.indices { pairsOpened[Int(holders[i])] += end - i - 1 }
        }
        // Pairs are counted for one range of lower holders at a time, each range opening at
        // most ``pairsPerPass`` of them: a cold scan of 100,000 generated articles opened
        // hundreds of millions, and one table of them all took 9.8 GB.
        var candidates: [Pair] = []
        for pass in Self.passes(pairsOpened: pairsOpened, limit: Self.pairsPerPass) {
            let lower = Int32(pass.lowerBound), upper = Int32(pass.upperBound)
            var pairCounts = PairCounts()
            for group in linkingGroups {
                for i in group.start..<group.end {
                    let a = postingHolders[i]
                    guard a >= lower && a < upper else { continue }
                    for j in (i + 1)..<group.end where linking[Int(a)] || linking[Int(postingHolders[j])] {
                        pairCounts.increment(a, postingHolders[j], by: group.unit)
                    }
                }
            }
            // Pairs learned as boilerplate after they were counted lose those counts only in
            // later scans; the comparison, which sees the learned boilerplate, has the last word.
            pairCounts.forEach { a, b, count in
                let shared = Int(count % Self.sketchUnit), sketch = Int(count / Self.sketchUnit)
                if shared >= Self.minimumSharedPostings || sketch >= Self.minimumSharedSketchGrams {
                    // Strongest first: a shared paragraph or shingle weighs more than a shared gram.
                    candidates.append(Pair(a: a, b: b, shared: shared * Postings.sketchSize + sketch))
                }
            }
        }
        candidates.sort { ($0.shared, $1.a, $1.b) > ($1.shared, $0.a, $0.b) }
        return (candidates, learned)
    }

    /// Consecutive ranges of documents (by dense id) whose pairs are counted together: each
    /// opens at most `limit` pairs, but for a single document that opens more; ranges that
    /// open none are left out.
    static func passes(pairsOpened: [Int], limit: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var lower = 0
        while lower < pairsOpened.count {
            var upper = lower, opened = 0
            while upper < pairsOpened.count && (upper == lower || opened + pairsOpened[upper] <= limit) {
                opened += pairsOpened[upper]
                upper += 1
            }
            if opened > 0 { ranges.append(lower..<upper) }
            lower = upper
        }
        return ranges
    }

    /// Every document holding a hash that a document to link holds, grouped by hash in the
    /// order of the posting table's key. With `everything`, the whole table (it holds exactly
    /// the current versions' postings); otherwise the hashes of the documents to link are
    /// looked up one by one, in order, on the table's key. (Not through a temporary table of
    /// them: this runs in a read transaction, where SQLite refuses to create one.)
    private func postings(of toLink: Set<Int64>, everything: Bool, documents: DocumentTable)
        throws(IndexError) -> (hashes: [Int64], holders: [Int32]) {
        var postingHashes: [Int64] = [], postingHolders: [Int32] = []
        try index.read { db in
            // Millions of rows in a cold scan: read as integer pairs rather than as rows.
            func read(_ sql: String, _ arguments: SQLArguments) throws {
                try db.forEachIntegerPair(sql: sql, arguments: arguments) { hash, document in
                    guard let holder = documents.dense(document) else { return }
                    postingHashes.append(hash)
                    postingHolders.append(holder)
                }
            }
            guard !everything else { return try read("SELECT hash, documentId FROM posting ORDER BY hash, documentId", []) }
            var hashes: [Int64] = []
            for document in toLink {
                for blob in try Data.fetchAll(db, sql: """
                    SELECT p.postings FROM document d JOIN print p ON p.versionId = d.currentVersionId WHERE d.id = ? AND d.gone = 0
                    """, arguments: [document]) { hashes += HashBlob.decode(blob).map(\.sql) }
            }
            hashes.sort()
            for (position, hash) in hashes.enumerated() where position == 0 || hashes[position - 1] != hash {
                try read("SELECT hash, documentId FROM posting WHERE hash = ? ORDER BY documentId", [hash])
            }
        }
        return (postingHashes, postingHolders)
    }

    /// Verifies the candidates in groups of candidates that touch each other, so that each
    /// document is fingerprinted about once, and returns the links that share a source.
    private func verifyAll(_ candidates: [Pair], documents: DocumentTable, boilerplate: Set<UInt64>, components: inout UnionFind,
                           linkingCount: Int, stats: inout ScanReport.Linking, progress: (Int, Int) -> Void)
        throws(IndexError) -> [StoryFacts.LinkFacts] {
        var links: [StoryFacts.LinkFacts] = []
        let prints = FingerprintLoader(index: index, documents: documents.rows.map(\.id), boilerplate: boilerplate)
        var verifiedDocuments = 0
        var slice: [Pair] = []
        var sliceDocuments = Set<Int32>()
        func flush() throws(IndexError) {
            guard !slice.isEmpty else { return }
            let (verified, rejected) = try verify(slice, components: &components, prints: prints)
            links += verified.map { pair, comparison in
                StoryFacts.LinkFacts(a: documents.rows[Int(pair.a)].id, b: documents.rows[Int(pair.b)].id,
                                     verdict: comparison.verdict.rawValue, score: comparison.score,
                                     aInB: comparison.containmentOfAInB, bInA: comparison.containmentOfBInA)
            }
            stats.verifiedPairs += verified.count
            stats.rejectedPairs += rejected
            verifiedDocuments += sliceDocuments.count
            progress(verifiedDocuments, linkingCount)
            slice = []
            sliceDocuments = []
        }
        for group in Self.groups(of: candidates, count: documents.count) {
            slice += group
            for pair in group { sliceDocuments.insert(pair.a); sliceDocuments.insert(pair.b) }
            if sliceDocuments.count >= 2000 { try flush() }
        }
        try flush()
        return links
    }

    /// Writes links, learned boilerplate, linked marks and stories in one transaction.
    private func save(links: [StoryFacts.LinkFacts], learned: [(UInt64, Int, String)], toLink: Set<Int64>, relinked: [Int64])
        throws(IndexError) {
        let scan = self.scan
        try index.write { db in
            if !relinked.isEmpty {
                let list = relinked.map(String.init).joined(separator: ",")
                try db.execute(sql: "DELETE FROM link WHERE a IN (\(list)) OR b IN (\(list))")
            }
            let insertLink = """
                INSERT INTO link(a, b, verdict, score, aInB, bInA, scan) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (a, b) DO UPDATE SET verdict = excluded.verdict, score = excluded.score, aInB = excluded.aInB,
                    bInA = excluded.bInA, scan = excluded.scan
                """
            for link in links {
                let (a, b, aInB, bInA) = link.a < link.b ? (link.a, link.b, link.aInB, link.bInA) : (link.b, link.a, link.bInA, link.aInB)
                try db.execute(sql: insertLink, arguments: [a, b, link.verdict, link.score, aInB, bInA, scan])
            }
            for (hash, holders, reason) in learned {
                try db.execute(sql: "INSERT INTO boilerplate(hash, documents, reason, scan) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                               arguments: [hash.sql, holders, reason, scan])
            }
            for document in toLink {
                try db.execute(sql: "UPDATE document SET linkedVersionId = currentVersionId WHERE id = ?", arguments: [document])
            }
            try StoryAssigner(scan: scan).assign(db, linked: toLink)
        }
    }

    /// Candidate pairs split into connected groups, strongest pairs first inside each group.
    static func groups(of candidates: [Pair], count: Int) -> [[Pair]] {
        var sets = UnionFind(count: count)
        for pair in candidates { sets.union(pair.a, pair.b) }
        var byRoot: [Int32: [Pair]] = [:]
        for pair in candidates { byRoot[sets.find(pair.a), default: []].append(pair) }
        return byRoot.values.sorted { ($0[0].a, $0[0].b) < ($1[0].a, $1[0].b) }
    }

    /// Verifies candidate pairs in rounds: each round takes the pairs that would join
    /// separate components (a spanning forest), compares them in parallel, and joins the
    /// components of those that share a source.
    private func verify(_ pairs: [Pair], components: inout UnionFind, prints: FingerprintLoader)
        throws(IndexError) -> (verified: [(Pair, Comparison)], rejected: Int) {
        var pending = pairs
        var verified: [(Pair, Comparison)] = []
        var rejected = 0
        var cache: [Int32: Fingerprint] = [:]
        while !pending.isEmpty {
            var tentative = components
            var round: [Pair] = [], rest: [Pair] = []
            for pair in pending where components.find(pair.a) != components.find(pair.b) {
                if tentative.union(pair.a, pair.b) { round.append(pair) } else { rest.append(pair) }
            }
            guard !round.isEmpty else { break }
            let needed = Set(round.flatMap { [$0.a, $0.b] }).filter { cache[$0] == nil }
            for (document, print) in try prints.fingerprints(of: Array(needed), workers: workers) { cache[document] = print }
            let results = PendingChunk<Comparison?>(count: round.count)
            let snapshot = cache, comparing = round
            DispatchQueue.concurrentPerform(iterations: round.count) { position in
                let pair = comparing[position]
                guard let a = snapshot[pair.a], let b = snapshot[pair.b] else { results.store(nil, at: position); return }
                results.store(Comparison(a, b), at: position)
            }
            for (pair, comparison) in zip(round, results.take()) {
                if let comparison, comparison.verdict.sharesSource {
                    components.union(pair.a, pair.b)
                    verified.append((pair, comparison))
                } else {
                    rejected += 1
                }
            }
            pending = rest
        }
        return (verified, rejected)
    }
}

/// Restores the current fingerprint of documents from the index, with the paragraphs whose
/// hash was learned as boilerplate marked as boilerplate. Versions stored before the index
/// kept fingerprints (schema v1) are fingerprinted again from their article.
struct FingerprintLoader {
    let index: MirrorIndex
    let documents: [Int64]
    let boilerplate: Set<UInt64>

    func fingerprints(of dense: [Int32], workers: Int) throws(IndexError) -> [(Int32, Fingerprint)] {
        var rows: [(Int32, Data?, Data?, Data)] = []
        rows.reserveCapacity(dense.count)
        for start in stride(from: 0, to: dense.count, by: 500) {
            let slice = dense[start..<min(start + 500, dense.count)]
            let byID = Dictionary(uniqueKeysWithValues: slice.map { (documents[Int($0)], $0) })
            let list = byID.keys.map(String.init).joined(separator: ",")
            rows += try index.read { db in
                try SQLRow.fetchAll(db, sql: """
                    SELECT d.id, p.fingerprint, CASE WHEN p.fingerprint IS NULL THEN a.json END, p.paragraphHashes FROM document d
                    JOIN article a ON a.versionId = d.currentVersionId JOIN print p ON p.versionId = d.currentVersionId
                    WHERE d.id IN (\(list))
                    """).map { (byID[$0[0]]!, $0[1], $0[2], $0[3]) }
            }
        }
        let results = PendingChunk<Fingerprint?>(count: rows.count)
        let boilerplate = self.boilerplate, loaded = rows
        DispatchQueue.concurrentPerform(iterations: rows.count) { position in
            let (_, stored, json, paragraphHashes) = loaded[position]
            if let stored {
                var bytes = [UInt8](stored)
                if Boilerplate.mark(stored: &bytes, boilerplate: boilerplate), let print = try? Fingerprint(serialized: bytes) {
                    results.store(print, at: position)
                    return
                }
            }
            let article: Article?
            if let json { article = try? ArticleStore.article(from: json) } else {
                article = try? index.read { db in
                    try Data.fetchOne(db, sql: "SELECT json FROM article a JOIN document d ON a.versionId = d.currentVersionId WHERE d.id = ?",
                                      arguments: [documents[Int(loaded[position].0)]]).flatMap { try ArticleStore.article(from: $0) }
                }
            }
            guard var article else { results.store(nil, at: position); return }
            Boilerplate.mark(&article, paragraphHashes: HashBlob.decode(paragraphHashes), boilerplate: boilerplate)
            results.store(Fingerprint(of: article), at: position)
        }
        return zip(rows, results.take()).compactMap { row, print in print.map { (row.0, $0) } }
    }
}
