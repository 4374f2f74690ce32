import Foundation
import Wiretrace

/// Filters for ``MirrorIndex/stories(_:)``.
public struct StoryFilter: Sendable {
    /// Which time of a copy `since` and `until` bound.
    public enum TimeBasis: String, Sendable, CaseIterable {
        /// When the copy was published: its declared created time; when it declares none, its
        /// declared update (it was out by then), else when it was first seen.
        case published
        /// When the scan first saw the copy.
        case seen

        /// The SQL expression of this time for the version table aliased `version`.
        func sql(_ version: String) -> String {
            switch self {
            case .published: "COALESCE(\(version).created, \(version).updated, \(version).firstSeenAt)"
            case .seen: "\(version).firstSeenAt"
            }
        }
    }

    /// Only stories with a member from this outlet or site (case-insensitive substring).
    public var outlet: String?
    /// Only stories whose likely source credits this agency.
    public var agency: String?
    /// Only stories with a copy published (or seen, by `basis`) at or after this instant...
    public var since: Timestamp?
    /// ... and at or before this one.
    public var until: Timestamp?
    public var basis: TimeBasis
    /// Only stories seen new or changed after this scan.
    public var afterScan: Int?
    public var limit: Int

    public init(outlet: String? = nil, agency: String? = nil, since: Timestamp? = nil, until: Timestamp? = nil,
                basis: TimeBasis = .published, afterScan: Int? = nil, limit: Int = 50) {
        self.outlet = outlet
        self.agency = agency
        self.since = since
        self.until = until
        self.basis = basis
        self.afterScan = afterScan
        self.limit = limit
    }

    /// The SQL conditions on `story s` and their arguments.
    fileprivate func conditions(_ dialect: SQLDialect) -> (sql: String, arguments: SQLArguments) {
        var conditions = ["s.size > 1", "s.mergedInto IS NULL"]
        var arguments: SQLArguments = []
        if let agency {
            conditions.append("lower(s.agency) = lower(?)")
            arguments.append(Agencies.agency(named: agency) ?? agency)
        }
        if let outlet {
            conditions.append("s.outlets \(dialect.caseInsensitiveLike) ?")
            arguments.append("%\(outlet)%")
        }
        if since != nil || until != nil {
            conditions.append("EXISTS (SELECT 1 FROM document d JOIN version v ON v.documentId = d.id WHERE d.storyId = s.id AND \(basis.sql("v")) BETWEEN ? AND ?)")
            arguments.append(since?.secondsSince1970 ?? Int64.min)
            arguments.append(until?.secondsSince1970 ?? Int64.max)
        }
        if let afterScan {
            conditions.append("s.updatedScan > ?")
            arguments.append(afterScan)
        }
        return (conditions.map { "(\($0))" }.joined(separator: " AND "), arguments)
    }
}

/// A story with the verified links between its members.
public struct StoryDetail: Sendable, Codable {
    public struct Link: Sendable, Codable, Hashable {
        public var a: Int
        public var b: Int
        public var verdict: String
        public var score: Double
        public var aInB: Double
        public var bInA: Double
    }

    public var story: StorySummary
    public var links: [Link]
    /// What each copy shares with the likely source (with the first candidate when the source
    /// is undecided): nil unless asked for.
    public var passages: [CopyPassages]?
}

/// What one copy of a story shares with the document it is compared with: the verdict of
/// `Comparison` and its evidence, the matched paragraphs and the longest shared runs.
public struct CopyPassages: Sendable, Codable {
    public var documentId: Int
    public var path: String
    public var outlet: String
    /// The likely source, or the first candidate an undecided source leaves.
    public var comparedWith: Int
    public var verdict: Comparison.Verdict
    public var score: Double
    /// Share of the compared document's text found in the copy, and of the copy's in it.
    public var comparedInCopy: Double
    public var copyInCompared: Double
    public var longestSharedRun: Int
    /// Compared document's side is `a`, the copy's `b`.
    public var matches: [SharedPassages.MatchedParagraphs]
    public var sharedRuns: [SharedPassages.Run]
    /// Whether the verdict rests on more than matched paragraphs, so the runs show the sharing.
    public var sharedRunsAreEvidence: Bool
}

