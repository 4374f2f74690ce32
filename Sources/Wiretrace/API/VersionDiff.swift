/// What changed between two versions of one story.
///
/// Paragraphs are aligned by their hashes with Myers' algorithm. A removed paragraph whose
/// hash reappears elsewhere is a move; removed and added paragraphs that share most of their
/// shingles are edits of each other (or a split, or a merge), and edits get a word diff.
/// The whole change is classed as a text change, a metadata-only change (times, byline,
/// credits), or cosmetic (white space, quotes, punctuation); a text change whose declared
/// update time did not move is a silent edit.
public struct VersionDiff: Sendable {
    /// How the second version differs from the first, most significant first.
    public enum Classification: String, Sendable, Hashable, Codable {
        /// Words of the text or headline changed.
        case textChange = "text change"
        /// The text is the same; times, byline or credits changed.
        case metadataOnly = "metadata-only change"
        /// Only white space, quotes, dashes or punctuation changed.
        case cosmetic
        /// Nothing a reader could see changed.
        case identical
    }

    /// One paragraph-level change.
    public struct Change: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, Codable {
            case added, removed, edited, moved
            /// One old paragraph became several new ones.
            case split
            /// Several old paragraphs became one.
            case merged
        }

        public var kind: Kind
        /// Paragraph indices in the old article (empty for `added`).
        public var old: [Int]
        /// Paragraph indices in the new article (empty for `removed`).
        public var new: [Int]
        /// The word diff of an edit, split or merge.
        public var words: [WordDiff.Segment]
        public var wordsAdded: Int
        public var wordsRemoved: Int
        /// Whether the edit changed only punctuation, quotes or white space.
        public var isCosmetic: Bool
    }

    /// A created or updated time in both versions.
    public struct TimeChange: Sendable, Hashable {
        public var old: ArticleTime?
        public var new: ArticleTime?
        /// Whether the instant (or, without one, the text) differs.
        public var changed: Bool {
            if let a = old?.instant, let b = new?.instant { return a != b }
            return old?.text != new?.text
        }
    }

    public let classification: Classification
    /// Paragraph changes in the order of the new version (removals where they stood).
    public let changes: [Change]
    public let oldTitle: String?
    public let newTitle: String?
    public let created: TimeChange
    public let updated: TimeChange
    /// Byline or credit changes, each a sentence ("byline: A → B").
    public let metadataChanges: [String]
    /// Share of the old version's words that survive unchanged in the new one.
    public let survivingShare: Double
    /// A text change whose declared last-change time (updated, else created) did not move.
    public let isSilentEdit: Bool
    /// The new version declares an updated time earlier than its created time.
    public let updatedBeforeCreated: Bool

    /// Less than this share of the old text surviving makes the change a rewrite.
    public static let rewriteThreshold = 1.0 / 3.0

    /// Whether so little survives that the versions are best read whole.
    public var isRewrite: Bool { classification == .textChange && survivingShare < Self.rewriteThreshold }

    /// Whether the headline's words changed.
    public var titleChanged: Bool {
        Normalization.normalize(oldTitle ?? "") != Normalization.normalize(newTitle ?? "")
    }

    /// Whether the two versions carry the same text (identical, cosmetic or metadata-only).
    public var sameText: Bool { classification != .textChange }

    /// The difference from `old` to `new`.
    public init(from old: Article, to new: Article) {
        // The alignment never looks at character grams: leaving them out takes 8 bytes per
        // character off each side's memory.
        let oldPrint = Fingerprint(of: old, characterGrams: false), newPrint = Fingerprint(of: new, characterGrams: false)
        let oldCounted = oldPrint.countedParagraphs, newCounted = newPrint.countedParagraphs
        var aligner = ParagraphAligner(old: old, oldPrint: oldPrint, oldCounted: oldCounted,
                                       new: new, newPrint: newPrint, newCounted: newCounted)
        changes = aligner.changes()
        oldTitle = old.title
        newTitle = new.title
        created = TimeChange(old: old.created ?? old.times.first { $0.kind == .created },
                             new: new.created ?? new.times.first { $0.kind == .created })
        updated = TimeChange(old: old.updated ?? old.times.first { $0.kind == .updated },
                             new: new.updated ?? new.times.first { $0.kind == .updated })
        var metadata: [String] = []
        if old.byline != new.byline { metadata.append("byline: \(old.byline ?? "none") → \(new.byline ?? "none")") }
        let oldAgencies = Set(old.credits(including: oldPrint).map(\.agency)), newAgencies = Set(new.credits(including: newPrint).map(\.agency))
        if oldAgencies != newAgencies {
            metadata.append("credits: \(oldAgencies.sorted().joined(separator: ", ")) → \(newAgencies.sorted().joined(separator: ", "))")
        }
        metadataChanges = metadata

        let oldWords = oldCounted.reduce(0) { $0 + oldPrint.paragraphs[$1].wordCount }
        let lostWords = changes.reduce(0) { $0 + ($1.kind == .moved ? 0 : $1.wordsRemoved) }
        survivingShare = oldWords == 0 ? 1 : max(0, Double(oldWords - lostWords) / Double(oldWords))

        let titleWordsChanged = !Tokens.sameWords(old.title ?? "", new.title ?? "")
        let textChanged = titleWordsChanged || changes.contains { !$0.isCosmetic }
        let bytesChanged = old.title != new.title || old.paragraphs.map(\.text) != new.paragraphs.map(\.text)
        let timesChanged = created.changed || updated.changed
        if textChanged {
            classification = .textChange
        } else if timesChanged || !metadata.isEmpty {
            classification = .metadataOnly
        } else if !changes.isEmpty || bytesChanged {
            classification = .cosmetic
        } else {
            classification = .identical
        }
        let oldDeclared = updated.old ?? created.old, newDeclared = updated.new ?? created.new
        if textChanged, let oldDeclared, let newDeclared {
            isSilentEdit = !TimeChange(old: oldDeclared, new: newDeclared).changed
        } else {
            isSilentEdit = false
        }
        if let createdNew = created.new?.instant, let updatedNew = updated.new?.instant {
            updatedBeforeCreated = updatedNew < createdNew
        } else {
            updatedBeforeCreated = false
        }
    }
}
