import Foundation
import Wiretrace

/// Turns verified links into stories: the connected groups of documents. A group keeps the
/// smallest (oldest) story id among its members; stories absorbed by a merge point to the
/// one that absorbed them. Stories whose members changed, or that hold a document linked in
/// this scan (a new version changes its links, times and title), get their summary recomputed.
struct StoryAssigner {
    let scan: Int

    func assign(_ db: any SQLConnection, linked: Set<Int64>) throws {
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM document ORDER BY id")
        var dense: [Int64: Int32] = [:]
        for (position, id) in ids.enumerated() { dense[id] = Int32(position) }
        var sets = UnionFind(count: ids.count)
        try db.forEachIntegerPair(sql: "SELECT a, b FROM link", arguments: []) { a, b in
            if let a = dense[a], let b = dense[b] { sets.union(a, b) }
        }
        var groups: [Int32: [Int64]] = [:]
        for (position, id) in ids.enumerated() { groups[sets.find(Int32(position)), default: []].append(id) }
        var oldStory: [Int64: Int64] = [:]
        var oldMembers: [Int64: Set<Int64>] = [:]
        for row in try SQLRow.fetchAll(db, sql: "SELECT id, storyId FROM document WHERE storyId IS NOT NULL") {
            oldStory[row[0]] = row[1]
            oldMembers[row[1], default: []].insert(row[0])
        }
        var changedStories: [Int64] = []
        var assigned = Set<Int64>()
        // Oldest documents first, so that new story ids follow the order documents arrived in.
        for members in groups.values.filter({ $0.count > 1 }).sorted(by: { $0[0] < $1[0] }) {
            let existing = Set(members.compactMap { oldStory[$0] })
            let story: Int64
            if let oldest = existing.min() {
                story = oldest
            } else {
                story = try db.insert(sql: """
                    INSERT INTO story(firstScan, updatedScan, size, outlets, evidence) VALUES (?, ?, ?, '', '{}')
                    """, arguments: [scan, scan, members.count])
            }
            for absorbed in existing where absorbed != story {
                try db.execute(sql: "UPDATE story SET mergedInto = ?, size = 0, updatedScan = ? WHERE id = ?", arguments: [story, scan, absorbed])
            }
            assigned.insert(story)
            if Set(members) != oldMembers[story] {
                changedStories.append(story)
                for member in members where oldStory[member] != story { try db.execute(sql: "UPDATE document SET storyId = ?, storyScan = ? WHERE id = ?", arguments: [story, scan, member]) }
            } else if members.contains(where: linked.contains) {
                changedStories.append(story)
            }
        }
        // Documents whose links are gone leave their story.
        for (document, story) in oldStory where !assigned.contains(story) || groups[sets.find(dense[document]!)]!.count < 2 {
            try db.execute(sql: "UPDATE document SET storyId = NULL, storyScan = ? WHERE id = ?", arguments: [scan, document])
        }
        for (story, _) in oldMembers where !assigned.contains(story) {
            try db.execute(sql: "UPDATE story SET size = 0, updatedScan = ? WHERE id = ? AND mergedInto IS NULL", arguments: [scan, story])
        }
        try summarize(changedStories, db)
    }

    /// What a story's row says of it, worked out from its members and links.
    struct Summary: Sendable {
        var size: Int
        var title: String?
        var source: Provenance
        var firstPublished: Int64?
        var lastPublished: Int64?
        var outlets: [String]
        var evidenceJSON: String
    }

    /// Recomputes the stored summaries of `stories`: size, title, outlets, times and likely
    /// source.
    ///
    /// A cold scan summarizes tens of thousands of stories: their members and links are read
    /// with one statement each for all of them, the decisions are made on all cores, and the
    /// rows are written with one cached statement.
    func summarize(_ stories: [Int64], _ db: any SQLConnection) throws {
        guard !stories.isEmpty else { return }
        let facts = try StoryFacts.membersAndLinks(ofStories: stories, db)
        let results = PendingChunk<Summary>(count: stories.count)
        DispatchQueue.concurrentPerform(iterations: stories.count) { position in
            let (members, links) = facts[stories[position]] ?? ([], [])
            results.store(Self.summary(members: members, links: links), at: position)
        }
        let update = """
            UPDATE story SET updatedScan = ?, size = ?, title = ?, sourceDocumentId = ?, agency = ?, firstPublished = ?,
            lastPublished = ?, outlets = ?, evidence = ?, mergedInto = NULL WHERE id = ?
            """
        for (story, summary) in zip(stories, results.take()) {
            try db.execute(sql: update, arguments: [scan, summary.size, summary.title, summary.source.source?.id, summary.source.agency,
                                           summary.firstPublished, summary.lastPublished, summary.outlets.joined(separator: "\n"),
                                           summary.evidenceJSON, story])
        }
    }

    static func summary(members: [StoryFacts.Member], links: [StoryFacts.LinkFacts]) -> Summary {
        let source = Provenance(candidates: members.map(\.candidate), links: links.map(\.provenanceLink))
        let published = members.compactMap(\.createdInstant).sorted()
        let sourceMember = members.first { $0.documentId == source.source?.id }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]  // the same evidence text from run to run
        let evidence = (try? encoder.encode(LikelySource(source))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return Summary(size: members.count, title: sourceMember?.title ?? members.compactMap(\.title).first, source: source,
                       firstPublished: published.first, lastPublished: published.last,
                       outlets: Array(Set(members.map(\.outlet))).sorted(), evidenceJSON: evidence)
    }
}

