/// What two articles share, with where it stands in each: the evidence every printer shows
/// for a verdict (`compare`, `story --passages`, `story --json`, the scan's HTML report).
///
/// It holds the ``Comparison`` of the two and, from it, the matched paragraphs with their
/// text and the longest shared runs of words (``Comparison/sharedRuns(_:_:limit:)``) with
/// their normalized text. Positions count from 1, as a reader counts paragraphs and words.
public struct SharedPassages: Sendable {
    /// A paragraph, or a run of words in it, of one side.
    public struct Place: Sendable, Hashable, Codable {
        /// Paragraph number in the article as read, from 1.
        public var paragraph: Int
        /// Word number in the paragraph, from 1 (nil for a whole paragraph).
        public var word: Int?
        /// The paragraph's text as read, or the run's words as normalized.
        public var text: String?
    }

    /// A paragraph of A matched to a paragraph of B.
    public struct MatchedParagraphs: Sendable, Hashable, Codable {
        public var kind: Comparison.Match.Kind
        public var similarity: Double
        public var a: Place
        public var b: Place
    }

    /// A run of consecutive words of A found in B.
    public struct Run: Sendable, Hashable, Codable {
        public var words: Int
        public var a: Place
        public var b: Place
    }

    public let comparison: Comparison
    /// Matched paragraphs in A's order.
    public let matches: [MatchedParagraphs]
    /// The longest shared runs, longest first.
    public let runs: [Run]

    /// Whether the verdict rests on more than matched paragraphs (a rewrite, a passage lifted
    /// into other text), so that the shared runs are what shows the sharing.
    public var runsAreEvidence: Bool {
        comparison.verdict.sharesSource && (matches.isEmpty || comparison.verdict == .partiallyDerived) && !runs.isEmpty
    }

    /// Compares two articles and keeps what they share.
    public init(_ a: Article, _ b: Article, thresholds: Comparison.Thresholds = .default, runLimit: Int = 5) {
        let printA = Fingerprint(of: a), printB = Fingerprint(of: b)
        self.init(a, printA, b, printB, comparison: Comparison(printA, printB, thresholds: thresholds), runLimit: runLimit)
    }

    /// What `comparison` of the two fingerprints found, with the articles' text.
    ///
    /// - Precondition: `printA` and `printB` are the fingerprints of `a` and `b`.
    public init(_ a: Article, _ printA: Fingerprint, _ b: Article, _ printB: Fingerprint, comparison: Comparison, runLimit: Int = 5) {
        self.comparison = comparison
        matches = comparison.matches.map { match in
            MatchedParagraphs(kind: match.kind, similarity: (match.similarity * 1000).rounded() / 1000,
                              a: Place(paragraph: match.paragraphA + 1, word: nil, text: a.paragraphs[match.paragraphA].text),
                              b: Place(paragraph: match.paragraphB + 1, word: nil, text: b.paragraphs[match.paragraphB].text))
        }
        runs = Comparison.sharedRuns(printA, printB, limit: runLimit).map { run in
            Run(words: run.words,
                a: Place(paragraph: run.paragraphA + 1, word: run.wordA + 1,
                         text: printA.normalizedWords(ofParagraph: run.paragraphA, from: run.wordA, count: run.words)),
                b: Place(paragraph: run.paragraphB + 1, word: run.wordB + 1,
                         text: printB.normalizedWords(ofParagraph: run.paragraphB, from: run.wordB, count: run.words)))
        }
    }
}
