import Foundation
import GRDB
import Wiretrace

/// Turns verified links into stories: the connected groups of documents. A group keeps the
/// smallest (oldest) story id among its members; stories absorbed by a merge point to the
/// one that absorbed them. Stories whose members changed, or that hold a document linked in
/// this scan (a new version changes its links, times and title), get their summary recomputed.
struct StoryAssigner {
    let scan: Int

    func assign(_ db: Database, linked: Set<Int64>) throws {
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM document ORDER BY id")
        var dense: [Int64: Int32] = [:]
        for (position, id) in ids.enumerated() { dense[id] = Int32(position) }
        var sets = UnionFind(count: ids.count)
        let links = try Row.fetchCursor(db, sql: "SELECT a, b FROM link")
        while let row = try links.next() {
            if let a = dense[row[0]], let b = dense[row[1]] { sets.union(a, b) }
        }
        var groups: [Int32: [Int64]] = [:]
        for (position, id) in ids.enumerated() { groups[sets.find(Int32(position)), default: []].append(id) }
        var oldStory: [Int64: Int64] = [:]
        var oldMembers: [Int64: Set<Int64>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, storyId FROM document WHERE storyId IS NOT NULL") {
            oldStory[row[0]] = row[1]
            oldMembers[row[1], default: []].insert(row[0])
        }
        var changedStories: [Int64] = []
        var assigned = Set<Int64>()
        let setStory = try db.makeStatement(sql: "UPDATE document SET storyId = ?, storyScan = ? WHERE id = ?")
        // Oldest documents first, so that new story ids follow the order documents arrived in.
        for members in groups.values.filter({ $0.count > 1 }).sorted(by: { $0[0] < $1[0] }) {
            let existing = Set(members.compactMap { oldStory[$0] })
            let story: Int64
            if let oldest = existing.min() {
                story = oldest
            } else {
                try db.cachedStatement(sql: """
                    INSERT INTO story(firstScan, updatedScan, size, outlets, evidence) VALUES (?, ?, ?, '', '{}')
                    """).execute(arguments: [scan, scan, members.count])
                story = db.lastInsertedRowID
            }
            for absorbed in existing where absorbed != story {
                try db.cachedStatement(sql: "UPDATE story SET mergedInto = ?, size = 0, updatedScan = ? WHERE id = ?").execute(arguments: [story, scan, absorbed])
            }
            assigned.insert(story)
            if Set(members) != oldMembers[story] {
                changedStories.append(story)
                for member in members where oldStory[member] != story { try setStory.execute(arguments: [story, scan, member]) }
            } else if members.contains(where: linked.contains) {
                changedStories.append(story)
            }
        }
        // Documents whose links are gone leave their story.
        for (document, story) in oldStory where !assigned.contains(story) || groups[sets.find(dense[document]!)]!.count < 2 {
            try db.cachedStatement(sql: "UPDATE document SET storyId = NULL, storyScan = ? WHERE id = ?").execute(arguments: [scan, document])
        }
        for (story, _) in oldMembers where !assigned.contains(story) {
            try db.cachedStatement(sql: "UPDATE story SET size = 0, updatedScan = ? WHERE id = ? AND mergedInto IS NULL").execute(arguments: [scan, story])
        }
        try summarize(changedStories, db)
    }

    /// What a story's row says of it, worked out from its members and links.
    struct Summary: Sendable {
        var size: Int
        var title: String?
        var source: SourceDecision
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
    func summarize(_ stories: [Int64], _ db: Database) throws {
        guard !stories.isEmpty else { return }
        let facts = try StoryFacts.membersAndLinks(ofStories: stories, db)
        let results = PendingChunk<Summary>(count: stories.count)
        DispatchQueue.concurrentPerform(iterations: stories.count) { position in
            let (members, links) = facts[stories[position]] ?? ([], [])
            results.store(Self.summary(members: members, links: links), at: position)
        }
        let update = try db.cachedStatement(sql: """
            UPDATE story SET updatedScan = ?, size = ?, title = ?, sourceDocumentId = ?, agency = ?, firstPublished = ?,
            lastPublished = ?, outlets = ?, evidence = ?, mergedInto = NULL WHERE id = ?
            """)
        for (story, summary) in zip(stories, results.take()) {
            try update.execute(arguments: [scan, summary.size, summary.title, summary.source.documentId, summary.source.likelySource.agency,
                                           summary.firstPublished, summary.lastPublished, summary.outlets.joined(separator: "\n"),
                                           summary.evidenceJSON, story])
        }
    }

