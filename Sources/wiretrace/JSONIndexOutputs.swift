import Wiretrace
import WiretraceIndex

// The JSON documents of the commands that read the index: `stories`, `story`, `history`,
// `outlets`, `scan` and `report`.

/// `stories --json`.
struct StoriesJSON: Encodable {
    /// How many stories pass the filters, whatever `--limit` lets through.
    var matching: Int
    var stories: [StoryJSON]
}

/// `outlets --json`.
struct OutletsJSON: Encodable {
    var outlets: [OutletSummary]
}

/// `story --json`: the story, the verified links between its copies, and what each copy
/// shares with the likely source.
struct StoryDetailJSON: Encodable {
    struct Link: Encodable {
        var a: DocumentJSON
        var b: DocumentJSON
        var verdict: String
        var score: Double
        var aInB: Double
        var bInA: Double
    }

    struct Match: Encodable {
        var kind: String
        var similarity: Double
        var compared: PlaceJSON
        var copy: PlaceJSON
    }

    struct Run: Encodable {
        var words: Int
        var compared: PlaceJSON
        var copy: PlaceJSON
    }

    struct Copy: Encodable {
        var document: DocumentJSON
        /// The likely source, or the first candidate an undecided source leaves.
        var comparedWith: DocumentJSON
        var verdict: String
        var score: Double
        /// Share of the compared document's text found in the copy, and of the copy's in it.
        var comparedInCopy: Double
        var copyInCompared: Double
        var longestSharedRun: Int
        var matches: [Match]
        var sharedRuns: [Run]
        var sharedRunsAreEvidence: Bool
    }

    var story: StoryJSON
    var links: [Link]
    var passages: [Copy]

    init(_ detail: StoryDetail) {
        let names = DocumentNames(detail.story.timeline)
        story = StoryJSON(detail.story)
        links = detail.links.map { Link(a: names[$0.a], b: names[$0.b], verdict: $0.verdict, score: $0.score, aInB: $0.aInB, bInA: $0.bInA) }
        passages = (detail.passages ?? []).map { copy in
            Copy(document: names[copy.documentId], comparedWith: names[copy.comparedWith], verdict: copy.verdict.rawValue,
                 score: copy.score, comparedInCopy: copy.comparedInCopy, copyInCompared: copy.copyInCompared,
                 longestSharedRun: copy.longestSharedRun,
                 matches: copy.matches.map { Match(kind: $0.kind.rawValue, similarity: $0.similarity, compared: PlaceJSON($0.a), copy: PlaceJSON($0.b)) },
                 sharedRuns: copy.sharedRuns.map { Run(words: $0.words, compared: PlaceJSON($0.a), copy: PlaceJSON($0.b)) },
                 sharedRunsAreEvidence: copy.sharedRunsAreEvidence)
        }
    }

    private enum CodingKeys: String, CodingKey { case links, passages }

    /// The story's own keys at the top, beside its links and passages: not nested a level down.
    func encode(to encoder: any Encoder) throws {
        try story.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(links, forKey: .links)
        try container.encode(passages, forKey: .passages)
    }
}

/// `history --json`: a document and each of its versions with the changes from the one before.
struct HistoryJSON: Encodable {
    struct Version: Encodable {
        var versionId: Int
        var number: Int
        var path: String
        @Nullable var title: String?
        @Nullable var created: TimeJSON?
        @Nullable var updated: TimeJSON?
        var firstSeen: TimeJSON
        @Nullable var lastScan: Int?
        @Nullable var classification: String?
        var silentEdit: Bool
        @Nullable var summary: VersionDiff.Summary?
        @Nullable var summaryText: String?
        var changes: [ChangeJSON]
    }

    /// The document at its current version's path.
    var document: DocumentJSON
    var key: String
    var site: String
    /// Mirror paths that held it, in the order first seen.
    var paths: [String]
    @Nullable var storyId: Int?
    var gone: Bool
    var versions: [Version]

