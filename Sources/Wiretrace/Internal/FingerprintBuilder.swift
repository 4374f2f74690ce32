/// Normalizes, hashes and shingles paragraphs into one flat buffer, reusing its scratch
/// space from one paragraph to the next.
struct FingerprintBuilder: ~Copyable {
    let shingleSize: Int
    let characterGramSizes: [Int]
    var bytes: [UInt8] = []
    var paragraphs: [Fingerprint.ParagraphPrint] = []
    /// The token hashes of the paragraph being added. A paragraph has at most as many tokens
    /// as its normalized text has bytes (tokens are disjoint and never empty).
    private var tokenHashes: UnsafeMutableBufferPointer<UInt64>

    /// Scratch space of ``CharacterGrams``, kept from one paragraph to the next.
    private var grams = CharacterGrams.Scratch()

    init(shingleSize: Int, characterGramSizes: [Int]) {
        self.shingleSize = shingleSize
        self.characterGramSizes = characterGramSizes
        bytes.reserveCapacity(4096)
        tokenHashes = .allocate(capacity: 1024)
    }

    deinit { tokenHashes.deallocate() }

    mutating func add(_ text: Substring, role: Paragraph.Role) {
        let start = bytes.count
        var text = text
        let tokenCount = text.withUTF8 { appendNormalized($0) }
        let range = start..<bytes.count
        let hash = bytes.withUnsafeBytes { XXH3.hash64(UnsafeRawBufferPointer(rebasing: $0[range])) }
        let shingles = Shingles.hashes(ofTokenHashes: UnsafeBufferPointer(rebasing: tokenHashes[..<tokenCount]), size: shingleSize)
        let status: Fingerprint.Status
        switch role {
        case .boilerplate: status = .boilerplate
        case .credit: status = .credit
        case .body: status = tokenCount == 0 ? .empty : .counted
        }
        paragraphs.append(.init(hash: hash, wordCount: tokenCount, shingles: shingles, characterGrams: [],
                                characterCount: 0, status: status, range: range))
    }

    /// Gives each counted paragraph its character count and the character grams that no
    /// earlier counted paragraph has. Called once repeats are marked. The resemblance tier
    /// compares the grams of the counted paragraphs as sets, so a gram said again adds
    /// nothing; kept once, a page of one paragraph said a million times, or of a few thousand
    /// words used again and again, costs its distinct grams (8 bytes per character and the
    /// bulk of a fingerprint before), not every one.
    mutating func addCharacterGrams() {
        guard !characterGramSizes.isEmpty else { return }
        // Counted text has at most as many characters as bytes, so at most that many grams of
        // each size: the tables start that large (up to a bound) and rarely grow.
        let countedBytes = paragraphs.reduce(0) { $0 + ($1.status == .counted ? $1.range.count : 0) }
        let seen = characterGramSizes.map { _ in DistinctGrams(expected: countedBytes) }
        for index in paragraphs.indices where paragraphs[index].status == .counted {
            let range = paragraphs[index].range
            let (grams, count) = bytes.withUnsafeBufferPointer { all in
                self.grams.hashes(ofNormalized: UnsafeBufferPointer(rebasing: all[range]), sizes: characterGramSizes)
            }
            paragraphs[index].characterCount = count
            paragraphs[index].characterGrams = grams.indices.map { size in seen[size].keepingNew(grams[size]) }
        }
    }

    /// Appends the normalized form of `utf8` to ``bytes`` and puts the hash of each of its
    /// tokens in ``tokenHashes``; returns the number of tokens.
    private mutating func appendNormalized(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        // Most paragraphs: one pass that normalizes, finds tokens and hashes them. The simple
        // path never makes text longer, so the input's length bounds the tokens.
        reserveTokens(utf8.count)
        var hashes = TokenHashes(into: tokenHashes)
        if TextNormalizer.appendSimple(utf8, to: &bytes, tokens: &hashes) { return hashes.count }
        // The rest (ICU): normalize, then tokenize what was written.
        let start = bytes.count
        TextNormalizer.appendUnicode(utf8, to: &bytes)
        reserveTokens(bytes.count - start)
        hashes = TokenHashes(into: tokenHashes)
        bytes.withUnsafeBufferPointer { all in
            let text = UnsafeBufferPointer(rebasing: all[start...])
            guard let base = text.baseAddress else { return }
            Tokenizer.forEachToken(in: text) { token in hashes.add(base + token.lowerBound, count: token.count) }
        }
        return hashes.count
    }

