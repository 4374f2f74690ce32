/// Whether two articles share a source, and the evidence.
///
/// The paragraphs of A are aligned to those of B: exact matches by paragraph hash first,
/// then edited matches by shingle overlap (which also pairs merged and split paragraphs).
/// Containment is measured both ways over the word shingles of the counted paragraphs:
/// how much of A occurs in B, and how much of B occurs in A. Boilerplate, credit lines and
/// in-document repeats never count as shared text.
///
/// The verdict uses the vocabulary of the text-reuse field (the METER corpus):
/// ``Verdict/whollyDerived`` when one text is, nearly all of it, the other's text;
/// ``Verdict/partiallyDerived`` when a substantial part is; ``Verdict/unrelated`` otherwise.
public struct Comparison: Sendable {
    /// The text-reuse verdict.
    public enum Verdict: String, Sendable, Hashable, Codable {
        case whollyDerived = "wholly derived"
        case partiallyDerived = "partially derived"
        case unrelated

        /// Whether the two articles share a source.
        public var sharesSource: Bool { self != .unrelated }
    }

    /// The cut-offs of the verdict. The defaults come from the labelled pairs in
    /// `Samples/calibration` (see the "Reaching a verdict" article and `Scripts/eval-compare`).
    public struct Thresholds: Sendable, Hashable {
        /// ``Comparison/score`` at or above which the verdict can be wholly derived.
        public var wholly: Double
        /// ``Comparison/passageCoverage`` at or above which the verdict can be wholly derived:
        /// a republication, even reworded, matches paragraph for paragraph; an outlet's own
        /// article that lifts wire paragraphs leaves its own paragraphs unmatched.
        public var whollyCoverage: Double
        /// ``Comparison/score`` at or above which the verdict is at least partially derived.
        public var partially: Double
        /// A shared run of at least this many words makes a pair partially derived whatever
        /// the score (a long passage lifted into a long article).
        public var sharedRunWords: Int

        public init(wholly: Double, whollyCoverage: Double, partially: Double, sharedRunWords: Int) {
            self.wholly = wholly
            self.whollyCoverage = whollyCoverage
            self.partially = partially
            self.sharedRunWords = sharedRunWords
        }

        public static let `default` = Thresholds(wholly: 0.5, whollyCoverage: 0.75, partially: 0.11, sharedRunWords: 30)
    }

