/// How many postings each candidate pair of documents shares: an open-addressing table
/// (linear probing) keyed by the two dense document ids.
///
/// A cold scan of 100,000 articles counts millions of pair occurrences; Swift's `Dictionary`
/// spent most of that in SipHash and in growing. The keys are small integers, so a
/// multiplicative mix places them well enough.
struct PairCounts {
    private var keys: [UInt64]
    private var counts: [Int32]
    private var shift: UInt64
    private(set) var count = 0

    /// No pair of dense ids (each below 2^31) packs to this key.
    private static let empty = UInt64.max

    init() {
        keys = Array(repeating: Self.empty, count: 1 << 12)
        counts = Array(repeating: 0, count: 1 << 12)
        shift = 64 - 12
    }

    /// Adds `amount` to the count of the pair (`a`, `b`), `a` < `b`.
    mutating func increment(_ a: Int32, _ b: Int32, by amount: Int32 = 1) {
        let key = UInt64(UInt32(a)) << 32 | UInt64(UInt32(b))
        let slot = self.slot(of: key)
        if keys[slot] == Self.empty {
            keys[slot] = key
            count += 1
            if count * 2 > keys.count {
                counts[slot] = amount
                grow()
                return
            }
        }
        counts[slot] += amount
    }

    @inline(__always)
    private func slot(of key: UInt64) -> Int {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while keys[slot] != Self.empty && keys[slot] != key { slot = (slot + 1) & mask }
        return slot
    }

    private mutating func grow() {
        let oldKeys = keys, oldCounts = counts
        keys = Array(repeating: Self.empty, count: oldKeys.count * 2)
        counts = Array(repeating: 0, count: oldKeys.count * 2)
        shift -= 1
        for (key, value) in zip(oldKeys, oldCounts) where key != Self.empty {
            let slot = self.slot(of: key)
            keys[slot] = key
            counts[slot] = value
        }
    }

    /// Calls `body` with every pair and its count, in no particular order.
    func forEach(_ body: (_ a: Int32, _ b: Int32, _ count: Int32) -> Void) {
        for (key, value) in zip(keys, counts) where key != Self.empty {
            body(Int32(truncatingIfNeeded: key >> 32), Int32(truncatingIfNeeded: key), value)
        }
    }
}
