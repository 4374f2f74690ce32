/// The counted shingles of one fingerprint, for ``Comparison``: which distinct shingles it
/// holds, and which counted paragraphs hold each one.
///
/// An open-addressing table (linear probing) over the hashes, with the paragraphs of each
/// shingle chained through two flat arrays. Linking a mirror compares tens of thousands of
/// pairs, and Swift's `Set` and `Dictionary` spent most of that time in SipHash and in
/// allocating one array per shingle; shingles are XXH3 hashes already, so a multiplicative
/// mix of the key is enough to place them.
struct ShingleTable {
    /// Shingle hash of each slot; meaningful where `heads` is not -1.
    private var keys: [UInt64]
    /// First entry of each slot's chain, -1 for an empty slot.
    private var heads: [Int32]
    private let shift: UInt64
    /// Chain entries: a paragraph index, and the next entry of the same shingle (-1 ends it).
    private var entryParagraph: [Int32] = []
    private var entryNext: [Int32] = []
    /// The distinct shingles, in first-occurrence order.
    private(set) var distinct: [UInt64] = []
    /// Each paragraph's distinct shingles, in first-occurrence order, as a range of
    /// `paragraphShingles`; empty for paragraphs that do not count.
    private(set) var paragraphShingles: [UInt64] = []
    private var paragraphStart: [Int]

    init(_ fingerprint: Fingerprint) {
        var total = 0
        for paragraph in fingerprint.paragraphs where paragraph.status == .counted { total += paragraph.shingles.count }
        var bits: UInt64 = 4
        while (1 << bits) < 2 * total { bits += 1 }
        keys = Array(repeating: 0, count: 1 << bits)
        heads = Array(repeating: -1, count: 1 << bits)
        shift = 64 - bits
        paragraphStart = Array(repeating: 0, count: fingerprint.paragraphs.count + 1)
        distinct.reserveCapacity(total)
        paragraphShingles.reserveCapacity(total)
        entryParagraph.reserveCapacity(total)
        entryNext.reserveCapacity(total)
        for (index, paragraph) in fingerprint.paragraphs.enumerated() {
            paragraphStart[index] = paragraphShingles.count
            guard paragraph.status == .counted else { continue }
            for shingle in paragraph.shingles { add(shingle, paragraph: Int32(index)) }
        }
        paragraphStart[fingerprint.paragraphs.count] = paragraphShingles.count
    }

    private mutating func add(_ shingle: UInt64, paragraph: Int32) {
        let slot = self.slot(of: shingle)
        let head = heads[slot]
        if head == -1 {
            keys[slot] = shingle
            distinct.append(shingle)
        } else if entryParagraph[Int(head)] == paragraph {
            // Paragraphs are added in order, so a shingle this paragraph already holds heads its chain.
            return
        }
        heads[slot] = Int32(entryParagraph.count)
        entryParagraph.append(paragraph)
        entryNext.append(head)
        paragraphShingles.append(shingle)
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
        paragraphShingles[paragraphStart[index]..<paragraphStart[index + 1]]
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
