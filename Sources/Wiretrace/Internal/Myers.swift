/// Myers' O((N+M)D) difference algorithm (1986) over any two sequences of equatable keys.
enum Myers {
    enum Operation: Equatable {
        case equal(old: Int, new: Int)
        case delete(old: Int)
        case insert(new: Int)
    }

    /// Beyond this many differences the two sequences have little in common; the remainder is
    /// reported as deleted and inserted rather than spending O(D²) memory on the alignment.
    static let maximumDifferences = 4000

    /// The edit script turning `old` into `new`, in order.
    static func difference<Key: Equatable>(_ old: [Key], _ new: [Key]) -> [Operation] {
        // Common prefix and suffix cost nothing and keep D small for typical updates.
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        var script = (0..<prefix).map { Operation.equal(old: $0, new: $0) }
        script += middle(old, new, from: prefix, oldEnd: old.count - suffix, newEnd: new.count - suffix)
        script += (0..<suffix).map { Operation.equal(old: old.count - suffix + $0, new: new.count - suffix + $0) }
        return script
    }

    private static func middle<Key: Equatable>(_ old: [Key], _ new: [Key], from start: Int, oldEnd: Int, newEnd: Int) -> [Operation] {
        let n = oldEnd - start, m = newEnd - start
        if n == 0 { return (0..<m).map { .insert(new: start + $0) } }
        if m == 0 { return (0..<n).map { .delete(old: start + $0) } }
        let maxD = min(n + m, maximumDifferences)
        let offset = maxD + 1
        var v = [Int](repeating: 0, count: 2 * maxD + 3)
        // The furthest x of each diagonal before step d, for the walk back: only the d
        // diagonals k = -(d-1), -(d-1)+2, ..., d-1 that step d reads, at d(d-1)/2 + (k+d-1)/2,
        // so D steps keep D²/2 values (32 MB at the most differences), not D copies of `v`.
        var trace: [Int32] = []
        var last: Int?
        search: for d in 0...maxD {
            for k in stride(from: -(d - 1), through: d - 1, by: 2) { trace.append(Int32(v[offset + k])) }
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, old[start + x] == new[start + y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n && y >= m { last = d; break search }
            }
        }
        guard let last else {
            return (0..<n).map { .delete(old: start + $0) } + (0..<m).map { .insert(new: start + $0) }
        }
        // Walk the trace back from (n, m).
        var operations: [Operation] = []
        var x = n, y = m
        for d in stride(from: last, through: 0, by: -1) {
            let base = d * (d - 1) / 2
            func previous(_ k: Int) -> Int { Int(trace[base + (k + d - 1) / 2]) }
            let k = x - y
            let previousK = (k == -d || (k != d && previous(k - 1) < previous(k + 1))) ? k + 1 : k - 1
            let previousX = d == 0 ? 0 : previous(previousK)
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                x -= 1; y -= 1
                operations.append(.equal(old: start + x, new: start + y))
            }
            if d > 0 {
                if x == previousX { y -= 1; operations.append(.insert(new: start + y)) } else { x -= 1; operations.append(.delete(old: start + x)) }
            }
        }
        return operations.reversed()
    }
}