    private mutating func reserveTokens(_ count: Int) {
        guard count > tokenHashes.count else { return }
        tokenHashes.deallocate()
        tokenHashes = .allocate(capacity: max(count, 2 * tokenHashes.count))
    }

    /// Marks in-document repeats: exact repeats of an earlier counted paragraph, then
    /// paragraphs (shortest first) whose shingles nearly all occur in the other counted
    /// paragraphs, such as the teaser block that opens the seed article.
    mutating func markRepeats() {
        markExactRepeats()
        // Most articles share no shingle between paragraphs, and then none is a repeat.
        let total = countedShingleCount
        guard anyCountedShingleTwice(total: total) else { return }
        // How many counted paragraphs hold each shingle.
        var occurrences = ShingleCounts(capacity: total)
        for paragraph in paragraphs where paragraph.status == .counted { occurrences.countOnce(paragraph.shingles, by: 1) }
        guard occurrences.sharedCount > 0 else { return }
        let candidates = paragraphs.indices
            .filter { paragraphs[$0].status == .counted && paragraphs[$0].shingles.count >= 3 }
            .sorted { paragraphs[$0].wordCount < paragraphs[$1].wordCount }
        var holders: SharedShingleHolders?
        for index in candidates {
            let (distinct, elsewhere) = occurrences.distinctAndShared(paragraphs[index].shingles)
            guard Double(elsewhere) >= Self.repeatCoverage * Double(distinct) else { continue }
            if holders == nil { holders = SharedShingleHolders(of: paragraphs, counts: &occurrences) }
            occurrences.countOnce(paragraphs[index].shingles, by: -1)
            // The host is the first other paragraph still counted that shares a shingle with it.
            paragraphs[index].status = .repeatOf(index)
            let host = holders!.firstCounted(sharingWith: paragraphs[index].shingles, in: paragraphs, counts: &occurrences)
            paragraphs[index].status = .repeatOf(host ?? index)
        }
    }

    /// The number of shingles (repeats included) of the counted paragraphs.
    private var countedShingleCount: Int {
        paragraphs.reduce(0) { $0 + ($1.status == .counted ? $1.shingles.count : 0) }
    }

    /// Whether some shingle occurs twice among the counted paragraphs (in one paragraph or in
    /// two; `total` shingles in all), from a table of the shingles alone: a hash, with 0 for
    /// an empty slot, at most a quarter of the slots full (a probe that finds its slot taken is
    /// a mispredicted branch, which costs more than the larger table). Cheaper than counting
    /// every shingle per paragraph, which only an article that repeats a shingle needs. A
    /// shingle hashed to 0 counts as seen twice, leaving the decision to the counts.
    private func anyCountedShingleTwice(total: Int) -> Bool {
        var size = 16
        while size < 4 * total { size <<= 1 }
        let mask = size - 1
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: size) { keys in
            keys.initialize(repeating: 0)
            for paragraph in paragraphs where paragraph.status == .counted {
                for shingle in paragraph.shingles {
                    guard shingle != 0 else { return true }
                    var index = Int(truncatingIfNeeded: shingle) & mask
                    while keys[index] != 0 {
                        if keys[index] == shingle { return true }
                        index = (index &+ 1) & mask
                    }
                    keys[index] = shingle
                }
            }
            return false
        }
    }

    /// Marks each counted paragraph whose hash an earlier counted paragraph has as a repeat of
    /// the first one. Sorting the few (hash, index) pairs finds them without hashing the
    /// hashes again, as a `Dictionary` would.
    private mutating func markExactRepeats() {
        var counted: [(hash: UInt64, index: Int)] = []
        counted.reserveCapacity(paragraphs.count)
        for (index, paragraph) in paragraphs.enumerated() where paragraph.status == .counted { counted.append((paragraph.hash, index)) }
        counted.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.index < $1.index }
        var first = 0
        for position in counted.indices.dropFirst() {
            if counted[position].hash == counted[position - 1].hash {
                paragraphs[counted[position].index].status = .repeatOf(counted[first].index)
            } else {
                first = position
            }
        }
    }

    /// Share of a paragraph's shingles found elsewhere in the article that makes it a repeat.
    static let repeatCoverage = 0.8
}

