import Wiretrace
public import WiretraceFormats

/// When a scan that did its work still exits 1, for a nightly job that mails its owner
/// whenever the exit status is not 0.
public enum FailurePolicy: String, Sendable, Hashable, CaseIterable, Codable {
    /// Exit 1 only when files became unreadable in this scan; files still bad from earlier
    /// scans are listed, but a mirror that holds one does not fail every night.
    case new
    /// Exit 1 while any file of the mirror cannot be read.
    case any
    /// Exit 0 whenever the scan did its work.
    case never

    /// The exit status of a scan that ran to the end and found `report`'s files.
    public func exitStatus(for report: ScanReport) -> Int {
        switch self {
        case .new: report.files.bad > 0 ? 1 : 0
        case .any: report.files.bad + report.files.stillBad > 0 ? 1 : 0
        case .never: 0
        }
    }
}

/// What a scan found new since the last completed scan, and how the scan went. Encoded as
/// the `scan --json` output; `schemaVersion` changes whenever a field changes meaning or goes.
public struct ScanReport: Sendable, Codable {
    /// 2: `exitStatus` follows the ``FailurePolicy``; files that are not articles left `badFiles`
    /// for `notArticles`; `pagesWithoutText` and `ignored` are new.
    public static let currentSchemaVersion = 2

    public struct Files: Sendable, Codable {
        /// Files in the mirror after this scan (articles, bad files, and files that are not articles).
        public var seen = 0
        /// Files read this run (new or changed).
        public var read = 0
        /// Files skipped because size, modification time and inode were unchanged.
        public var unchanged = 0
        public var new = 0
        public var changed = 0
        /// Changed files whose normalized text and title were unchanged (no new version).
        public var sameText = 0
        /// Files that disappeared since the last scan (marked gone, never deleted).
        public var gone = 0
        /// Files that could not be read this run.
        public var bad = 0
        /// Files still bad from earlier scans, unchanged and still bad for the same reason.
        public var stillBad = 0
        /// Bad files tried again though unchanged (counted among the unchanged, not the read).
        public var retried = 0
        public var bytesRead = 0
        public init() {}
    }

    public struct Timings: Sendable, Codable {
        public var walk = 0.0, read = 0.0, link = 0.0, report = 0.0
        public init() {}
    }

    public struct BadFile: Sendable, Codable, Hashable {
        public var path: String
        public var reason: String
    }

    public struct Totals: Sendable, Codable {
        public var documents = 0, versions = 0, stories = 0, storyMembers = 0, links = 0, boilerplateHashes = 0
        public init() {}
    }

    public struct Linking: Sendable, Codable {
        /// Documents whose current version was matched against the index this run.
        public var documents = 0
        public var candidatePairs = 0
        public var verifiedPairs = 0
        public var rejectedPairs = 0
        public var learnedBoilerplate = 0
        public init() {}
    }

    public var schemaVersion = currentSchemaVersion
    public var scan: Int
    /// The last completed scan this report counts from (nil for the first).
    public var sinceScan: Int?
    public var mirror: String
    public var index: String
    public var startedAt: String
    public var elapsedSeconds: Double
    public var fingerprintVersion: String
    /// Whether stored versions were fingerprinted again because the rules changed.
    public var refingerprinted: Int
    public var files = Files()
    /// The mirror's files that are not articles (stylesheets, scripts, feeds, images, ...), by
    /// kind: all of them, not only those read this scan. Skipped, never indexed, never bad.
    public var notArticles: [NonArticleKind: Int] = [:]
    /// The mirror's pages without article text (galleries, video pages, home pages): not
    /// indexed, not bad.
    public var pagesWithoutText = 0
    /// The pages without article text first recorded since the last scan (at most 500;
    /// `wiretrace pages` lists them all). Absent from the reports of builds before the index's
    /// schema v4, which only counted them.
    public var newPagesWithoutText: [PageWithoutText]?
    /// Files and folders passed over by the mirror's `.wiretraceignore`, `--include` and `--exclude`.
    public var ignored = 0
    public var timings = Timings()
    public var linking = Linking()
    public var totals = Totals()
    public var newDocuments = 0
    /// Stories first seen since the last scan, the widest (most copies) first.
    public var newStories: [StorySummary] = []
    /// Older stories that gained or lost members, or whose members have new versions, since
    /// the last scan.
    public var updatedStories: [StorySummary] = []
    /// How many stories are new and updated (the lists hold at most 500 of each).
    public var newStoryCount = 0
    public var updatedStoryCount = 0
    /// New documents that joined a story (new or old) since the last scan as copies: a
    /// story's likely source is not a republication.
    public var republications = 0
    public var versions: [VersionSummary] = []
    public var silentEdits = 0
    /// Files that could not be read this run.
    public var badFiles: [BadFile] = []
    /// Files that could not be read by an earlier scan, have not changed since, and still
    /// cannot be read for the same reason.
    public var stillBadFiles: [BadFile] = []
    /// Mirror paths of the files that vanished since the last completed scan (at most 500;
    /// `files.gone` counts them all).
    public var goneFiles: [String] = []
    public var warnings: [String] = []
    /// The exit status under the scan's ``FailurePolicy`` (by default 1 only when files
    /// became unreadable in this scan, else 0); a scan that fails exits 2 and has no report.
    public var exitStatus = 0
}

