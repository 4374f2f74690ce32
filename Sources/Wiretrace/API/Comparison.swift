/// Whether two articles share a source, and the evidence.
///
/// The paragraphs of A are aligned to those of B: exact matches by paragraph hash first,
/// then edited matches by shingle overlap (which also pairs merged and split paragraphs).
/// Containment is measured both ways over the word shingles of the counted paragraphs:
/// how much of A occurs in B, and how much of B occurs in A. Boilerplate, credit lines and
/// in-document repeats never count as shared text.
///
/// A second tier measures ``resemblance`` over character grams, for copies rewritten too
/// much to share runs of words: newspapers paraphrase the agency's text, re-key numbers,
/// space or spell words another way, merge everything into one paragraph. The ``score``
/// combines both tiers on one scale (see ``Thresholds``).
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
        /// ``Comparison/resemblance`` at or above which the verdict is at least partially
        /// derived; it stands at ``partially`` on the score's scale.
        public var resemblancePartially: Double
        /// ``Comparison/resemblance`` at or above which the verdict is wholly derived when no
        /// paragraph aligns (where paragraphs align, passage coverage decides): most of the
        /// fuller text is rewritten from the other; it stands at ``wholly`` on the score's scale.
        public var resemblanceWholly: Double
        /// Characters per word at or above which ``Comparison/resemblance`` uses the long
        /// character grams (English and most European text: 4.2 to 6.5 on the labelled sets)
        /// and under which the short ones (Urdu: 3.4 to 4.1).
        public var longWordCharacters: Double

        public init(wholly: Double, whollyCoverage: Double, partially: Double, sharedRunWords: Int,
                    resemblancePartially: Double = 0.18, resemblanceWholly: Double = 0.40, longWordCharacters: Double = 4.2) {
            self.wholly = wholly
            self.whollyCoverage = whollyCoverage
            self.partially = partially
            self.sharedRunWords = sharedRunWords
            self.resemblancePartially = resemblancePartially
            self.resemblanceWholly = resemblanceWholly
            self.longWordCharacters = longWordCharacters
        }

        /// Calibrated on `Samples/calibration/pairs.tsv`, two `Scripts/make-reuse-pairs` sets and
        /// the COUNTER development pairs (the "Reaching a verdict" article gives the rule and
        /// the figures).
        public static let `default` = Thresholds(wholly: 0.5, whollyCoverage: 0.75, partially: 0.11, sharedRunWords: 30,
                                                 resemblancePartially: 0.18, resemblanceWholly: 0.40, longWordCharacters: 4.2)

        /// `resemblance` on the score's scale: piecewise linear through (0, 0),
        /// (``resemblancePartially``, ``partially``), (``resemblanceWholly``, ``wholly``) and (1, 1),
        /// so that a resemblance at a cut-off scores the same as a containment at the same cut-off.
        func scaled(resemblance: Double) -> Double {
            let points = [(0.0, 0.0), (resemblancePartially, partially), (resemblanceWholly, wholly), (1.0, 1.0)]
            for (low, high) in zip(points, points.dropFirst()) where resemblance <= high.0 {
                guard high.0 > low.0 else { return high.1 }
                return low.1 + (high.1 - low.1) * (resemblance - low.0) / (high.0 - low.0)
            }
            return 1
        }
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
    /// The strength of the evidence, 0 to 1: the larger of the two containments (how much of
    /// the more derived text occurs in the other) or the ``resemblance`` put on the same scale
    /// (``Thresholds``), whichever is larger.
    public let score: Double
    /// How much of the fuller text is rewritten from the other, 0 to 1: the smaller of the two
    /// containments of their distinct character grams (the words with spaces and punctuation
    /// removed, cut into runs of c characters; c = 5 for texts of short words, 8 for texts of
    /// long words, see ``Thresholds/longWordCharacters``). Taking the smaller side rewards
    /// texts that resemble each other throughout: an independent report of the same event
    /// shares names and numbers with the agency's story, but only where the facts meet. 0
    /// under a fingerprint version without character grams.
    public let resemblance: Double
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
        let shinglesA = ShingleTable(a)
        let shinglesB = ShingleTable(b)
        let shared = shinglesA.distinct.reduce(0) { $0 + (shinglesB.contains($1) ? 1 : 0) }
        containmentOfAInB = shinglesA.distinct.isEmpty ? 0 : Double(shared) / Double(shinglesA.distinct.count)
        containmentOfBInA = shinglesB.distinct.isEmpty ? 0 : Double(shared) / Double(shinglesB.distinct.count)
        resemblance = Comparison.resemblance(a, b, longWords: thresholds.longWordCharacters)
        score = max(containmentOfAInB, containmentOfBInA, thresholds.scaled(resemblance: resemblance))
        let containment = max(containmentOfAInB, containmentOfBInA)
        longestSharedRun = Comparison.longestRun(of: a, in: shinglesB, shingleSize: a.version.shingleSize)
        matches = Comparison.align(a, shinglesA, b, shinglesB)
        // The coverage of the text more contained in the other; when the two are contained
        // alike either may be the copy, so the larger coverage: the verdict must not depend on
        // which file was named first.
        let matched = matches
        func coverage(ofA: Bool) -> Double {
            Comparison.coverage(of: ofA ? a : b, matched: matched.map { ofA ? $0.paragraphA : $0.paragraphB })
        }
        passageCoverage = containmentOfAInB == containmentOfBInA ? max(coverage(ofA: true), coverage(ofA: false))
            : coverage(ofA: containmentOfAInB > containmentOfBInA)
        self.thresholds = thresholds
        // Where paragraphs align, passage coverage tells a republication from an article that
        // lifts some of the other's paragraphs; resemblance decides "wholly" only for texts
        // rewritten so far that no paragraph aligns (a paraphrase, a story merged into one paragraph).
        if (containment >= thresholds.wholly && passageCoverage >= thresholds.whollyCoverage)
            || (matches.isEmpty && resemblance >= thresholds.resemblanceWholly) {
            verdict = .whollyDerived
        } else if containment >= thresholds.partially || longestSharedRun >= thresholds.sharedRunWords
            || resemblance >= thresholds.resemblancePartially {
            verdict = .partiallyDerived
        } else {
            verdict = .unrelated
        }
    }

    /// The smaller containment of the two texts' distinct character grams, of the short size
    /// for texts of short words and of the long size otherwise (a gram should span about as
    /// much language in every writing system: five letters are one long English word, or a
    /// word and a half of Urdu). Word length is the two texts' characters per token together.
    static func resemblance(_ a: Fingerprint, _ b: Fingerprint, longWords: Double) -> Double {
        let sizes = a.version.characterGramSizes.count
        guard sizes > 0 else { return 0 }
        let words = a.countedWordCount + b.countedWordCount
        guard words > 0 else { return 0 }
        let wordLength = Double(a.countedCharacterCount + b.countedCharacterCount) / Double(words)
        let size = wordLength < longWords ? 0 : sizes - 1
        let (aInB, bInA) = CharacterGrams.containment(a, b, size: size)
        return min(aInB, bInA)
    }

    /// A run of consecutive words of A that occurs in B, with where it stands in each.
    public struct SharedRun: Sendable, Hashable {
        /// Paragraph index in A's article, and the run's first word (token) in it, from 0.
        public var paragraphA: Int
        public var wordA: Int
        /// Paragraph index in B's article, and the first word there of the run's first shingle.
        public var paragraphB: Int
        public var wordB: Int
        /// Words in the run.
        public var words: Int
    }

    /// The longest runs of consecutive words of A's counted paragraphs found among B's
    /// shingles, longest first (then in A's order), at most `limit`, each at least one shingle
    /// long: the evidence of a verdict reached by resemblance, where no paragraph aligns.
    /// The run's place in B is where B holds its first shingle (the first such paragraph).
    public static func sharedRuns(_ a: Fingerprint, _ b: Fingerprint, limit: Int = 5) -> [SharedRun] {
        precondition(a.version == b.version, "fingerprints of versions \(a.version) and \(b.version) cannot be compared")
        let tableB = ShingleTable(b)
        let k = a.version.shingleSize
        var runs: [(paragraph: Int, start: Int, shingles: Int)] = []
        for index in a.countedParagraphs {
            let shingles = a.paragraphs[index].shingles
            var start = -1
            for (position, shingle) in shingles.enumerated() {
                if tableB.contains(shingle) {
                    if start < 0 { start = position }
                } else if start >= 0 {
                    runs.append((index, start, position - start)); start = -1
                }
            }
            if start >= 0 { runs.append((index, start, shingles.count - start)) }
        }
        runs.sort { ($0.shingles, -$0.paragraph, -$0.start) > ($1.shingles, -$1.paragraph, -$1.start) }
        return runs.prefix(limit).map { run in
            let first = a.paragraphs[run.paragraph].shingles[run.start]
            var paragraphB = -1
            tableB.forEachParagraph(holding: first) { j in if paragraphB < 0 || j < paragraphB { paragraphB = j } }
            let wordB = b.paragraphs[paragraphB].shingles.firstIndex(of: first) ?? 0
            let words = min(run.shingles + k - 1, a.paragraphs[run.paragraph].wordCount)
            return SharedRun(paragraphA: run.paragraph, wordA: run.start, paragraphB: paragraphB, wordB: wordB, words: words)
        }
    }

    /// Which of the two looks like the fuller text the other was cut from: the one that
    /// contains more of the other. `nil` when neither contains clearly more.
    public var containingSide: Side? {
        guard verdict.sharesSource else { return nil }
        return Self.containingSide(containmentOfAInB: containmentOfAInB, containmentOfBInA: containmentOfBInA)
    }

    /// The containment-direction rule on its own, for two texts already known to share a
    /// source (a verified link of the index): the side that holds clearly more of the other,
    /// by more than 0.1.
    public static func containingSide(containmentOfAInB: Double, containmentOfBInA: Double) -> Side? {
        let difference = containmentOfBInA - containmentOfAInB
        if difference > 0.1 { return .a }
        if difference < -0.1 { return .b }
        return nil
    }

    public enum Side: String, Sendable, Hashable, Codable { case a, b }

    /// Share of the counted words of `print` in the `matched` paragraphs (each counted once).
    static func coverage(of print: Fingerprint, matched: [Int]) -> Double {
        let total = print.countedWordCount
        guard total > 0 else { return 0 }
        var seen = [Bool](repeating: false, count: print.paragraphs.count)
        var words = 0
        for index in matched where !seen[index] {
            seen[index] = true
            words += print.paragraphs[index].wordCount
        }
        return Double(words) / Double(total)
    }

    static func longestRun(of a: Fingerprint, in shinglesB: ShingleTable, shingleSize: Int) -> Int {
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

    static func align(_ a: Fingerprint, _ tableA: ShingleTable, _ b: Fingerprint, _ tableB: ShingleTable) -> [Match] {
        var matches: [Match] = []
        var matchedA = [Bool](repeating: false, count: a.paragraphs.count)
        var matchedB = [Bool](repeating: false, count: b.paragraphs.count)
        // Exact matches: each A paragraph takes the first unmatched B paragraph of the same hash.
        let countedB = b.countedParagraphs.map { (hash: b.paragraphs[$0].hash, index: $0) }.sorted { ($0.hash, $0.index) < ($1.hash, $1.index) }
        for i in a.countedParagraphs {
            let hash = a.paragraphs[i].hash
            var low = 0, high = countedB.count
            while low < high {
                let middle = (low + high) / 2
                if countedB[middle].hash < hash { low = middle + 1 } else { high = middle }
            }
            while low < countedB.count && countedB[low].hash == hash && matchedB[countedB[low].index] { low += 1 }
            if low < countedB.count && countedB[low].hash == hash {
                let j = countedB[low].index
                matches.append(Match(paragraphA: i, paragraphB: j, kind: .exact, similarity: 1))
                matchedA[i] = true; matchedB[j] = true
            }
        }
        // Shared shingles per paragraph of the other side, with the paragraphs touched, reset after each use.
        var overlap = [Int32](repeating: 0, count: max(a.paragraphs.count, b.paragraphs.count))
        var touched: [Int] = []
        func bestPartner(of own: ArraySlice<UInt64>, in other: ShingleTable) -> (Int, Double)? {
            for shingle in own {
                other.forEachParagraph(holding: shingle) { j in
                    if overlap[j] == 0 { touched.append(j) }
                    overlap[j] += 1
                }
            }
            guard !touched.isEmpty else { return nil }
            // The most shared shingles; on a tie, the first paragraph.
            var best = touched[0]
            for j in touched.dropFirst() where overlap[j] > overlap[best] || (overlap[j] == overlap[best] && j < best) { best = j }
            let shared = Int(overlap[best])
            for j in touched { overlap[j] = 0 }
            touched.removeAll(keepingCapacity: true)
            let theirs = other.shingles(ofParagraph: best).count
            let coverage = Double(shared) / Double(min(own.count, theirs))
            return coverage >= editedMatchCoverage ? (best, coverage) : nil
        }
        for i in a.countedParagraphs where !matchedA[i] {
            if let (j, similarity) = bestPartner(of: tableA.shingles(ofParagraph: i), in: tableB) {
                matches.append(Match(paragraphA: i, paragraphB: j, kind: .edited, similarity: similarity))
                matchedA[i] = true; matchedB[j] = true
            }
        }
        // B paragraphs still alone may be pieces of an A paragraph that was split.
        for j in b.countedParagraphs where !matchedB[j] {
            if let (i, similarity) = bestPartner(of: tableB.shingles(ofParagraph: j), in: tableA) {
                matches.append(Match(paragraphA: i, paragraphB: j, kind: .edited, similarity: similarity))
            }
        }
        return matches.sorted { ($0.paragraphA, $0.paragraphB) < ($1.paragraphA, $1.paragraphB) }
    }
}