/// For each shingle that two or more counted paragraphs hold, those paragraphs in article
/// order, and a cursor past the first ones no longer counted (paragraphs only ever leave the
/// counted set). The first counted paragraph sharing a shingle with a repeat is then found in
/// time proportional to the repeat's shingles, plus cursor steps that add up, over the whole
/// article, to the number of (shingle, paragraph) pairs: a search of the article for each
/// repeat made an article of near repeats quadratic.
struct SharedShingleHolders {
    /// Per slot of the ``ShingleCounts`` table, the shingle's group, or -1 when fewer than two
    /// counted paragraphs hold it.
    private var groupOfSlot: [Int32]
    /// Group `g`'s holders are `holders[starts[g]..<starts[g + 1]]`, in article order.
    private var starts: [Int]
    private var holders: [Int32]
    /// Per group, the position in ``holders`` before which no paragraph is counted any more.
    private var cursors: [Int]

    /// Built from the counted paragraphs, whose shingles `counts` has counted.
    init(of paragraphs: [Fingerprint.ParagraphPrint], counts: inout ShingleCounts) {
        var groupOfSlot = [Int32](repeating: -1, count: counts.slotCount)
        var sizes: [Int] = []
        for paragraph in paragraphs where paragraph.status == .counted {
            counts.forEachDistinctSlot(of: paragraph.shingles) { slot, count in
                guard count > 1 else { return }
                if groupOfSlot[slot] < 0 {
                    groupOfSlot[slot] = Int32(sizes.count)
                    sizes.append(0)
                }
                sizes[Int(groupOfSlot[slot])] += 1
            }
        }
        var starts = [Int](repeating: 0, count: sizes.count + 1)
        for group in sizes.indices { starts[group + 1] = starts[group] + sizes[group] }
        var filled = Array(starts.dropLast())
        var holders = [Int32](repeating: 0, count: starts[sizes.count])
        for (index, paragraph) in paragraphs.enumerated() where paragraph.status == .counted {
            counts.forEachDistinctSlot(of: paragraph.shingles) { slot, _ in
                let group = groupOfSlot[slot]
                guard group >= 0 else { return }
                holders[filled[Int(group)]] = Int32(index)
                filled[Int(group)] += 1
            }
        }
        self.groupOfSlot = groupOfSlot
        self.cursors = Array(starts.dropLast())
        self.starts = starts
        self.holders = holders
    }

    /// The first paragraph still counted that holds one of `shingles`.
    mutating func firstCounted(sharingWith shingles: [UInt64], in paragraphs: [Fingerprint.ParagraphPrint],
                               counts: inout ShingleCounts) -> Int? {
        var first: Int?
        counts.forEachDistinctSlot(of: shingles) { slot, _ in
            let group = Int(groupOfSlot[slot])
            guard group >= 0 else { return }
            var cursor = cursors[group]
            let end = starts[group + 1]
            while cursor < end && paragraphs[Int(holders[cursor])].status != .counted { cursor += 1 }
            cursors[group] = cursor
            if cursor < end { first = min(first ?? Int.max, Int(holders[cursor])) }
        }
        return first
    }
}

/// Per shingle hash, the number of paragraphs it occurs in: an open-addressing table
/// (linear probing, at most two thirds full) that indexes by the hash's low bits. Shingle hashes are XXH3 outputs, uniformly spread, so
/// hashing them again (as `Dictionary` does, with SipHash) is wasted work, and counting each
/// distinct shingle of a paragraph once needs no `Set`: a slot remembers the last pass that
/// touched it.
struct ShingleCounts {
    private struct Slot {
        var key: UInt64
        var count: Int32
        /// The pass that last touched the slot; 0 marks an empty slot.
        var pass: Int32
    }

    private var slots: [Slot]
    private let mask: Int
    private var pass: Int32 = 0
    /// How many hashes count more than 1 (as of the last change).
    private(set) var sharedCount = 0

    init(capacity: Int) {
        var size = 16
        while size < capacity + capacity / 2 { size <<= 1 }
        slots = Array(repeating: Slot(key: 0, count: 0, pass: 0), count: size)
        mask = size - 1
    }

    /// Adds `delta` to the count of each distinct hash in `shingles`.
    mutating func countOnce(_ shingles: [UInt64], by delta: Int32) {
        pass += 1
        let pass = pass, mask = mask
        var shared = sharedCount
        defer { sharedCount = shared }
        slots.withUnsafeMutableBufferPointer { slots in
            for shingle in shingles {
                let index = Self.slot(of: shingle, in: slots, mask: mask)
                if slots[index].pass != pass {
                    slots[index].pass = pass
                    let before = slots[index].count
                    let after = before &+ delta
                    slots[index].count = after
                    if (before > 1) != (after > 1) { shared &+= after > 1 ? 1 : -1 }
                }
            }
        }
    }