    init(_ history: HistoryReport) {
        let current = history.versions.last?.version
        document = DocumentJSON(id: history.documentId, path: current?.path ?? history.paths.last ?? history.key, url: history.url,
                                outlet: current?.outlet)
        key = history.key
        site = history.site
        paths = history.paths
        storyId = history.storyId
        gone = history.gone
        versions = history.versions.map { changes in
            let version = VersionJSON(changes.version)
            return Version(versionId: version.versionId, number: version.number, path: changes.version.path, title: version.title,
                           created: version.created, updated: version.updated, firstSeen: version.firstSeen, lastScan: version.lastScan,
                           classification: version.classification, silentEdit: version.silentEdit, summary: version.summary,
                           summaryText: version.summaryText, changes: changes.passages.map(ChangeJSON.init))
        }
    }
}

/// A page without article text, as `pages --json` and the scan report list it.
struct PageJSON: Encodable {
    /// The mirror path, or `FILE.warc.gz#URI` for a WARC capture.
    var path: String
    @Nullable var url: String?
    var site: String
    @Nullable var outlet: String?
    @Nullable var title: String?
    @Nullable var created: TimeJSON?
    @Nullable var updated: TimeJSON?
    /// When the scan read it, or a WARC capture's `WARC-Date`.
    var seen: TimeJSON
    var firstScan: Int

    init(_ page: PageWithoutText) {
        path = page.path
        url = page.url
        site = page.site
        outlet = page.outlet
        title = page.title
        // The index keeps whether a page's time had a time of day for none of them.
        created = TimeJSON(declared: .created, instant: page.created, text: page.createdText, hasTimeOfDay: nil)
        updated = TimeJSON(declared: .updated, instant: page.updated, text: page.updatedText, hasTimeOfDay: nil)
        seen = TimeJSON(seen: page.seen)
        firstScan = page.firstScan
    }
}

/// `pages --json`.
struct PagesJSON: Encodable {
    var pages: [PageJSON]
}

/// `scan --json` and `report --json`.
struct ScanReportJSON: Encodable {
    var scan: Int
    @Nullable var sinceScan: Int?
    var mirror: String
    var index: String
    /// When the scan started (UTC, ISO 8601).
    var startedAt: String
    var elapsedSeconds: Double
    var fingerprintVersion: String
    var refingerprinted: Int
    var files: ScanReport.Files
    var notArticles: [String: Int]
    var pagesWithoutText: Int
    /// Empty in the report of a scan by a build before the index's schema v4.
    var newPagesWithoutText: [PageJSON]
    var ignored: Int
    var timings: ScanReport.Timings
    var linking: ScanReport.Linking
    var totals: ScanReport.Totals
    var newDocuments: Int
    var newStories: [StoryJSON]
    var updatedStories: [StoryJSON]
    var newStoryCount: Int
    var updatedStoryCount: Int
    var republications: Int
    var versions: [VersionJSON]
    var silentEdits: Int
    var badFiles: [ScanReport.BadFile]
    var stillBadFiles: [ScanReport.BadFile]
    var goneFiles: [String]
    var warnings: [String]
    var exitStatus: Int

    init(_ report: ScanReport) {
        scan = report.scan
        sinceScan = report.sinceScan
        mirror = report.mirror
        index = report.index
        startedAt = report.startedAt
        elapsedSeconds = report.elapsedSeconds
        fingerprintVersion = report.fingerprintVersion
        refingerprinted = report.refingerprinted
        files = report.files
        notArticles = Dictionary(uniqueKeysWithValues: report.notArticles.map { ($0.key.rawValue, $0.value) })
        pagesWithoutText = report.pagesWithoutText
        newPagesWithoutText = (report.newPagesWithoutText ?? []).map(PageJSON.init)
        ignored = report.ignored
        timings = report.timings
        linking = report.linking
        totals = report.totals
        newDocuments = report.newDocuments
        newStories = report.newStories.map(StoryJSON.init)
        updatedStories = report.updatedStories.map(StoryJSON.init)
        newStoryCount = report.newStoryCount
        updatedStoryCount = report.updatedStoryCount
        republications = report.republications
        versions = report.versions.map(VersionJSON.init)
        silentEdits = report.silentEdits
        badFiles = report.badFiles
        stillBadFiles = report.stillBadFiles
        goneFiles = report.goneFiles
        warnings = report.warnings
        exitStatus = report.exitStatus
    }
}
