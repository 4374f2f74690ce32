import Wiretrace
import WiretraceIndex

// The building blocks every command's JSON is made of (schema version 2). Each mirrors a
// `$defs` entry of the schema files: change both together.

/// A document's JSON envelope: the schema version beside the document's own keys. The body
/// and the version write into the one keyed container of the encoder (JSONEncoder merges the
/// two requests), so the version needs no property in every output type.
struct Versioned<Body: Encodable>: Encodable {
    var body: Body

    init(_ body: Body) { self.body = body }

    private enum CodingKeys: String, CodingKey { case schemaVersion }

    func encode(to encoder: any Encoder) throws {
        try body.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(JSONOutput.schemaVersion, forKey: .schemaVersion)
    }
}

/// One time, wherever it appears: declared by a page (`created`, `updated`) or recorded by
/// a scan (`seen`). The index keeps a declared time's instant, text and whether it had a time
/// of day, not where it was found or its zone: those are `null` in index outputs.
struct TimeJSON: Encodable {
    enum Kind: String, Encodable { case created, updated, seen }

    var kind: Kind
    var text: String
    @Nullable var source: String?
    /// The UTC instant, ISO 8601.
    @Nullable var instant: String?
    @Nullable var utcOffsetMinutes: Int?
    @Nullable var zone: String?
    /// Whether the text gave a time of day (`null` where the index did not keep it: an
    /// updated time read back from it).
    @Nullable var hasTimeOfDay: Bool?
    @Nullable var problem: String?

    init(_ time: ArticleTime) {
        kind = time.kind == .created ? .created : .updated
        text = time.text
        source = time.source
        instant = time.instant?.description
        utcOffsetMinutes = time.utcOffsetMinutes
        zone = time.zone
        hasTimeOfDay = time.hasTimeOfDay
        problem = time.problem
    }

    init?(_ time: ArticleTime?) {
        guard let time else { return nil }
        self.init(time)
    }

    /// A declared time as the index keeps it; `nil` when there is none.
    init?(declared kind: Kind, instant: String?, text: String?, hasTimeOfDay: Bool?) {
        guard let shown = text ?? instant else { return nil }
        self.kind = kind
        self.text = shown
        self.instant = instant
        self.hasTimeOfDay = hasTimeOfDay
    }

    /// When a scan saw something, on the scanning machine's clock (UTC).
    init(seen instant: String) {
        kind = .seen
        text = instant
        source = "scan"
        self.instant = instant
        utcOffsetMinutes = 0
        zone = "UTC"
        hasTimeOfDay = true
    }
}

/// One document, wherever it is named: its id in the index (`null` for a file read outside
/// one), its path, its canonical URL and its outlet.
struct DocumentJSON: Encodable {
    @Nullable var id: Int?
    var path: String
    @Nullable var url: String?
    @Nullable var outlet: String?
}

/// A paragraph and word position, and the text there.
struct PlaceJSON: Encodable {
    var paragraph: Int
    @Nullable var word: Int?
    @Nullable var text: String?

    init(paragraph: Int, word: Int?, text: String?) {
        self.paragraph = paragraph
        self.word = word
        self.text = text
    }

    init(_ place: SharedPassages.Place) { self.init(paragraph: place.paragraph, word: place.word, text: place.text) }
}

/// A paragraph change with the paragraphs' text: `diff` and `history`.
struct ChangeJSON: Encodable {
    var kind: String
    var cosmetic: Bool
    var old: [VersionDiff.Passage]
    var new: [VersionDiff.Passage]
    var wordsAdded: Int
    var wordsRemoved: Int
    var words: [WordDiff.Segment]

    init(_ change: VersionDiff.ChangedPassages) {
        kind = change.kind.rawValue
        cosmetic = change.isCosmetic
        old = change.old
        new = change.new
        wordsAdded = change.wordsAdded
        wordsRemoved = change.wordsRemoved
        words = change.words
    }
}

/// The documents of a story by id, to name the ones its evidence and links point at.
struct DocumentNames {
    private var byID: [Int: DocumentJSON] = [:]

    init(_ members: [StoryMember]) {
        for member in members { byID[member.documentId] = DocumentJSON(id: member.documentId, path: member.path, url: member.url, outlet: member.outlet) }
    }

    /// A member's document; an id that is no member (evidence stored before a member left
    /// the story) is named by its id alone.
    subscript(id: Int) -> DocumentJSON { byID[id] ?? DocumentJSON(id: id, path: "", url: nil, outlet: nil) }
    subscript(id: Int64) -> DocumentJSON { self[Int(id)] }
}

/// The likely source of a story and the evidence for it.
struct LikelySourceJSON: Encodable {
    struct Evidence: Encodable {
        var kind: String
        var text: String
        var documents: [DocumentJSON]
    }

    /// `source`, `undecided` or `none` (no copies).
    var decision: String
    @Nullable var document: DocumentJSON?
    /// The candidates an undecided source leaves.
    var candidates: [DocumentJSON]
    @Nullable var undecidedBecause: String?
    @Nullable var agency: String?
    var evidence: [Evidence]

