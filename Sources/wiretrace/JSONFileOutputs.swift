import Wiretrace

// The JSON documents of the commands that read files: `compare`, `diff` and `inspect`.

/// `compare --json`.
struct CompareJSON: Encodable {
    struct Side: Encodable {
        var document: DocumentJSON
        var format: String
        @Nullable var title: String?
        var syndicated: Bool
        var credits: [AgencyCredit]
        @Nullable var created: TimeJSON?
        @Nullable var updated: TimeJSON?
        var countedParagraphs: Int
        var countedWords: Int

        init(_ side: CompareReport.Side) {
            document = DocumentJSON(id: nil, path: side.path, url: side.url, outlet: side.outlet)
            format = side.format
            title = side.title
            syndicated = side.syndicated
            credits = side.credits
            created = TimeJSON(side.created)
            updated = TimeJSON(side.updated)
            countedParagraphs = side.countedParagraphs
            countedWords = side.countedWords
        }
    }

    struct Match: Encodable {
        var kind: String
        var similarity: Double
        var a: PlaceJSON
        var b: PlaceJSON
    }

    struct Run: Encodable {
        var words: Int
        var a: PlaceJSON
        var b: PlaceJSON
    }

    var fingerprintVersion: String
    /// `wholly derived`, `partially derived` or `unrelated`.
    var verdict: String
    var sharesSource: Bool
    var score: Double
    var containment: CompareReport.Containment
    var resemblance: Double
    var longestSharedRun: Int
    var passageCoverage: Double
    /// `a` or `b`: the side the other reads as cut from (`null` when neither).
    @Nullable var containingSide: String?
    var publishedFirst: CompareReport.Order
    var thresholds: CompareReport.ThresholdsOut
    var a: Side
    var b: Side
    var matches: [Match]
    var sharedRuns: [Run]
    var sharedRunsAreEvidence: Bool
    var warnings: [String]

    init(_ report: CompareReport) {
        fingerprintVersion = report.fingerprintVersion
        verdict = report.verdict
        sharesSource = report.sharesSource
        score = report.score
        containment = report.containment
        resemblance = report.resemblance
        longestSharedRun = report.longestSharedRun
        passageCoverage = report.passageCoverage
        containingSide = report.containingSide
        publishedFirst = report.publishedFirst
        thresholds = report.thresholds
        a = Side(report.a)
        b = Side(report.b)
        matches = report.matches.map { match in
            Match(kind: match.kind, similarity: match.similarity,
                  a: PlaceJSON(paragraph: match.a.paragraph, word: nil, text: match.a.text),
                  b: PlaceJSON(paragraph: match.b.paragraph, word: nil, text: match.b.text))
        }
        sharedRuns = report.sharedRuns.map { run in
            Run(words: run.words, a: PlaceJSON(paragraph: run.a.paragraph, word: run.a.word, text: run.a.text),
                b: PlaceJSON(paragraph: run.b.paragraph, word: run.b.word, text: run.b.text))
        }
        sharedRunsAreEvidence = report.sharedRunsAreEvidence
        warnings = report.warnings
    }
}

/// `diff --json`.
struct DiffJSON: Encodable {
    struct Version: Encodable {
        var document: DocumentJSON
        @Nullable var title: String?

        init(_ version: DiffReport.Version) {
            document = DocumentJSON(id: nil, path: version.path, url: version.url, outlet: version.outlet)
            title = version.title
        }
    }

    /// A created or updated time in both versions.
    struct TimeChange: Encodable {
        @Nullable var old: TimeJSON?
        @Nullable var new: TimeJSON?
        var changed: Bool
    }

    /// `text change`, `metadata-only change`, `cosmetic` or `identical`.
    var classification: String
    var sameText: Bool
    var silentEdit: Bool
    var updatedBeforeCreated: Bool
    var rewrite: Bool
    var survivingShare: Double
    var titleChanged: Bool
    var old: Version
    var new: Version
    var created: TimeChange
    var updated: TimeChange
    var metadataChanges: [String]
    var summary: VersionDiff.Summary
    var changes: [ChangeJSON]
    /// For a rewrite only: every body paragraph of each version, to be read whole.
    @Nullable var oldText: [VersionDiff.Passage]?
    @Nullable var newText: [VersionDiff.Passage]?
    var warnings: [String]

    init(_ report: DiffReport) {
        classification = report.classification
        sameText = report.sameText
        silentEdit = report.silentEdit
        updatedBeforeCreated = report.updatedBeforeCreated
        rewrite = report.rewrite
        survivingShare = report.survivingShare
        titleChanged = report.titleChanged
        old = Version(report.old)
        new = Version(report.new)
        created = TimeChange(old: TimeJSON(report.created.old), new: TimeJSON(report.created.new), changed: report.created.changed)
        updated = TimeChange(old: TimeJSON(report.updated.old), new: TimeJSON(report.updated.new), changed: report.updated.changed)
        metadataChanges = report.metadataChanges
        summary = report.summary
        changes = report.changes.map(ChangeJSON.init)
        oldText = report.oldText
        newText = report.newText
        warnings = report.warnings
    }
}

/// `inspect --json` for one article.
struct InspectJSON: Encodable {
    struct Paragraph: Encodable {
        /// `body`, `boilerplate` or `credit`.
        var role: String
        @Nullable var reason: String?
        var text: String
    }

    var document: DocumentJSON
    var format: String
    var compressed: Bool
    /// `gzip` or `zstd` when the file was compressed.
    @Nullable var compression: String?
    /// `articleText`, or `noArticleText` for a page that only declares things about itself.
    var content: String
    @Nullable var country: String?
    @Nullable var publishedDay: String?
    @Nullable var pageClock: String?
    @Nullable var title: String?
    @Nullable var byline: String?
    @Nullable var syndicationNotice: String?
    var credits: [AgencyCredit]
    @Nullable var created: TimeJSON?
    @Nullable var updated: TimeJSON?
    var times: [TimeJSON]
    var paragraphs: [Paragraph]
    var warnings: [String]
    /// The WARC record the article was read from.
    @Nullable var capture: CaptureOut?

    init(_ report: InspectReport) {
        document = DocumentJSON(id: nil, path: report.path, url: report.canonicalURL, outlet: report.outlet)
        format = report.format
        compressed = report.compressed
        compression = report.compression
        content = report.content
        country = report.country
        publishedDay = report.publishedDay
        pageClock = report.pageClock
        title = report.title
        byline = report.byline
        syndicationNotice = report.syndicationNotice
        credits = report.credits
        created = TimeJSON(report.created)
        updated = TimeJSON(report.updated)
        times = report.times.map { TimeJSON($0) }
        paragraphs = report.paragraphs.map { Paragraph(role: $0.role, reason: $0.reason, text: $0.text) }
        warnings = report.warnings
        capture = report.capture
    }
}

/// `inspect --json` for several files, or a mix of articles and WARC files.
struct InspectManyJSON: Encodable {
    var articles: [InspectJSON]
    /// The record lists of WARC files given without a record picked.
    var archives: [WARCListing]
}
