/// The rules a fingerprint was made under. Fingerprints of different versions are never
/// compared: an index built under another version is fingerprinted again.
public struct FingerprintVersion: Sendable, Hashable, Codable, CustomStringConvertible {
    /// ``Normalization/version`` of the text that was hashed.
    public var normalization: Int
    /// Words (tokens) per shingle, *k*.
    public var shingleSize: Int
    /// Winnowing window, *w*: any shared run of at least *w* + *k* − 1 words shares a
    /// selected shingle.
    public var window: Int
    /// Characters per character gram of the resemblance tier (grams of the words with the
    /// spaces and punctuation between them removed), one size for texts of short words and
    /// one for texts of long words, shortest first; empty for a version without that tier
    /// (`n1-k5-w4`).
    public var characterGramSizes: [Int]
    /// The share of the character grams kept, as its inverse *m* (a power of two): only grams
    /// whose hash is 0 modulo *m*, the same sample in every text, so that the containment of
    /// the samples estimates the containment of all the grams (Broder's "0 mod p" sampling);
    /// 1 keeps every gram (`n1-k5-w4-c5c8`).
    public var characterGramSampling: Int

    public init(normalization: Int, shingleSize: Int, window: Int, characterGramSizes: [Int] = [], characterGramSampling: Int = 1) {
        precondition(characterGramSampling > 0 && characterGramSampling & (characterGramSampling - 1) == 0,
                     "the character-gram sampling is a power of two")
        self.normalization = normalization
        self.shingleSize = shingleSize
        self.window = window
        self.characterGramSizes = characterGramSizes
        self.characterGramSampling = characterGramSampling
    }

    /// The version this build computes. The choice of k = 5 and w = 4 is explained, with its
    /// measurements, in the "Fingerprints" article of the documentation; the choice of c = 5 and 8
    /// in "Reaching a verdict" (`Scripts/study-reuse`), and so is the sampling of 4 (8 lost 0.03 of
    /// recall and 3-way accuracy on the COUNTER development pairs, 4 kept both within 0.01).
    public static let current = FingerprintVersion(normalization: Normalization.version, shingleSize: 5, window: 4,
                                                   characterGramSizes: [5, 8], characterGramSampling: 4)

    /// The shortest shared run of words that winnowing is guaranteed to find.
    public var guaranteedRun: Int { window + shingleSize - 1 }

    /// `n1-k5-w4-c5c8s4` (`n1-k5-w4` for the first version, which had no character grams,
    /// `n1-k5-w4-c5c8` for the one that kept all of them).
    public var description: String {
        "n\(normalization)-k\(shingleSize)-w\(window)" + (characterGramSizes.isEmpty ? "" : "-" + characterGramSizes.map { "c\($0)" }.joined())
            + (characterGramSampling > 1 ? "s\(characterGramSampling)" : "")
    }
}