    init(_ source: LikelySource, _ names: DocumentNames) {
        switch source.decision {
        case .source(let id):
            decision = "source"
            document = names[id]
            candidates = []
        case .undecided(let between, let tie):
            decision = "undecided"
            candidates = between.map { names[$0] }
            undecidedBecause = tie.rawValue
        case .none:
            decision = "none"
            candidates = []
        }
        agency = source.agency
        evidence = zip(source.facts, source.evidence).map { fact, sentence in
            let (kind, ids) = Self.kind(of: fact)
            return Evidence(kind: kind, text: sentence, documents: ids.map { names[$0] })
        }
    }

    private static func kind(of fact: Provenance.Evidence) -> (String, [Int64]) {
        switch fact {
        case .credited: ("credited", [])
        case .noAgencyCredited: ("noAgencyCredited", [])
        case .agencysOwnCopy(let ids): ("agencysOwnCopy", ids)
        case .containment(let id, _): ("containment", [id])
        case .earliestCreated(let id, _, _): ("earliestCreated", [id])
        case .sameCreatedTime(let ids, _): ("sameCreatedTime", ids)
        case .noCreatedTime: ("noCreatedTime", [])
        case .canonicalURL(let id, let copies): ("canonicalURL", [id] + copies)
        case .seenFirst(let id): ("seenFirst", [id])
        case .identicalCopies(let of, let copies): ("identicalCopies", [of] + copies)
        case .identicalText(let ids): ("identicalText", ids)
        case .undecided(let ids, _): ("undecided", ids)
        }
    }
}

/// One copy of a story, at its current version.
struct MemberJSON: Encodable {
    struct Link: Encodable {
        var verdict: String
        var score: Double
        /// The copy the link joins when it is not the source (`null` when it is).
        @Nullable var via: DocumentJSON?
    }

    var document: DocumentJSON
    @Nullable var title: String?
    @Nullable var created: TimeJSON?
    var firstSeen: TimeJSON
    var agencies: [String]
    var versions: Int
    /// `source`, `candidate` (of an undecided source) or `copy`.
    var role: String
    @Nullable var identicalCopyOf: DocumentJSON?
    /// The verified link that keeps this copy in the story.
    @Nullable var link: Link?
    var isNew: Bool
    var gone: Bool

    init(_ member: StoryMember, _ names: DocumentNames) {
        document = names[member.documentId]
        title = member.title
        created = TimeJSON(declared: .created, instant: member.created, text: member.createdText, hasTimeOfDay: member.createdHasTimeOfDay)
        firstSeen = TimeJSON(seen: member.firstSeen)
        agencies = member.agencies
        versions = member.versions
        role = member.isSource ? "source" : member.isSourceCandidate ? "candidate" : "copy"
        identicalCopyOf = member.identicalCopyOf.map { names[$0] }
        if let verdict = member.verdict, let score = member.score {
            link = Link(verdict: verdict, score: score, via: member.linkedToDocument.map { names[$0] })
        }
        isNew = member.isNew
        gone = member.gone
    }
}

/// A story as `stories`, `scan` and `report` list it.
struct StoryJSON: Encodable {
    var id: Int
    @Nullable var title: String?
    /// How many copies (documents) the story holds.
    var size: Int
    var outlets: [String]
    var firstScan: Int
    var updatedScan: Int
    /// The earliest declared created time among the copies.
    @Nullable var firstPublished: TimeJSON?
    var likelySource: LikelySourceJSON
    /// The copies, in order of publication.
    var timeline: [MemberJSON]

    init(_ story: StorySummary) {
        let names = DocumentNames(story.timeline)
        id = story.id
        title = story.title
        size = story.size
        outlets = story.outlets
        firstScan = story.firstScan
        updatedScan = story.updatedScan
        timeline = story.timeline.map { MemberJSON($0, names) }
        if let first = story.firstPublished {
            firstPublished = timeline.first { $0.created?.instant == first }?.created
                ?? TimeJSON(declared: .created, instant: first, text: nil, hasTimeOfDay: nil)
        }
        likelySource = LikelySourceJSON(story.likelySource, names)
    }
}

/// A version of a document, as scan reports list them (with the document it belongs to).
struct VersionJSON: Encodable {
    var document: DocumentJSON
    var versionId: Int
    var number: Int
    @Nullable var title: String?
    @Nullable var created: TimeJSON?
    @Nullable var updated: TimeJSON?
    var firstSeen: TimeJSON
    /// The scan that last saw it current (`null` while it still is).
    @Nullable var lastScan: Int?
    /// `text change`, `metadata-only change`, `cosmetic`, `identical` (`null` for a first version).
    @Nullable var classification: String?
    var silentEdit: Bool
    /// The paragraphs and words changed from the version before, counted.
    @Nullable var summary: VersionDiff.Summary?
    /// The same, with the headline, rewrite and time changes, as one line.
    @Nullable var summaryText: String?

    init(_ version: VersionSummary) {
        document = DocumentJSON(id: version.documentId, path: version.path, url: version.url, outlet: version.outlet)
        versionId = version.versionId
        number = version.number
        title = version.title
        created = TimeJSON(declared: .created, instant: version.created, text: version.createdText, hasTimeOfDay: version.createdHasTimeOfDay)
        updated = TimeJSON(declared: .updated, instant: version.updated, text: version.updatedText, hasTimeOfDay: nil)
        firstSeen = TimeJSON(seen: version.firstSeen)
        lastScan = version.lastScan
        classification = version.classification
        silentEdit = version.silentEdit
        summary = version.counts
        summaryText = version.summary
    }
}
