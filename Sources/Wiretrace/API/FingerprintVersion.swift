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

    public init(normalization: Int, shingleSize: Int, window: Int, characterGramSizes: [Int] = []) {
        self.normalization = normalization
        self.shingleSize = shingleSize
        self.window = window
        self.characterGramSizes = characterGramSizes
    }

    /// The version this build computes. The choice of k = 5 and w = 4 is explained, with its
    /// measurements, in the "Fingerprints" article of the documentation; the choice of c = 5 and 8
    /// in "Reaching a verdict" (`Scripts/study-reuse`).
    public static let current = FingerprintVersion(normalization: Normalization.version, shingleSize: 5, window: 4,
                                                   characterGramSizes: [5, 8])

    /// The shortest shared run of words that winnowing is guaranteed to find.
    public var guaranteedRun: Int { window + shingleSize - 1 }

    /// `n1-k5-w4-c5c8` (`n1-k5-w4` for the first version, which had no character grams).
    public var description: String {
        "n\(normalization)-k\(shingleSize)-w\(window)" + (characterGramSizes.isEmpty ? "" : "-" + characterGramSizes.map { "c\($0)" }.joined())
    }
}