    /// The number of distinct hashes in `shingles`, and how many of them count more than 1.
    mutating func distinctAndShared(_ shingles: [UInt64]) -> (distinct: Int, shared: Int) {
        pass += 1
        let pass = pass, mask = mask
        return slots.withUnsafeMutableBufferPointer { slots in
            var distinct = 0, shared = 0
            for shingle in shingles {
                let index = Self.slot(of: shingle, in: slots, mask: mask)
                if slots[index].pass != pass {
                    slots[index].pass = pass
                    distinct += 1
                    if slots[index].count > 1 { shared += 1 }
                }
            }
            return (distinct, shared)
        }
    }

    /// The number of slots; a slot stands for one hash as long as the table lives.
    var slotCount: Int { slots.count }

    /// Calls `body` with the slot and the count of each distinct hash in `shingles`, which
    /// must all have been counted.
    mutating func forEachDistinctSlot(of shingles: [UInt64], _ body: (_ slot: Int, _ count: Int32) -> Void) {
        pass += 1
        let pass = pass, mask = mask
        slots.withUnsafeMutableBufferPointer { slots in
            for shingle in shingles {
                let index = Self.slot(of: shingle, in: slots, mask: mask)
                if slots[index].pass != pass {
                    slots[index].pass = pass
                    body(index, slots[index].count)
                }
            }
        }
    }

    /// The slot of `key`, claimed if it is not in the table yet.
    @inline(__always)
    private static func slot(of key: UInt64, in slots: UnsafeMutableBufferPointer<Slot>, mask: Int) -> Int {
        var index = Int(truncatingIfNeeded: key) & mask
        while slots[index].pass != 0 {
            if slots[index].key == key { return index }
            index = (index + 1) & mask
        }
        slots[index] = Slot(key: key, count: 0, pass: -1)
        return index
    }
}

/// Hashes each token the normalizer reports into a buffer with room for all of them.
struct TokenHashes: TextNormalizer.TokenSink {
    private let buffer: UnsafeMutableBufferPointer<UInt64>
    private(set) var count = 0

    init(into buffer: UnsafeMutableBufferPointer<UInt64>) { self.buffer = buffer }

    @inline(__always)
    mutating func add(_ start: UnsafePointer<UInt8>, count length: Int) {
        buffer[count] = XXH3.hash64(UnsafeRawBufferPointer(start: start, count: length))
        count &+= 1
    }
}

enum Shingles {
    /// The k-shingle hashes of a token sequence: XXH3 over each run of k token hashes. A
    /// sequence shorter than k gives one hash over all its tokens.
    static func hashes(ofTokenHashes tokens: UnsafeBufferPointer<UInt64>, size: Int) -> [UInt64] {
        guard let base = tokens.baseAddress, !tokens.isEmpty else { return [] }
        let raw = UnsafeRawPointer(base), stride = MemoryLayout<UInt64>.stride
        guard tokens.count >= size else { return [XXH3.hash64(UnsafeRawBufferPointer(start: raw, count: tokens.count * stride))] }
        let count = tokens.count - size + 1
        return [UInt64](unsafeUninitializedCapacity: count) { result, initialized in
            for start in 0..<count {
                result[start] = XXH3.hash64(UnsafeRawBufferPointer(start: raw + start * stride, count: size * stride))
            }
            initialized = count
        }
    }
}