/// Every version of one document.
public struct DocumentHistory: Sendable, Codable {
    public var documentId: Int
    public var key: String
    public var url: String?
    public var site: String
    /// Mirror paths that held this document, in the order first seen.
    public var paths: [String]
    public var storyId: Int?
    public var gone: Bool
    public var versions: [VersionSummary]
}

extension MirrorIndex {
    /// The latest stories (most recently changed first) that pass `filter`, at most its limit.
    public func stories(_ filter: StoryFilter = StoryFilter()) throws(IndexError) -> [StorySummary] {
        try read { db in
            let (conditions, arguments) = filter.conditions(db.dialect)
            let ids = try Int64.fetchAll(db, sql: """
                SELECT s.id FROM story s WHERE \(conditions)
                ORDER BY s.updatedScan DESC, COALESCE(s.lastPublished, 0) DESC, s.id DESC LIMIT ?
                """, arguments: arguments + [filter.limit])
            return try ids.compactMap { try Self.summary(of: $0, since: filter.afterScan ?? Int.max, db) }
        }
    }

    /// The report a finished scan stored: scan `number`, or the latest finished one. `nil`
    /// when there is no such finished scan; an error when the report was written by a build
    /// whose report this one cannot read.
    public func report(ofScan number: Int? = nil) throws(IndexError) -> ScanReport? {
        let stored: String? = try read { db in
            if let number {
                return try String.fetchOne(db, sql: "SELECT report FROM scan WHERE id = ? AND status = 'finished'", arguments: [number])
            }
            return try String.fetchOne(db, sql: "SELECT report FROM scan WHERE status = 'finished' ORDER BY id DESC LIMIT 1")
        }
        guard let stored else { return nil }
        do {
            return try JSONDecoder().decode(ScanReport.self, from: Data(stored.utf8))
        } catch {
            throw IndexError(path: path, reason: .database("the report of scan \(number.map(String.init) ?? "last") was written by another build and cannot be read: \(error)"))
        }
    }

    /// How many stories pass `filter`, whatever its limit.
    public func storyCount(_ filter: StoryFilter = StoryFilter()) throws(IndexError) -> Int {
        try read { db in
            let (conditions, arguments) = filter.conditions(db.dialect)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM story s WHERE \(conditions)", arguments: arguments) ?? 0
        }
    }

    /// One story, by id (an id absorbed by a merge leads to the story that absorbed it), with
    /// what each copy shares with the source when `passages` is set.
    public func story(id: Int, passages: Bool = false) throws(IndexError) -> StoryDetail? {
        guard var detail = try storyWithLinks(id: id) else { return nil }
        if passages { detail.passages = try self.passages(of: detail.story) }
        return detail
    }

    /// What each copy of `story` shares with its likely source (with the first candidate
    /// when the source is undecided), at most `limit` copies in timeline order.
    public func passages(of story: StorySummary, limit: Int = .max) throws(IndexError) -> [CopyPassages] {
        guard let reference = story.likelySource.documentId ?? story.likelySource.undecidedBetween.first else { return [] }
        let copies = story.timeline.filter { $0.documentId != reference }.prefix(limit)
        let articles = try articlesForComparison(documents: [reference] + copies.map(\.documentId))
        guard let source = articles[reference] else { return [] }
        let sourcePrint = Fingerprint(of: source)
        return copies.compactMap { copy in
            guard let article = articles[copy.documentId] else { return nil }
            let print = Fingerprint(of: article)
            let shared = SharedPassages(source, sourcePrint, article, print, comparison: Comparison(sourcePrint, print))
            let comparison = shared.comparison
            return CopyPassages(documentId: copy.documentId, path: copy.path, outlet: copy.outlet, comparedWith: reference,
                                verdict: comparison.verdict, score: Self.rounded(comparison.score),
                                comparedInCopy: Self.rounded(comparison.containmentOfAInB),
                                copyInCompared: Self.rounded(comparison.containmentOfBInA), longestSharedRun: comparison.longestSharedRun,
                                matches: shared.matches, sharedRuns: shared.runs, sharedRunsAreEvidence: shared.runsAreEvidence)
        }
    }