/// What the index knows of a story's members and links, read for summaries and reports.
enum StoryFacts {
    struct Member {
        var documentId: Int64
        var path: String
        var url: String?
        var site: String
        var outlet: String
        var title: String?
        var agencies: [String]
        var createdInstant: Int64?
        var createdText: String?
        /// Whether the created time has a time of day (a date alone only orders different days).
        var createdHasTime: Bool
        var firstSeenAt: Int64
        var storyScan: Int?
        var versions: Int
        var gone: Bool
        /// Hash of the normalized text: equal for text-identical copies.
        var textHash: Int64
    }

    /// A verified link between two documents, as the link table holds it.
    struct LinkFacts {
        var a: Int64, b: Int64
        var verdict: String
        var score: Double, aInB: Double, bInA: Double
    }

    /// The columns ``member(_:)`` reads, with the story id last.
    private static let memberSelect = """
        SELECT d.id, v.path, d.canonicalURL, d.site, COALESCE(v.outlet, d.outlet), v.title, v.agencies, v.created,
               v.createdText, (SELECT MIN(firstSeenAt) FROM version WHERE documentId = d.id), d.storyScan, v.number, d.gone,
               v.createdHasTime, d.storyId, v.textHash
        FROM document d JOIN version v ON v.id = d.currentVersionId
        """

    private static func member(_ row: SQLRow) -> Member {
        let site: String = row[3]
        let agencies: String = row[6]
        return Member(documentId: row[0], path: row[1], url: row[2], site: site, outlet: (row[4] as String?) ?? outletName(site: site),
                      title: row[5], agencies: agencies.split(separator: ",").map(String.init), createdInstant: row[7],
                      createdText: row[8], createdHasTime: row[13], firstSeenAt: row[9], storyScan: row[10], versions: row[11], gone: row[12],
                      textHash: row[15])
    }

    private static func link(_ row: SQLRow) -> LinkFacts {
        LinkFacts(a: row[0], b: row[1], verdict: row[2], score: row[3], aInB: row[4], bInA: row[5])
    }

    static func members(of story: Int64, _ db: any SQLConnection) throws -> [Member] {
        try SQLRow.fetchAll(db, sql: memberSelect + " WHERE d.storyId = ? ORDER BY d.id", arguments: [story]).map(member)
    }

    /// The members and the links among them of each of `stories`, members in document order
    /// and links in (a, b) order, read with one statement each.
    static func membersAndLinks(ofStories stories: [Int64], _ db: any SQLConnection) throws -> [Int64: ([Member], [LinkFacts])] {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS summarizing(story INTEGER PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM summarizing")
        defer { try? db.execute(sql: "DROP TABLE summarizing") }
        for story in stories { try db.execute(sql: "INSERT INTO summarizing(story) VALUES (?) ON CONFLICT DO NOTHING", arguments: [story]) }
        var facts: [Int64: ([Member], [LinkFacts])] = [:]
        try db.forEachRow(sql: memberSelect + " WHERE d.storyId IN (SELECT story FROM summarizing) ORDER BY d.id", arguments: []) { row in
            facts[row[14], default: ([], [])].0.append(member(row))
        }
        try db.forEachRow(sql: """
            SELECT l.a, l.b, l.verdict, l.score, l.aInB, l.bInA, da.storyId FROM link l
            JOIN document da ON da.id = l.a JOIN document db ON db.id = l.b
            WHERE da.storyId IN (SELECT story FROM summarizing) AND db.storyId = da.storyId ORDER BY l.a, l.b
            """, arguments: []) { row in facts[row[6], default: ([], [])].1.append(link(row)) }
        return facts
    }

    static func links(among documents: [Int64], _ db: any SQLConnection) throws -> [LinkFacts] {
        guard !documents.isEmpty else { return [] }
        let list = documents.map(String.init).joined(separator: ",")
        return try SQLRow.fetchAll(db, sql: "SELECT a, b, verdict, score, aInB, bInA FROM link WHERE a IN (\(list)) AND b IN (\(list)) ORDER BY a, b").map(link)
    }

    /// A readable outlet name for a mirror site: `www.reuters.com` → `reuters.com`.
    static func outletName(site: String) -> String {
        if site.isEmpty { return "(mirror root)" }
        return site.hasPrefix("www.") ? String(site.dropFirst(4)) : site
    }
}

extension StoryFacts.Member {
    /// The member as ``Provenance`` weighs it.
    var candidate: Provenance.Candidate {
        let created = createdInstant.map { instant in
            ArticleTime(kind: .created, text: createdText ?? "", source: "index", instant: Timestamp(secondsSince1970: instant),
                        hasTimeOfDay: createdHasTime)
        }
        return Provenance.Candidate(id: documentId, path: path, outlet: outlet, site: site, textAgencies: agencies, created: created,
                                    firstSeen: firstSeenAt, textIdentity: UInt64(bitPattern: textHash),
                                    canonicalHost: url.flatMap(URLParts.host))
    }
}

extension StoryFacts.LinkFacts {
    var provenanceLink: Provenance.Link { Provenance.Link(a: a, b: b, containmentOfAInB: aInB, containmentOfBInA: bInA) }
}

extension LikelySource {
    /// What a story row stores of its provenance decision.
    init(_ provenance: Provenance) {
        let source = provenance.source
        self.init(documentId: source.map { Int($0.id) }, path: source?.path, outlet: source?.outlet, agency: provenance.agency,
                  decision: provenance.decision, facts: provenance.evidence, evidence: provenance.sentences())
    }
}