/// A story as lists show it: its members in order of publication and its likely source.
public struct StorySummary: Sendable, Codable {
    public var id: Int
    public var title: String?
    public var size: Int
    public var firstScan: Int
    public var updatedScan: Int
    public var outlets: [String]
    public var firstPublished: String?
    public var likelySource: LikelySource
    public var timeline: [StoryMember]
}

/// The member of a story most likely to be the source, and each piece of evidence for it.
public struct LikelySource: Sendable, Codable, Hashable {
    /// The decided source (all nil when the evidence does not separate the candidates).
    public var documentId: Int?
    public var path: String?
    public var outlet: String?
    /// The agency most members credit for the text.
    public var agency: String?
    /// A source, or undecided between candidates and why.
    public var decision: Provenance.Decision
    /// Every piece of evidence, as values.
    public var facts: [Provenance.Evidence]
    /// Every piece of evidence, as sentences (``facts`` worded).
    public var evidence: [String]

    public init(documentId: Int?, path: String?, outlet: String?, agency: String?, decision: Provenance.Decision,
                facts: [Provenance.Evidence], evidence: [String]) {
        self.documentId = documentId
        self.path = path
        self.outlet = outlet
        self.agency = agency
        self.decision = decision
        self.facts = facts
        self.evidence = evidence
    }

    /// The candidates an undecided decision leaves, else empty.
    public var undecidedBetween: [Int] {
        guard case .undecided(let between, _) = decision else { return [] }
        return between.map(Int.init)
    }

    private enum CodingKeys: String, CodingKey { case documentId, path, outlet, agency, decision, facts, evidence }

    /// Story rows summarized by an older build hold no decision or facts: the document id stands for the decision.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        documentId = try container.decodeIfPresent(Int.self, forKey: .documentId)
        path = try container.decodeIfPresent(String.self, forKey: .path)
        outlet = try container.decodeIfPresent(String.self, forKey: .outlet)
        agency = try container.decodeIfPresent(String.self, forKey: .agency)
        decision = try container.decodeIfPresent(Provenance.Decision.self, forKey: .decision)
            ?? documentId.map { .source(document: Int64($0)) } ?? .none
        facts = try container.decodeIfPresent([Provenance.Evidence].self, forKey: .facts) ?? []
        evidence = try container.decodeIfPresent([String].self, forKey: .evidence) ?? []
    }
}

/// One document of a story, at its current version.
public struct StoryMember: Sendable, Codable, Hashable {
    public var documentId: Int
    public var path: String
    public var url: String?
    public var outlet: String
    public var title: String?
    /// Declared created time: UTC instant (ISO 8601) and the text as the page wrote it.
    public var created: String?
    public var createdText: String?
    /// Whether the created time gave a time of day (nil in reports stored before it was kept).
    public var createdHasTimeOfDay: Bool?
    /// When a scan first saw this document.
    public var firstSeen: String
    public var agencies: [String]
    public var versions: Int
    public var isSource: Bool
    /// Whether the document is one of the candidates an undecided source leaves.
    public var isSourceCandidate: Bool
    /// The source's document id when this copy's normalized text is identical to it.
    public var identicalCopyOf: Int?
    /// The verified link to the source, when there is one: verdict and score.
    public var verdict: String?
    public var score: Double?
    /// The outlet of the copy that link joins, when it is not the source.
    public var linkedTo: String?
    /// The document id of that copy (nil in reports stored by builds before it was kept).
    public var linkedToDocument: Int?
    /// Whether the document joined the story since the last scan.
    public var isNew: Bool
    public var gone: Bool
}

/// A version of a document and how it differs from the one before.
public struct VersionSummary: Sendable, Codable, Hashable {
    public var documentId: Int
    public var versionId: Int
    public var number: Int
    public var path: String
    public var url: String?
    /// The outlet the version names (nil in reports stored by builds before it was kept).
    public var outlet: String?
    public var title: String?
    /// Declared created time: UTC instant (ISO 8601), the text as the page wrote it, and
    /// whether it gave a time of day (nil in reports stored before the last two were kept).
    public var created: String?
    public var createdText: String?
    public var createdHasTimeOfDay: Bool?
    public var updated: String?
    public var updatedText: String?
    public var firstSeen: String
    /// The scan that last saw it current (nil while it still is).
    public var lastScan: Int?
    /// `text change`, `cosmetic`, ... (nil for a first version).
    public var classification: String?
    public var silentEdit: Bool
    /// One line: paragraphs and words changed, headline change.
    public var summary: String?
    /// The paragraphs and words changed, counted (nil for a first version, and in reports
    /// stored by builds before it was kept).
    public var counts: VersionDiff.Summary?
}