    private func storyWithLinks(id: Int) throws(IndexError) -> StoryDetail? {
        try read { db in
            var id = Int64(id)
            var hops = 0
            while let merged = try Int64.fetchOne(db, sql: "SELECT mergedInto FROM story WHERE id = ?", arguments: [id]), hops < 100 {
                id = merged
                hops += 1
            }
            guard let summary = try Self.summary(of: id, since: Int.max, db) else { return nil }
            let links = try StoryFacts.links(among: summary.timeline.map { Int64($0.documentId) }, db).map {
                StoryDetail.Link(a: Int($0.a), b: Int($0.b), verdict: $0.verdict, score: Self.rounded($0.score),
                                 aInB: Self.rounded($0.aInB), bInA: Self.rounded($0.bInA))
            }
            return StoryDetail(story: summary, links: links, passages: nil)
        }
    }

    /// The versions of the document at a mirror path (relative to the mirror, or absolute
    /// inside it) or with a canonical URL.
    public func history(of pathOrURL: String, mirror: String? = nil) throws(IndexError) -> DocumentHistory? {
        try read { db in
            var candidates = [pathOrURL]
            if let mirror {
                let root = URL(fileURLWithPath: mirror).standardizedFileURL.path
                let full = URL(fileURLWithPath: pathOrURL).standardizedFileURL.path
                if full.hasPrefix(root + "/") { candidates.append(String(full.dropFirst(root.count + 1))) }
            }
            var document: Int64?
            for candidate in candidates where document == nil {
                document = try Int64.fetchOne(db, sql: "SELECT documentId FROM file WHERE path = ?", arguments: [candidate])
            }
            if document == nil {
                document = try Int64.fetchOne(db, sql: "SELECT id FROM document WHERE key = ? OR canonicalURL = ? ORDER BY id LIMIT 1",
                                              arguments: ["url:" + URLParts.normalized(pathOrURL), pathOrURL])
            }
            guard let document, let row = try SQLRow.fetchOne(db, sql: "SELECT key, canonicalURL, site, storyId, gone FROM document WHERE id = ?",
                                                            arguments: [document]) else { return nil }
            let paths = try String.fetchAll(db, sql: "SELECT path FROM file WHERE documentId = ? ORDER BY firstScan, path", arguments: [document])
            let versions = try Self.versions(sql: "v.documentId = ? ORDER BY v.number", arguments: [document], db)
            return DocumentHistory(documentId: Int(document), key: row[0], url: row[1], site: row[2], paths: paths, storyId: row[3],
                                   gone: row[4], versions: versions)
        }
    }

    /// The article of a version, as it was read.
    public func article(ofVersion version: Int) throws(IndexError) -> Article? {
        try read { db in
            guard let data = try Data.fetchOne(db, sql: "SELECT json FROM article WHERE versionId = ?", arguments: [version]) else { return nil }
            return try ArticleStore.article(from: data)
        }
    }

    /// The current article of a document.
    public func currentArticle(ofDocument document: Int) throws(IndexError) -> Article? {
        let version = try read { db in
            try Int.fetchOne(db, sql: "SELECT currentVersionId FROM document WHERE id = ?", arguments: [document])
        }
        return try version.flatMap { version throws(IndexError) in try article(ofVersion: version) }
    }

    /// The current articles of documents, with the paragraphs whose hash the index learned as
    /// boilerplate marked as boilerplate: what the scan compared.
    public func articlesForComparison(documents: [Int]) throws(IndexError) -> [Int: Article] {
        try read { db in
            let boilerplate = Set(try Int64.fetchAll(db, sql: "SELECT hash FROM boilerplate").map(\.hash))
            var articles: [Int: Article] = [:]
            for document in documents {
                guard let row = try SQLRow.fetchOne(db, sql: """
                    SELECT a.json, p.paragraphHashes FROM document d JOIN article a ON a.versionId = d.currentVersionId
                    JOIN print p ON p.versionId = d.currentVersionId WHERE d.id = ?
                    """, arguments: [document]) else { continue }
                var article = try ArticleStore.article(from: row[0] as Data)
                Boilerplate.mark(&article, paragraphHashes: HashBlob.decode(row[1]), boilerplate: boilerplate)
                articles[document] = article
            }
            return articles
        }
    }