enum Winnowing {
    /// Winnowing (Schleimer, Wilkerson and Aiken, 2003): the minimum hash of every window of
    /// `window` consecutive shingles, the rightmost on ties, each position taken once.
    /// Sequences shorter than a window keep all their hashes. Returns sorted unique hashes.
    ///
    /// Only the hashes are kept, not their positions, so the result is the set of the
    /// windows' minimum values: a window that takes the same position as the one before takes
    /// the same value, and a tie between positions is a tie between equal values. That set is
    /// computed without a branch on the (random) hashes, which would be mispredicted about as
    /// often as not: the minima of all windows at once, folding in one more shingle per pass,
    /// then each run of equal minima kept once.
    static func select(from sequences: some Sequence<[UInt64]>, window: Int) -> [UInt64] {
        let total = sequences.reduce(0) { $0 + $1.count }
        let selected = [UInt64](unsafeUninitializedCapacity: total) { selected, initialized in
            var count = 0
            for sequence in sequences {
                sequence.withUnsafeBufferPointer { hashes in
                    guard hashes.count > window else {
                        for hash in hashes { selected[count] = hash; count &+= 1 }
                        return
                    }
                    // The windows' minima, in the space after what is kept so far (there is
                    // room: a sequence has more hashes than windows).
                    let windows = hashes.count - window + 1
                    let minima = UnsafeMutableBufferPointer(rebasing: selected[count..<(count + windows)])
                    for start in 0..<windows { minima[start] = hashes[start] }
                    for offset in 1..<window {
                        for start in 0..<windows { minima[start] = min(minima[start], hashes[start + offset]) }
                    }
                    // Keep each run of equal minima once, moving them down in place. The step is
                    // 1 when the minimum changes, worked out with bit operations: written as a
                    // comparison, the compiler makes it a branch.
                    var last = minima[0]
                    count &+= 1
                    for start in 1..<windows {
                        let minimum = minima[start]
                        selected[count] = minimum
                        let change = minimum ^ last
                        count &+= Int(truncatingIfNeeded: (change | (0 &- change)) >> 63)
                        last = minimum
                    }
                }
            }
            initialized = count
        }
        return HashSort.sortedUnique(selected)
    }
}

enum CharacterGrams {
    /// The multiplier of the grams' polynomial hash (odd, with its bits spread).
    static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Prefix hashes reused from one paragraph to the next.
    struct Scratch: ~Copyable {
        private var prefix: UnsafeMutableBufferPointer<UInt64> = .allocate(capacity: 1024)

        deinit { prefix.deallocate() }

        /// The gram hashes of normalized text for each size, and its number of characters: the
        /// characters of its tokens taken back to back (no spaces, no punctuation), and for each
        /// run of `size` of them ``hash(of:)``. Text with fewer characters gives one hash over
        /// all of them; text without tokens none.
        ///
        /// One pass over the bytes keeps the polynomial hash of every prefix of the characters;
        /// a gram's polynomial is then the difference of two prefixes, one multiplication, for
        /// any size. An XXH3 call per gram and size (two per character) made fingerprinting
        /// several times slower.
        mutating func hashes(ofNormalized text: UnsafeBufferPointer<UInt8>, sizes: [Int]) -> ([[UInt32]], Int) {
            if prefix.count < text.count + 1 {
                prefix.deallocate()
                prefix = .allocate(capacity: max(text.count + 1, 2 * prefix.count))
            }
            let prefix = prefix, multiplier = CharacterGrams.multiplier
            prefix[0] = 0
            var count = 0
            Tokenizer.forEachToken(in: text) { token in
                var index = token.lowerBound
                while index < token.upperBound {
                    let byte = text[index]
                    let scalar: UInt32
                    if byte < 0x80 {
                        scalar = UInt32(byte); index += 1
                    } else {
                        let (decoded, length) = Tokenizer.decodeScalar(text, at: index)
                        scalar = decoded.value; index += length
                    }
                    prefix[count + 1] = prefix[count] &* multiplier &+ UInt64(scalar) &+ 1
                    count += 1
                }
            }
            guard count > 0 else { return (sizes.map { _ in [] }, 0) }
            let grams = sizes.map { wanted -> [UInt32] in
                let size = min(wanted, count)
                var power: UInt64 = 1
                for _ in 0..<size { power = power &* multiplier }
                let grams = count - size + 1
                return [UInt32](unsafeUninitializedCapacity: grams) { out, initialized in
                    for start in 0..<grams {
                        // count·M^n + Σ (scalar + 1)·M^(n-1-j), from the prefixes.
                        let value = prefix[start + size] &+ (UInt64(size) &- prefix[start]) &* power
                        out[start] = CharacterGrams.finish(value)
                    }
                    initialized = grams
                }
            }
            return (grams, count)
        }
    }

    /// The MurmurHash3 64-bit finalizer, high 32 bits.
    @inline(__always)
    static func finish(_ polynomial: UInt64) -> UInt32 {
        var value = polynomial
        value ^= value >> 33
        value = value &* 0xFF51_AFD7_ED55_8CCD
        value ^= value >> 33
        value = value &* 0xC4CE_B9FE_1A85_EC53
        value ^= value >> 33
        return UInt32(truncatingIfNeeded: value >> 32)
    }

