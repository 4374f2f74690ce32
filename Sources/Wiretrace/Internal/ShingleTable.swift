/// The counted shingles of one fingerprint, for ``Comparison``: which distinct shingles it
/// holds, and which counted paragraphs hold each one.
///
/// An open-addressing table (linear probing) over the hashes, with the paragraphs of each
/// shingle chained through flat arrays. Linking a mirror compares tens of thousands of
/// pairs, and Swift's `Set` and `Dictionary` spent most of that time in SipHash and in
/// allocating one array per shingle; shingles are XXH3 hashes already, so a multiplicative
/// mix of the key is enough to place them.
struct ShingleTable {
    /// Shingle hash of each slot; meaningful where `heads` is not -1.
    private let keys: [UInt64]
    /// First entry of each slot's chain, -1 for an empty slot.
    private let heads: [Int32]
    private let shift: UInt64
    /// Chain entries, one per distinct shingle of each paragraph: the paragraph, and the
    /// next entry of the same shingle (-1 ends the chain).
    private let entryParagraph: [Int32]
    private let entryNext: [Int32]
    /// The shingle of each entry, so that a paragraph's entries list its distinct shingles.
    private let entryShingle: [UInt64]
    /// The distinct shingles, in first-occurrence order.
    let distinct: [UInt64]
    /// Each paragraph's entries, in first-occurrence order of its distinct shingles:
    /// `paragraphStart[i]..<paragraphStart[i + 1]`; empty for paragraphs that do not count.
    private let paragraphStart: [Int]

    init(_ fingerprint: Fingerprint) {
        var total = 0
        for paragraph in fingerprint.paragraphs where paragraph.status == .counted { total += paragraph.shingles.count }
        var bits: UInt64 = 4
        while (1 << bits) < 2 * total { bits += 1 }
        let shift = 64 - bits, mask = (1 << Int(bits)) - 1
        var keys = [UInt64](repeating: 0, count: 1 << bits)
        var heads = [Int32](repeating: -1, count: 1 << bits)
        var entryParagraph = [Int32](repeating: 0, count: total)
        var entryNext = [Int32](repeating: 0, count: total)
        var distinct = [UInt64](repeating: 0, count: total)
        var entryShingle = [UInt64](repeating: 0, count: total)
        var paragraphStart = [Int](repeating: 0, count: fingerprint.paragraphs.count + 1)
        var entries = 0, distinctCount = 0
        // One pass over raw buffers: through the arrays, every store checked uniqueness and
        // bounds, and building the tables was most of a comparison's time.
        keys.withUnsafeMutableBufferPointer { keys in
            heads.withUnsafeMutableBufferPointer { heads in
                entryParagraph.withUnsafeMutableBufferPointer { entryParagraph in
                    entryNext.withUnsafeMutableBufferPointer { entryNext in
                        distinct.withUnsafeMutableBufferPointer { distinct in entryShingle.withUnsafeMutableBufferPointer { entryShingle in
                            for (index, paragraph) in fingerprint.paragraphs.enumerated() {
                                paragraphStart[index] = entries
                                guard paragraph.status == .counted else { continue }
                                let own = Int32(index)
                                for shingle in paragraph.shingles {
                                    var slot = Int(truncatingIfNeeded: (shingle &* 0x9E37_79B9_7F4A_7C15) >> shift)
                                    while heads[slot] != -1 && keys[slot] != shingle { slot = (slot + 1) & mask }
                                    let head = heads[slot]
                                    if head == -1 {
                                        keys[slot] = shingle
                                        distinct[distinctCount] = shingle
                                        distinctCount += 1
                                    } else if entryParagraph[Int(head)] == own {
                                        // Paragraphs are added in order, so a shingle this paragraph already holds heads its chain.
                                        continue
                                    }
                                    heads[slot] = Int32(entries)
                                    entryParagraph[entries] = own
                                    entryNext[entries] = head
                                    entryShingle[entries] = shingle
                                    entries += 1
                                }
                            }
                        } }
                    }
                }
            }
        }
        paragraphStart[fingerprint.paragraphs.count] = entries
        distinct.removeLast(total - distinctCount)
        entryShingle.removeLast(total - entries)
        self.keys = keys
        self.heads = heads
        self.shift = shift
        self.entryParagraph = entryParagraph
        self.entryNext = entryNext
        self.distinct = distinct
        self.entryShingle = entryShingle
        self.paragraphStart = paragraphStart
    }

    /// The slot holding `shingle`, or the empty slot where it would go.
    @inline(__always)
    private func slot(of shingle: UInt64) -> Int {
        let mask = heads.count - 1
        var slot = Int(truncatingIfNeeded: (shingle &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while heads[slot] != -1 && keys[slot] != shingle { slot = (slot + 1) & mask }
        return slot
    }

    func contains(_ shingle: UInt64) -> Bool { heads[slot(of: shingle)] != -1 }

    /// The distinct shingles of paragraph `index`.
    func shingles(ofParagraph index: Int) -> ArraySlice<UInt64> {
        entryShingle[paragraphStart[index]..<paragraphStart[index + 1]]
    }

    /// Calls `body` with each counted paragraph that holds `shingle`.
    @inline(__always)
    func forEachParagraph(holding shingle: UInt64, _ body: (Int) -> Void) {
        var entry = heads[slot(of: shingle)]
        while entry != -1 {
            body(Int(entryParagraph[Int(entry)]))
            entry = entryNext[Int(entry)]
        }
    }
}
