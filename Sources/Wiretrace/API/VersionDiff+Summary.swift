/// What a version diff amounts to, counted, and its changes with the paragraphs' text: the
/// finished values that `diff`, `history` and scan reports show, so no printer counts again.
extension VersionDiff {
    /// How many paragraphs each kind of change touched, and the words added and removed.
    ///
    /// A cosmetic edit (punctuation, quotes, white space only) counts as `cosmetic`, never
    /// under its kind.
    public struct Summary: Sendable, Hashable, Codable {
        public var added = 0, removed = 0, edited = 0, moved = 0, split = 0, merged = 0, cosmetic = 0
        public var wordsAdded = 0, wordsRemoved = 0

        public init() {}

        /// The counts of `changes`.
        public init(_ changes: [Change]) {
            for change in changes {
                if change.isCosmetic {
                    cosmetic += 1
                } else {
                    switch change.kind {
                    case .added: added += 1
                    case .removed: removed += 1
                    case .edited: edited += 1
                    case .moved: moved += 1
                    case .split: split += 1
                    case .merged: merged += 1
                    }
                }
                wordsAdded += change.wordsAdded
                wordsRemoved += change.wordsRemoved
            }
        }
    }

    /// One paragraph of a version, numbered from 1 as a reader counts.
    public struct Passage: Sendable, Hashable, Codable {
        public var paragraph: Int
        public var text: String

        public init(paragraph: Int, text: String) {
            self.paragraph = paragraph
            self.text = text
        }
    }

    /// A ``Change`` with the text of the paragraphs it touched in each version.
    public struct ChangedPassages: Sendable, Hashable {
        public var kind: Change.Kind
        public var old: [Passage]
        public var new: [Passage]
        public var words: [WordDiff.Segment]
        public var wordsAdded: Int
        public var wordsRemoved: Int
        public var isCosmetic: Bool
    }

    /// The counts of this diff's changes.
    public var summary: Summary { Summary(changes) }

    /// This diff's changes with their paragraphs' text; `old` and `new` must be the articles
    /// the diff was made from.
    public func passages(old: Article, new: Article) -> [ChangedPassages] {
        changes.map { change in
            ChangedPassages(kind: change.kind,
                            old: change.old.map { Passage(paragraph: $0 + 1, text: old.paragraphs[$0].text) },
                            new: change.new.map { Passage(paragraph: $0 + 1, text: new.paragraphs[$0].text) },
                            words: change.words, wordsAdded: change.wordsAdded, wordsRemoved: change.wordsRemoved,
                            isCosmetic: change.isCosmetic)
        }
    }
}
