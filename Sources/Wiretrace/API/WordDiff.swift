/// A word-level difference of two paragraphs, as `git diff --word-diff` shows it.
public enum WordDiff {
    /// A run of words kept, added or removed.
    public struct Segment: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable { case same, added, removed }
        public var kind: Kind
        /// The words as written in their version, separated by single spaces.
        public var text: String
        /// Number of words in the run.
        public var wordCount: Int
    }

    /// The words of `old` and `new` aligned with Myers' algorithm. Words are compared in
    /// their normalized form, so a change of quote style or case is not a change here;
    /// punctuation attached to a word is.
    public static func segments(from old: String, to new: String) -> [Segment] {
        let oldWords = old.split(whereSeparator: \.isWhitespace)
        let newWords = new.split(whereSeparator: \.isWhitespace)
        let oldKeys = oldWords.map { XXH3.hash64(Normalization.normalize(String($0))) }
        let newKeys = newWords.map { XXH3.hash64(Normalization.normalize(String($0))) }
        var segments: [Segment] = []
        func append(_ kind: Segment.Kind, _ word: Substring) {
            if let last = segments.last, last.kind == kind {
                segments[segments.count - 1].text += " " + word
                segments[segments.count - 1].wordCount += 1
            } else {
                segments.append(Segment(kind: kind, text: String(word), wordCount: 1))
            }
        }
        // Removals before additions within a hunk, as word diffs are read.
        var pendingAdded: [Substring] = []
        for operation in Myers.difference(oldKeys, newKeys) {
            switch operation {
            case .equal(_, let index):
                for word in pendingAdded { append(.added, word) }
                pendingAdded.removeAll()
                append(.same, newWords[index])
            case .delete(let index):
                append(.removed, oldWords[index])
            case .insert(let index):
                pendingAdded.append(newWords[index])
            }
        }
        for word in pendingAdded { append(.added, word) }
        return segments
    }
}

/// Word tokens of raw text, as the fingerprint sees them.
enum Tokens {
    /// XXH3 hashes of the word tokens of `text` after normalization.
    static func hashes(of text: String) -> [UInt64] {
        var bytes: [UInt8] = []
        TextNormalizer.appendNormalized(text, to: &bytes)
        return hashes(ofNormalized: bytes[...])
    }

    static func hashes(ofNormalized bytes: ArraySlice<UInt8>) -> [UInt64] {
        var result: [UInt64] = []
        bytes.withUnsafeBufferPointer { buffer in
            Tokenizer.forEachToken(in: buffer) { range in
                result.append(XXH3.hash64(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[range]))))
            }
        }
        return result
    }

    /// Whether two texts have the same words in the same order (they may differ in
    /// punctuation, quotes, case and white space).
    static func sameWords(_ a: String, _ b: String) -> Bool { hashes(of: a) == hashes(of: b) }

    /// Dice coefficient of the two token multisets: 1 for the same words in any order.
    static func bagSimilarity(_ a: [UInt64], _ b: [UInt64]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        return 2 * Double(sharedCount(a, b)) / Double(a.count + b.count)
    }

    /// ``bagSimilarity(_:_:)`` of token hashes already sorted: the multiset intersection in
    /// one merge, without a table.
    static func bagSimilarity(sorted a: [UInt64], _ b: [UInt64]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        var i = 0, j = 0, shared = 0
        while i < a.count && j < b.count {
            if a[i] < b[j] { i += 1 } else if a[i] > b[j] { j += 1 } else { shared += 1; i += 1; j += 1 }
        }
        return 2 * Double(shared) / Double(a.count + b.count)
    }

    /// Share of `part`'s tokens found in `whole` (as multisets).
    static func containment(of part: [UInt64], in whole: [UInt64]) -> Double {
        guard !part.isEmpty else { return 0 }
        return Double(sharedCount(part, whole)) / Double(part.count)
    }

    /// Size of the multiset intersection of `a` and `b`.
    private static func sharedCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var counts: [UInt64: Int] = [:]
        for token in b { counts[token, default: 0] += 1 }
        var shared = 0
        for token in a where counts[token, default: 0] > 0 {
            counts[token]! -= 1
            shared += 1
        }
        return shared
    }
}