    static func summary(members: [StoryFacts.Member], links: [StoryFacts.LinkFacts]) -> Summary {
        let source = SourceDecision(members: members, links: links)
        let published = members.compactMap(\.createdInstant).sorted()
        let sourceMember = members.first { $0.documentId == source.documentId }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]  // the same evidence text from run to run
        let evidence = (try? encoder.encode(source.likelySource)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
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
               v.createdHasTime, d.storyId
        FROM document d JOIN version v ON v.id = d.currentVersionId
        """

    private static func member(_ row: Row) -> Member {
        let site: String = row[3]
        let agencies: String = row[6]
        return Member(documentId: row[0], path: row[1], url: row[2], site: site, outlet: (row[4] as String?) ?? outletName(site: site),
                      title: row[5], agencies: agencies.split(separator: ",").map(String.init), createdInstant: row[7],
                      createdText: row[8], createdHasTime: row[13], firstSeenAt: row[9], storyScan: row[10], versions: row[11], gone: row[12])
    }

    private static func link(_ row: Row) -> LinkFacts {
        LinkFacts(a: row[0], b: row[1], verdict: row[2], score: row[3], aInB: row[4], bInA: row[5])
    }

    static func members(of story: Int64, _ db: Database) throws -> [Member] {
        try Row.fetchAll(db.cachedStatement(sql: memberSelect + " WHERE d.storyId = ? ORDER BY d.id"), arguments: [story]).map(member)
    }

    /// The members and the links among them of each of `stories`, members in document order
    /// and links in (a, b) order, read with one statement each.
    static func membersAndLinks(ofStories stories: [Int64], _ db: Database) throws -> [Int64: ([Member], [LinkFacts])] {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS summarizing(story INTEGER PRIMARY KEY); DELETE FROM summarizing")
        defer { try? db.execute(sql: "DROP TABLE summarizing") }
        let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO summarizing(story) VALUES (?)")
        for story in stories { try insert.execute(arguments: [story]) }
        var facts: [Int64: ([Member], [LinkFacts])] = [:]
        let members = try Row.fetchCursor(db, sql: memberSelect + " WHERE d.storyId IN (SELECT story FROM summarizing) ORDER BY d.id")
        while let row = try members.next() { facts[row[14], default: ([], [])].0.append(member(row)) }
        let links = try Row.fetchCursor(db, sql: """
            SELECT l.a, l.b, l.verdict, l.score, l.aInB, l.bInA, da.storyId FROM link l
            JOIN document da ON da.id = l.a JOIN document db ON db.id = l.b
            WHERE da.storyId IN (SELECT story FROM summarizing) AND db.storyId = da.storyId ORDER BY l.a, l.b
            """)
        while let row = try links.next() { facts[row[6], default: ([], [])].1.append(link(row)) }
        return facts
    }

    static func links(among documents: [Int64], _ db: Database) throws -> [LinkFacts] {
        guard !documents.isEmpty else { return [] }
        let list = documents.map(String.init).joined(separator: ",")
        return try Row.fetchAll(db, sql: "SELECT a, b, verdict, score, aInB, bInA FROM link WHERE a IN (\(list)) AND b IN (\(list))").map(link)
    }

    /// A readable outlet name for a mirror site: `www.reuters.com` → `reuters.com`.
    static func outletName(site: String) -> String {
        if site.isEmpty { return "(mirror root)" }
        return site.hasPrefix("www.") ? String(site.dropFirst(4)) : site
    }
}

/// The likely source of a story, decided from evidence, each piece shown: the agency most
/// members credit, a member published by that agency itself, containment direction (a
/// trimmed copy is contained in its source, not the reverse), and the earliest created time.
///
/// Order of weight: the agency's own copy; then the member that contains more of its linked
/// copies than they contain of it; then the earliest declared created time; then the member
/// the scans saw first. Declared times can be wrong (CMS defaults at local midnight), which
/// is why containment outranks them.
struct SourceDecision {
    var documentId: Int64?
    var likelySource: LikelySource

    init(members: [StoryFacts.Member], links: [StoryFacts.LinkFacts]) {
        var evidence: [String] = []
        var votes: [String: Int] = [:]
        for member in members { for agency in Set(member.agencies) { votes[agency, default: 0] += 1 } }
        let agency = votes.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        if let agency {
            let others = votes.filter { $0.key != agency }.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }
            evidence.append("\(agency) is credited for the text by \(votes[agency]!) of \(members.count) copies"
                            + (others.isEmpty ? "" : "; also credited: " + others.joined(separator: ", ")))
        } else {
            evidence.append("no copy credits an agency for the text")
        }
        var containment: [Int64: Int] = [:]
        for link in links {
            let difference = link.bInA - link.aInB
            if difference > 0.1 { containment[link.a, default: 0] += 1; containment[link.b, default: 0] -= 1 }
            if difference < -0.1 { containment[link.b, default: 0] += 1; containment[link.a, default: 0] -= 1 }
        }
        let ownCopy = agency.flatMap { agency in
            members.first { Agencies.agency(named: $0.outlet) == agency || Self.siteNames(agency, $0.site) }
        }
        let earliest = members.filter { $0.createdInstant != nil }.min { Self.sortKey($0) < Self.sortKey($1) }
        let chosen = ownCopy ?? members.min { a, b in
            let ca = containment[a.documentId, default: 0], cb = containment[b.documentId, default: 0]
            if ca != cb { return ca > cb }
            let ta = Self.sortKey(a), tb = Self.sortKey(b)
            if ta.0 != tb.0 || ta.1 != tb.1 { return (ta.0, ta.1) < (tb.0, tb.1) }
            return (a.firstSeenAt, a.documentId) < (b.firstSeenAt, b.documentId)
        }
        if let ownCopy { evidence.append("\(ownCopy.outlet) is the agency's own copy (\(ownCopy.path))") }
        if let chosen, let wins = containment[chosen.documentId], wins > 0 {
            evidence.append("\(chosen.outlet) holds more of \(wins) linked cop\(wins == 1 ? "y" : "ies") than they hold of it (containment direction)")
        }
        if let earliest {
            let when = earliest.createdText ?? Timestamp(secondsSince1970: earliest.createdInstant!).description
            evidence.append("earliest created time: \(earliest.outlet), \(when)"
                            + (earliest.documentId == chosen?.documentId ? "" : " (not the copy chosen: declared times can be wrong)"))
        } else {
            evidence.append("no copy declares a created time")
        }
        documentId = chosen?.documentId
        likelySource = LikelySource(documentId: chosen.map { Int($0.documentId) }, path: chosen?.path, outlet: chosen?.outlet,
                                    agency: agency, evidence: evidence)
    }

    /// `www.reuters.com` → `reuters`.
    static func siteLabel(_ site: String) -> String {
        let bare = site.hasPrefix("www.") ? String(site.dropFirst(4)) : site
        return bare.split(separator: ".").first.map(String.init) ?? bare
    }

    /// Whether a site's name starts with one of the agency's names of three letters or more:
    /// `www.reuters.com`, `www.ptinews.com`, `english.xinhuanet.com`, `www.app.com.pk`.
    static func siteNames(_ agency: String, _ site: String) -> Bool {
        let labels = site.lowercased().split(separator: ".").filter { $0 != "www" && $0 != "english" }
        guard let label = labels.first, let entry = Agencies.catalog.first(where: { $0.name == agency }) else { return false }
        return entry.aliases.contains { alias in alias.count >= 3 && alias.allSatisfy { $0.isASCII && $0.isLetter } && label.hasPrefix(alias) }
    }

    /// Orders members by declared publication: a date without a time of day counts as the end
    /// of that day, so that it never beats a precise time of the same day; no date comes last.
    static func sortKey(_ member: StoryFacts.Member) -> (Int64, Int64, Int64) {
        guard let instant = member.createdInstant else { return (Int64.max, member.firstSeenAt, member.documentId) }
        return (member.createdHasTime ? instant : instant + 86_399, member.firstSeenAt, member.documentId)
    }
}
