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
        let oldWords = words(of: old), newWords = words(of: new)
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

    /// The words of `text`, split at white space. ASCII text (most of it) is split on its bytes:
    /// there the white-space characters are exactly tab, line feed, vertical tab, form feed,
    /// carriage return and space, and testing each `Character` took a fifth of a long diff.
    static func words(of text: String) -> [Substring] {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return text.split(whereSeparator: \.isWhitespace) }
        var words: [Substring] = []
        var start: String.Index?
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                if let wordStart = start { words.append(text[wordStart..<index]); start = nil }
            } else if start == nil {
                start = index
            }
            index = utf8.index(after: index)
        }
        if let wordStart = start { words.append(text[wordStart...]) }
        return words
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

    /// Dice coefficient of two token multisets, each given as its hashes sorted: 1 for the
    /// same words in any order.
    static func bagSimilarity(sorted a: [UInt64], _ b: [UInt64]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        return 2 * Double(sharedCount(sorted: a, b)) / Double(a.count + b.count)
    }

    /// Share of `part`'s tokens found in `whole` (as multisets), both sorted.
    static func containment(ofSorted part: [UInt64], in whole: [UInt64]) -> Double {
        guard !part.isEmpty else { return 0 }
        return Double(sharedCount(sorted: part, whole)) / Double(part.count)
    }

    /// Size of the multiset intersection of sorted `a` and `b`, in one merge, without a table.
    private static func sharedCount(sorted a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0, j = 0, shared = 0
        while i < a.count && j < b.count {
            if a[i] < b[j] { i += 1 } else if a[i] > b[j] { j += 1 } else { shared += 1; i += 1; j += 1 }
        }
        return shared
    }
}
