/// The fingerprint of an article: one XXH3-64 hash per paragraph for exact reuse, and word
/// shingles for edited reuse.
///
/// Paragraph identity is the XXH3-64 (seed 0) of the paragraph's normalized UTF-8 bytes,
/// after its dateline is removed. Each paragraph also gets every k-word shingle, hashed with
/// XXH3 over the XXH3 hashes of its k tokens; the document keeps a winnowed selection of
/// those for indexing. Version 2 (`n1-k5-w4-c5c8`) adds a resemblance tier: every run of c
/// characters (c = 5 and c = 8) of each paragraph's words with the spaces and punctuation
/// between them removed, hashed with XXH3 (kept to 32 bits), for text rewritten too much to
/// share runs of words (paraphrase, words spaced or spelled another way, numbers re-keyed;
/// see ``Comparison``).
///
/// Paragraphs that do not count as the article's text are kept but marked: boilerplate and
/// credit lines (as the reader classed them), empty paragraphs, and in-document repeats
/// (an exact repeat, or a teaser whose shingles all occur again in the body).
public struct Fingerprint: Sendable {
    /// Whether a paragraph counts as the article's own text, and if not, why.
    public enum Status: Sendable, Hashable {
        case counted
        case boilerplate
        case credit
        case empty
        /// Repeats the counted paragraph at this index (exactly, or as a teaser).
        case repeatOf(Int)
    }

    /// One paragraph's fingerprint.
    public struct ParagraphPrint: Sendable, Hashable {
        /// XXH3-64 of the normalized paragraph.
        public var hash: UInt64
        /// Number of word tokens.
        public var wordCount: Int
        /// Every k-shingle hash, in order; a paragraph shorter than k words has one, over all its words.
        public var shingles: [UInt64]
        /// Per size of ``FingerprintVersion/characterGramSizes``, the low 32 bits of the XXH3-64
        /// of every run of that many characters of the paragraph's words written without the
        /// spaces and punctuation between them, in order; a paragraph with fewer characters
        /// has one, over all of them. Only the grams no earlier counted paragraph has: the
        /// resemblance tier compares the grams of the counted paragraphs as one set. Empty
        /// under a version without the tier, and for a paragraph that does not count (a
        /// repeat's grams are its host's).
        public var characterGrams: [[UInt32]]
        /// Characters (Unicode scalars) in the tokens of a counted paragraph (0 for others).
        public var characterCount: Int
        public var status: Status
        /// Byte range of the normalized text in ``Fingerprint/normalizedBytes``.
        public var range: Range<Int>
    }

    /// A dateline found at the start of a paragraph and removed from the hashed text.
    public struct DatelineEvidence: Sendable, Hashable, Codable {
        public var paragraph: Int
        public var text: String
        public var agency: String?
    }

    public let version: FingerprintVersion
    /// Parallel to the article's paragraphs.
    public let paragraphs: [ParagraphPrint]
    /// All normalized paragraphs, back to back.
    public let normalizedBytes: [UInt8]
    /// XXH3-64 of the normalized title, if there is one.
    public let titleHash: UInt64?
    /// Winnowed shingle hashes of the counted paragraphs, sorted and unique.
    public let winnowed: [UInt64]
    public let datelines: [DatelineEvidence]
    /// Characters in the tokens of the counted paragraphs.
    public var countedCharacterCount: Int {
        paragraphs.reduce(0) { $0 + ($1.status == .counted ? $1.characterCount : 0) }
    }

    /// Fingerprints `article` under ``FingerprintVersion/current``.
    ///
    /// - Complexity: O(*n*) in the length of the text.
    public init(of article: Article) {
        self.init(of: article, characterGrams: true)
    }

    /// Fingerprints `article`; without `characterGrams` the paragraphs carry none (4 bytes per
    /// character and size), for a caller that never compares resemblance: ``VersionDiff``
    /// aligns paragraphs by their hashes, shingles and words only. Such a fingerprint is
    /// never stored or compared.
    init(of article: Article, characterGrams: Bool) {
        let version = FingerprintVersion.current
        var builder = FingerprintBuilder(shingleSize: version.shingleSize,
                                         characterGramSizes: characterGrams ? version.characterGramSizes : [])
        var datelines: [DatelineEvidence] = []
        for (index, paragraph) in article.paragraphs.enumerated() {
            var text = Substring(paragraph.text)
            if paragraph.role == .body, let dateline = Dateline.find(in: paragraph.text) {
                datelines.append(DatelineEvidence(paragraph: index, text: dateline.text, agency: dateline.agency))
                text = dateline.rest
            }
            builder.add(text, role: paragraph.role)
        }
        builder.markRepeats()
        builder.addCharacterGrams()
        self.version = version
        self.paragraphs = builder.paragraphs
        self.normalizedBytes = builder.bytes
        self.datelines = datelines
        self.titleHash = article.title.map { XXH3.hash64(Normalization.normalize($0)) }
        self.winnowed = Winnowing.select(from: builder.paragraphs.lazy.filter { $0.status == .counted }.map(\.shingles),
                                         window: version.window)
    }

    /// A fingerprint from its parts, as ``init(serialized:)`` restores one.
    init(version: FingerprintVersion, paragraphs: [ParagraphPrint], normalizedBytes: [UInt8], titleHash: UInt64?,
         winnowed: [UInt64], datelines: [DatelineEvidence]) {
        self.version = version
        self.paragraphs = paragraphs
        self.normalizedBytes = normalizedBytes
        self.titleHash = titleHash
        self.winnowed = winnowed
        self.datelines = datelines
    }

    /// The normalized text of paragraph `index`.
    public func normalizedText(ofParagraph index: Int) -> String {
        String(decoding: normalizedBytes[paragraphs[index].range], as: UTF8.self)
    }

    /// The normalized text of `count` words of paragraph `index` from word `start` (from 0),
    /// from the first word's first byte to the last word's last; `nil` for a restored
    /// fingerprint, which keeps no text.
    public func normalizedWords(ofParagraph index: Int, from start: Int, count: Int) -> String? {
        let range = paragraphs[index].range
        guard !range.isEmpty, count > 0 else { return nil }
        return normalizedBytes.withUnsafeBufferPointer { all in
            let text = UnsafeBufferPointer(rebasing: all[range])
            var word = 0, from = -1, to = -1
            Tokenizer.forEachToken(in: text) { token in
                if word == start { from = token.lowerBound }
                if word == start + count - 1 { to = token.upperBound }
                word += 1
            }
            guard from >= 0 else { return nil }
            if to < 0 { to = text.count }
            return String(decoding: UnsafeBufferPointer(rebasing: text[from..<to]), as: UTF8.self)
        }
    }

    /// Indices of the paragraphs that count as the article's text.
    public var countedParagraphs: [Int] {
        paragraphs.indices.filter { paragraphs[$0].status == .counted }
    }

    /// Words in the counted paragraphs.
    public var countedWordCount: Int {
        paragraphs.reduce(0) { $0 + ($1.status == .counted ? $1.wordCount : 0) }
    }
}