    /// The version before `version` of the same document, if any.
    public func previousVersion(of version: Int) throws(IndexError) -> Int? {
        try read { db in
            try Int.fetchOne(db, sql: """
                SELECT p.id FROM version v JOIN version p ON p.documentId = v.documentId AND p.number = v.number - 1 WHERE v.id = ?
                """, arguments: [version])
        }
    }

    /// How much the index holds.
    public struct Counts: Sendable, Hashable, Codable {
        public var files = 0, goneFiles = 0, badFiles = 0, documents = 0, versions = 0, stories = 0, storyMembers = 0
        public var links = 0, postings = 0, boilerplate = 0, finishedScans = 0
        public init() {}
        init(files: Int, goneFiles: Int, badFiles: Int, documents: Int, versions: Int, stories: Int, storyMembers: Int,
             links: Int, postings: Int, boilerplate: Int, finishedScans: Int) {
            (self.files, self.goneFiles, self.badFiles, self.documents, self.versions, self.stories) = (files, goneFiles, badFiles, documents, versions, stories)
            (self.storyMembers, self.links, self.postings, self.boilerplate, self.finishedScans) = (storyMembers, links, postings, boilerplate, finishedScans)
        }
    }

    /// How many files, documents, versions, stories and postings the index holds.
    public func counts() throws(IndexError) -> Counts {
        try read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            return Counts(files: try count("SELECT COUNT(*) FROM file"), goneFiles: try count("SELECT COUNT(*) FROM file WHERE state = 'gone'"),
                          badFiles: try count("SELECT COUNT(*) FROM file WHERE state = 'bad'"),
                          documents: try count("SELECT COUNT(*) FROM document"), versions: try count("SELECT COUNT(*) FROM version"),
                          stories: try count("SELECT COUNT(*) FROM story WHERE size > 1 AND mergedInto IS NULL"),
                          storyMembers: try count("SELECT COUNT(*) FROM document WHERE storyId IS NOT NULL"),
                          links: try count("SELECT COUNT(*) FROM link"), postings: try count("SELECT COUNT(*) FROM posting"),
                          boilerplate: try count("SELECT COUNT(*) FROM boilerplate"),
                          finishedScans: try count("SELECT COUNT(*) FROM scan WHERE status = 'finished'"))
        }
    }

    /// The latest finished scan's id, if any.
    public func lastFinishedScan() throws(IndexError) -> Int? {
        try read { db in try Int.fetchOne(db, sql: "SELECT MAX(id) FROM scan WHERE status = 'finished'") }
    }

    // MARK: Building summaries

    /// How many stories (and vanished files) a scan report lists; the rest are counted.
    static let reportListLimit = 500

    /// Adds to `report` what scans killed or failed since the last finished one counted
    /// (new, changed, same-text and gone files), and the scans of shards whose link run this
    /// is: their work is in the index, and only a report says it happened.
    func addInterruptedScans(to report: inout ScanReport, since: Int) throws(IndexError) {
        let scan = report.scan
        let parts: [ScanReport.Files] = try read { db in
            try String.fetchAll(db, sql: """
                SELECT report FROM scan WHERE id > ? AND id < ? AND status IN ('interrupted', 'failed', 'written') AND report IS NOT NULL
                """, arguments: [since, scan]).compactMap { try? JSONDecoder().decode(ScanReport.Files.self, from: Data($0.utf8)) }
        }
        for part in parts {
            report.files.new += part.new
            report.files.changed += part.changed
            report.files.sameText += part.sameText
            report.files.gone += part.gone
        }
    }

    func fillReport(_ report: inout ScanReport, since: Int) throws(IndexError) {
        let scan = report.scan
        report = try read { db in
            var report = report
            let newIDs = try Int64.fetchAll(db, sql: """
                SELECT id FROM story WHERE firstScan > ? AND size > 1 AND mergedInto IS NULL ORDER BY size DESC, COALESCE(firstPublished, 0), id
                """, arguments: [since])
            let updatedIDs = try Int64.fetchAll(db, sql: """
                SELECT id FROM story WHERE firstScan <= ? AND updatedScan > ? AND size > 1 AND mergedInto IS NULL ORDER BY size DESC, id
                """, arguments: [since, since])
            report.newStoryCount = newIDs.count
            report.updatedStoryCount = updatedIDs.count
            report.newStories = try newIDs.prefix(Self.reportListLimit).compactMap { try Self.summary(of: $0, since: since, db) }
            report.updatedStories = try updatedIDs.prefix(Self.reportListLimit).compactMap { try Self.summary(of: $0, since: since, db) }
            // A republication is a copy that joined a story, not the story's source.
            report.republications = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM document d WHERE d.storyId IS NOT NULL AND d.storyScan > ? AND d.firstScan > ?
                  AND NOT EXISTS (SELECT 1 FROM story s WHERE s.id = d.storyId AND s.sourceDocumentId = d.id)
                """, arguments: [since, since]) ?? 0
            report.newDocuments = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document WHERE firstScan > ?", arguments: [since]) ?? 0
            report.versions = try Self.versions(sql: "v.firstScan > ? AND v.number > 1 ORDER BY v.silentEdit DESC, v.documentId, v.number",
                                                arguments: [since], db)
            try Self.count(&report.versions, db)
            report.silentEdits = report.versions.filter(\.silentEdit).count
            report.goneFiles = try String.fetchAll(db, sql: """
                SELECT path FROM file WHERE state = 'gone' AND goneScan > ? ORDER BY path LIMIT ?
                """, arguments: [since, Self.reportListLimit])
            report.newPagesWithoutText = try Self.pages(since: since, limit: Self.reportListLimit, db)
            report.totals.documents = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document") ?? 0
            report.totals.versions = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM version") ?? 0
            report.totals.stories = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM story WHERE size > 1 AND mergedInto IS NULL") ?? 0
            report.totals.storyMembers = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document WHERE storyId IS NOT NULL") ?? 0
            report.totals.links = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM link") ?? 0
            report.totals.boilerplateHashes = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM boilerplate") ?? 0
            // Files found bad before this scan and not read again: by a scan that was killed
            // before it could report them (new since the last report), else by an earlier one.
            let earlierBad = try SQLRow.fetchAll(db, sql: """
                SELECT path, problem, changedScan FROM file WHERE state = 'bad' AND changedScan < ? ORDER BY path
                """, arguments: [scan])
            for row in earlierBad {
                let bad = ScanReport.BadFile(path: row[0], reason: row[1] ?? "could not be read")
                if (row[2] as Int) <= since {
                    report.stillBadFiles.append(bad)
                } else if !report.badFiles.contains(where: { $0.path == bad.path }) {
                    report.badFiles.append(bad)
                    report.files.bad += 1
                }
            }
            report.badFiles.sort { $0.path < $1.path }
            report.files.stillBad = report.stillBadFiles.count
            return report
        }
    }

    static func summary(of story: Int64, since: Int, _ db: any SQLConnection) throws -> StorySummary? {
        guard let row = try SQLRow.fetchOne(db, sql: """
            SELECT id, title, size, firstScan, updatedScan, outlets, firstPublished, evidence FROM story WHERE id = ?
            """, arguments: [story]) else { return nil }
        let members = try StoryFacts.members(of: story, db)
        guard members.count > 1 else { return nil }
        let evidence: String = row[7]
        let source = (try? JSONDecoder().decode(LikelySource.self, from: Data(evidence.utf8)))
            ?? LikelySource(documentId: nil, path: nil, outlet: nil, agency: nil, decision: .none, facts: [], evidence: [])
        let links = try StoryFacts.links(among: members.map(\.documentId), db)
        let sourceID = source.documentId.map(Int64.init)
        let names = Dictionary(uniqueKeysWithValues: members.map { ($0.documentId, $0.outlet) })
        let candidates = Set(source.undecidedBetween.map(Int64.init))
        var identical: [Int64: Int] = [:]
        for case .identicalCopies(let of, let copies) in source.facts where of == sourceID { for copy in copies { identical[copy] = Int(of) } }
        let timeline = members.sorted { publicationKey($0) < publicationKey($1) }.map { member -> StoryMember in
            // The link to the source when verified directly, else the strongest link of this copy.
            let own = links.filter { $0.a == member.documentId || $0.b == member.documentId }
            let direct = own.first { $0.a == sourceID || $0.b == sourceID } ?? own.max { $0.score < $1.score }
            let via = direct.flatMap { link -> Int64? in
                let other = link.a == member.documentId ? link.b : link.a
                return other == sourceID ? nil : other
            }
            return StoryMember(documentId: Int(member.documentId), path: member.path, url: member.url, outlet: member.outlet,
                               title: member.title, created: member.createdInstant.map { Timestamp(secondsSince1970: $0).description },
                               createdText: member.createdText, createdHasTimeOfDay: member.createdHasTime, firstSeen: Timestamp(secondsSince1970: member.firstSeenAt).description,
                               agencies: member.agencies, versions: member.versions, isSource: member.documentId == sourceID,
                               isSourceCandidate: candidates.contains(member.documentId), identicalCopyOf: identical[member.documentId],
                               verdict: direct?.verdict, score: direct.map { rounded($0.score) }, linkedTo: via.flatMap { names[$0] },
                               linkedToDocument: via.map(Int.init),
                               isNew: (member.storyScan ?? 0) > since, gone: member.gone)
        }
        let outlets: String = row[5]
        return StorySummary(id: row[0], title: row[1], size: members.count, firstScan: row[3], updatedScan: row[4],
                            outlets: outlets.split(separator: "\n").map(String.init),
                            firstPublished: (row[6] as Int64?).map { Timestamp(secondsSince1970: $0).description },
                            likelySource: source, timeline: timeline)
    }

    static func versions(sql condition: String, arguments: SQLArguments, _ db: any SQLConnection) throws -> [VersionSummary] {
        try SQLRow.fetchAll(db, sql: """
            SELECT v.documentId, v.id, v.number, v.path, d.canonicalURL, v.title, v.created, v.updated, v.updatedText, v.firstSeenAt,
                   v.lastScan, v.classification, v.silentEdit, v.diffSummary, COALESCE(v.outlet, d.outlet), v.createdText, v.createdHasTime, d.site
            FROM version v JOIN document d ON d.id = v.documentId WHERE \(condition)
            """, arguments: arguments).map { row in
            // The outlet as story members name it: the page's, else its site's.
            VersionSummary(documentId: row[0], versionId: row[1], number: row[2], path: row[3], url: row[4],
                           outlet: (row[14] as String?) ?? StoryFacts.outletName(site: row[17]), title: row[5],
                           created: (row[6] as Int64?).map { Timestamp(secondsSince1970: $0).description }, createdText: row[15],
                           createdHasTimeOfDay: row[16],
                           updated: (row[7] as Int64?).map { Timestamp(secondsSince1970: $0).description }, updatedText: row[8],
                           firstSeen: Timestamp(secondsSince1970: row[9]).description, lastScan: row[10], classification: row[11],
                           silentEdit: row[12], summary: row[13])
        }
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    /// Orders a story's timeline by declared publication: a date without a time of day counts
    /// as the end of that day, so that it never precedes a precise time of the same day; no
    /// date comes last.
    static func publicationKey(_ member: StoryFacts.Member) -> (Int64, Int64, Int64) {
        guard let instant = member.createdInstant else { return (Int64.max, member.firstSeenAt, member.documentId) }
        return (member.createdHasTime ? instant : instant + 86_399, member.firstSeenAt, member.documentId)
    }
}
