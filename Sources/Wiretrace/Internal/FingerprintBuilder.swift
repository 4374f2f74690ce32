/// Normalizes, hashes and shingles paragraphs into one flat buffer, reusing its scratch
/// space from one paragraph to the next.
struct FingerprintBuilder {
    let shingleSize: Int
    var bytes: [UInt8] = []
    var paragraphs: [Fingerprint.ParagraphPrint] = []
    private var tokenHashes: [UInt64] = []

    init(shingleSize: Int) {
        self.shingleSize = shingleSize
        bytes.reserveCapacity(4096)
        tokenHashes.reserveCapacity(256)
    }

    mutating func add(_ text: Substring, role: Paragraph.Role) {
        let start = bytes.count
        var text = text
        text.withUTF8 { TextNormalizer.appendNormalized(utf8: $0, to: &bytes) }
        let range = start..<bytes.count
        tokenHashes.removeAll(keepingCapacity: true)
        let hash = bytes.withUnsafeBufferPointer { all -> UInt64 in
            let slice = UnsafeBufferPointer(rebasing: all[range])
            Tokenizer.forEachToken(in: slice) { token in
                tokenHashes.append(XXH3.hash64(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: slice[token]))))
            }
            return XXH3.hash64(UnsafeRawBufferPointer(slice))
        }
        let shingles = Shingles.hashes(ofTokenHashes: tokenHashes, size: shingleSize)
        let status: Fingerprint.Status
        switch role {
        case .boilerplate: status = .boilerplate
        case .credit: status = .credit
        case .body: status = tokenHashes.isEmpty ? .empty : .counted
        }
        paragraphs.append(.init(hash: hash, wordCount: tokenHashes.count, shingles: shingles, status: status, range: range))
    }

    /// Marks in-document repeats: exact repeats of an earlier counted paragraph, then
    /// paragraphs (shortest first) whose shingles nearly all occur in the other counted
    /// paragraphs, such as the teaser block that opens the seed article.
    mutating func markRepeats() {
        var firstWithHash: [UInt64: Int] = [:]
        for index in paragraphs.indices where paragraphs[index].status == .counted {
            if let first = firstWithHash[paragraphs[index].hash] {
                paragraphs[index].status = .repeatOf(first)
            } else {
                firstWithHash[paragraphs[index].hash] = index
            }
        }
        var occurrences: [UInt64: Int] = [:]
        for paragraph in paragraphs where paragraph.status == .counted {
            for shingle in Set(paragraph.shingles) { occurrences[shingle, default: 0] += 1 }
        }
        let candidates = paragraphs.indices
            .filter { paragraphs[$0].status == .counted && paragraphs[$0].shingles.count >= 3 }
            .sorted { paragraphs[$0].wordCount < paragraphs[$1].wordCount }
        for index in candidates {
            let own = Set(paragraphs[index].shingles)
            let elsewhere = own.filter { occurrences[$0, default: 0] > 1 }.count
            guard Double(elsewhere) >= Self.repeatCoverage * Double(own.count) else { continue }
            for shingle in own { occurrences[shingle, default: 0] -= 1 }
            let host = paragraphs.indices.first { other in
                other != index && paragraphs[other].status == .counted
                    && paragraphs[other].shingles.contains { own.contains($0) }
            } ?? index
            paragraphs[index].status = .repeatOf(host)
        }
    }

    /// Share of a paragraph's shingles found elsewhere in the article that makes it a repeat.
    static let repeatCoverage = 0.8
}

enum Shingles {
    /// The k-shingle hashes of a token sequence: XXH3 over each run of k token hashes. A
    /// sequence shorter than k gives one hash over all its tokens.
    static func hashes(ofTokenHashes tokens: [UInt64], size: Int) -> [UInt64] {
        guard !tokens.isEmpty else { return [] }
        return tokens.withUnsafeBytes { raw in
            let stride = MemoryLayout<UInt64>.stride
            guard tokens.count >= size else { return [XXH3.hash64(raw)] }
            var result: [UInt64] = []
            result.reserveCapacity(tokens.count - size + 1)
            for start in 0...(tokens.count - size) {
                result.append(XXH3.hash64(UnsafeRawBufferPointer(rebasing: raw[(start * stride)..<((start + size) * stride)])))
            }
            return result
        }
    }
}

enum Winnowing {
    /// Winnowing (Schleimer, Wilkerson and Aiken, 2003): the minimum hash of every window of
    /// `window` consecutive shingles, the rightmost on ties, each position taken once.
    /// Sequences shorter than a window keep all their hashes. Returns sorted unique hashes.
    static func select(from sequences: [[UInt64]], window: Int) -> [UInt64] {
        var selected: [UInt64] = []
        for hashes in sequences {
            guard hashes.count > window else { selected.append(contentsOf: hashes); continue }
            var lastPosition = -1
            for start in 0...(hashes.count - window) {
                var minimum = start
                for position in start..<(start + window) where hashes[position] <= hashes[minimum] {
                    minimum = position
                }
                if minimum != lastPosition {
                    selected.append(hashes[minimum])
                    lastPosition = minimum
                }
            }
        }
        selected.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(selected.count)
        for hash in selected where unique.last != hash { unique.append(hash) }
        return unique
    }
}