    /// The hash of a run of characters given by their scalar values: the polynomial that
    /// starts at the run's length and takes, for each character, value × multiplier + scalar
    /// + 1 (so that no character is a zero term), then the MurmurHash3 finalizer, of which
    /// the high 32 bits are kept. The definition ``Scratch`` computes from prefixes.
    static func hash(of scalars: [UInt32]) -> UInt32 {
        var value = UInt64(scalars.count)
        for scalar in scalars { value = value &* multiplier &+ UInt64(scalar) &+ 1 }
        return finish(value)
    }

    /// How much of the distinct grams of size number `size` of A's counted paragraphs occur
    /// among B's, and the reverse. Two sets of the grams (``DistinctGrams``: they are hashes
    /// already, so their low bits place them), the second counting each new gram of B found
    /// in the first: no sort, which took most of the tier's time.
    static func containment(_ a: Fingerprint, _ b: Fingerprint, size: Int) -> (aInB: Double, bInA: Double) {
        func total(_ print: Fingerprint) -> Int {
            print.paragraphs.reduce(0) { $0 + ($1.status == .counted && size < $1.characterGrams.count ? $1.characterGrams[size].count : 0) }
        }
        let totalA = total(a), totalB = total(b)
        guard totalA > 0, totalB > 0 else { return (0, 0) }
        let tableA = DistinctGrams(expected: totalA), tableB = DistinctGrams(expected: totalB)
        for paragraph in a.paragraphs where paragraph.status == .counted && size < paragraph.characterGrams.count {
            for gram in paragraph.characterGrams[size] { _ = tableA.insert(gram) }
        }
        var shared = 0
        for paragraph in b.paragraphs where paragraph.status == .counted && size < paragraph.characterGrams.count {
            for gram in paragraph.characterGrams[size] where tableB.insert(gram) && tableA.contains(gram) { shared += 1 }
        }
        return (Double(shared) / Double(tableA.count), Double(shared) / Double(tableB.count))
    }
}

/// A growing set of gram hashes: open addressing in one buffer, 0 for an empty slot and the
/// gram 0 kept apart, at most half full. A class so that its buffer is freed once.
final class DistinctGrams {
    private var slots: UnsafeMutableBufferPointer<UInt32>
    /// The grams in the set (0 among them when it was added).
    private(set) var count = 0
    private var holdsZero = false

    /// A set sized for about `expected` grams (up to a million slots; it grows past them).
    init(expected: Int = 0) {
        var capacity = 64
        while capacity < 2 * expected && capacity < 1 << 20 { capacity <<= 1 }
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0)
    }

    deinit { slots.deallocate() }

    /// The grams of `grams` not in the set yet, in order; adds them.
    func keepingNew(_ grams: [UInt32]) -> [UInt32] {
        // Most paragraphs of an article bring only new grams: they are given back as they are,
        // and a copy is made from the first gram already seen.
        var kept: [UInt32]?
        for (position, gram) in grams.enumerated() {
            if insert(gram) { kept?.append(gram) } else if kept == nil { kept = Array(grams[..<position]) }
        }
        return kept ?? grams
    }

    /// Adds `gram`; returns whether it was new.
    @inline(__always)
    func insert(_ gram: UInt32) -> Bool {
        if gram == 0 {
            defer { holdsZero = true }
            if !holdsZero { count += 1 }
            return !holdsZero
        }
        if 2 * (count + 1) > slots.count { grow() }
        let mask = slots.count - 1
        var index = Int(gram) & mask
        while slots[index] != 0 {
            if slots[index] == gram { return false }
            index = (index + 1) & mask
        }
        slots[index] = gram
        count += 1
        return true
    }

    @inline(__always)
    func contains(_ gram: UInt32) -> Bool {
        if gram == 0 { return holdsZero }
        let mask = slots.count - 1
        var index = Int(gram) & mask
        while slots[index] != 0 {
            if slots[index] == gram { return true }
            index = (index + 1) & mask
        }
        return false
    }

    private func grow() {
        let old = slots
        slots = .allocate(capacity: 2 * old.count)
        slots.initialize(repeating: 0)
        let mask = slots.count - 1
        for gram in old where gram != 0 {
            var index = Int(gram) & mask
            while slots[index] != 0 { index = (index + 1) & mask }
            slots[index] = gram
        }
        old.deallocate()
    }
}