    /// A passage of A matched to a passage of B.
    public struct Match: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, Codable { case exact, edited }
        /// Paragraph index in A's article.
        public var paragraphA: Int
        /// Paragraph index in B's article.
        public var paragraphB: Int
        public var kind: Kind
        /// Share of the smaller paragraph's shingles found in the other (1 for exact).
        public var similarity: Double
    }

    public let verdict: Verdict
    /// The larger of the two containments, 0 to 1: how much of the more derived text
    /// occurs in the other.
    public let score: Double
    /// Share of A's counted shingles that occur in B.
    public let containmentOfAInB: Double
    /// Share of B's counted shingles that occur in A.
    public let containmentOfBInA: Double
    /// The longest run of consecutive words of A found in B.
    public let longestSharedRun: Int
    /// Share of the more derived text's words (the side with the larger containment) that
    /// stand in paragraphs matched to the other text.
    public let passageCoverage: Double
    /// Matched passages in A's order.
    public let matches: [Match]
    public let thresholds: Thresholds

    /// Compares two articles, fingerprinting both.
    public init(_ a: Article, _ b: Article, thresholds: Thresholds = .default) {
        self.init(Fingerprint(of: a), Fingerprint(of: b), thresholds: thresholds)
    }

    /// Compares two fingerprints made under the same version.
    ///
    /// - Precondition: `a.version == b.version`.
    /// - Complexity: O(*n* + *m*) expected, in the shingles of the two texts.
    public init(_ a: Fingerprint, _ b: Fingerprint, thresholds: Thresholds = .default) {
        precondition(a.version == b.version, "fingerprints of versions \(a.version) and \(b.version) cannot be compared")
        let shinglesA = ShingleIndex(a)
        let shinglesB = ShingleIndex(b)
        let shared = shinglesA.all.intersection(shinglesB.all).count
        containmentOfAInB = shinglesA.all.isEmpty ? 0 : Double(shared) / Double(shinglesA.all.count)
        containmentOfBInA = shinglesB.all.isEmpty ? 0 : Double(shared) / Double(shinglesB.all.count)
        score = max(containmentOfAInB, containmentOfBInA)
        longestSharedRun = Comparison.longestRun(of: a, in: shinglesB.all, shingleSize: a.version.shingleSize)
        matches = Comparison.align(a, shinglesA, b, shinglesB)
        let derivedIsA = containmentOfAInB >= containmentOfBInA
        passageCoverage = Comparison.coverage(of: derivedIsA ? a : b, matched: Set(matches.map { derivedIsA ? $0.paragraphA : $0.paragraphB }))
        self.thresholds = thresholds
        if score >= thresholds.wholly && passageCoverage >= thresholds.whollyCoverage {
            verdict = .whollyDerived
        } else if score >= thresholds.partially || longestSharedRun >= thresholds.sharedRunWords {
            verdict = .partiallyDerived
        } else {
            verdict = .unrelated
        }
    }

    /// Which of the two looks like the fuller text the other was cut from: the one that
    /// contains more of the other. `nil` when neither contains clearly more.
    public var containingSide: Side? {
        guard verdict.sharesSource else { return nil }
        let difference = containmentOfBInA - containmentOfAInB
        if difference > 0.1 { return .a }
        if difference < -0.1 { return .b }
        return nil
    }

    public enum Side: String, Sendable, Hashable, Codable { case a, b }

    /// Counted shingles of one fingerprint, as a set and by paragraph.
    struct ShingleIndex {
        var all: Set<UInt64> = []
        var paragraphsWithShingle: [UInt64: [Int]] = [:]

        init(_ fingerprint: Fingerprint) {
            for index in fingerprint.countedParagraphs {
                for shingle in Set(fingerprint.paragraphs[index].shingles) {
                    all.insert(shingle)
                    paragraphsWithShingle[shingle, default: []].append(index)
                }
            }
        }
    }

    static func coverage(of print: Fingerprint, matched: Set<Int>) -> Double {
        let total = print.countedWordCount
        guard total > 0 else { return 0 }
        return Double(matched.reduce(0) { $0 + print.paragraphs[$1].wordCount }) / Double(total)
    }

    static func longestRun(of a: Fingerprint, in shinglesB: Set<UInt64>, shingleSize: Int) -> Int {
        var best = 0
        for index in a.countedParagraphs {
            let paragraph = a.paragraphs[index]
            if paragraph.wordCount < shingleSize {
                if let only = paragraph.shingles.first, shinglesB.contains(only) { best = max(best, paragraph.wordCount) }
                continue
            }
            var run = 0
            for shingle in paragraph.shingles {
                run = shinglesB.contains(shingle) ? run + 1 : 0
                if run > 0 { best = max(best, run + shingleSize - 1) }
            }
        }
        return best
    }

    /// Share of a paragraph's shingles that make an edited match.
    static let editedMatchCoverage = 0.5

    static func align(_ a: Fingerprint, _ indexA: ShingleIndex, _ b: Fingerprint, _ indexB: ShingleIndex) -> [Match] {
        var matches: [Match] = []
        var matchedA = Set<Int>(), matchedB = Set<Int>()
        var countedBByHash: [UInt64: [Int]] = [:]
        for j in b.countedParagraphs { countedBByHash[b.paragraphs[j].hash, default: []].append(j) }
        for i in a.countedParagraphs {
            if let j = countedBByHash[a.paragraphs[i].hash]?.first(where: { !matchedB.contains($0) }) {
                matches.append(Match(paragraphA: i, paragraphB: j, kind: .exact, similarity: 1))
                matchedA.insert(i); matchedB.insert(j)
            }
        }
        func bestPartner(of paragraph: Fingerprint.ParagraphPrint, in index: ShingleIndex, other: Fingerprint) -> (Int, Double)? {
            var overlap: [Int: Int] = [:]
            let own = Set(paragraph.shingles)
            for shingle in own { for j in index.paragraphsWithShingle[shingle] ?? [] { overlap[j, default: 0] += 1 } }
            guard let (j, shared) = overlap.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) else { return nil }
            let theirs = Set(other.paragraphs[j].shingles).count
            let coverage = Double(shared) / Double(min(own.count, theirs))
            return coverage >= editedMatchCoverage ? (j, coverage) : nil
        }
        for i in a.countedParagraphs where !matchedA.contains(i) {
            if let (j, similarity) = bestPartner(of: a.paragraphs[i], in: indexB, other: b) {
                matches.append(Match(paragraphA: i, paragraphB: j, kind: .edited, similarity: similarity))
                matchedA.insert(i); matchedB.insert(j)
            }
        }
        // B paragraphs still alone may be pieces of an A paragraph that was split.
        for j in b.countedParagraphs where !matchedB.contains(j) {
            if let (i, similarity) = bestPartner(of: b.paragraphs[j], in: indexA, other: a) {
                matches.append(Match(paragraphA: i, paragraphB: j, kind: .edited, similarity: similarity))
            }
        }
        return matches.sorted { ($0.paragraphA, $0.paragraphB) < ($1.paragraphA, $1.paragraphB) }
    }
}
