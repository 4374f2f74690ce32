/// Disjoint sets over dense integer ids, with path halving and union by size.
struct UnionFind {
    private var parent: [Int32]
    private var size: [Int32]

    init(count: Int) {
        parent = (0..<Int32(count)).map { $0 }
        size = Array(repeating: 1, count: count)
    }

    mutating func find(_ element: Int32) -> Int32 {
        var element = element
        while parent[Int(element)] != element {
            parent[Int(element)] = parent[Int(parent[Int(element)])]
            element = parent[Int(element)]
        }
        return element
    }

    /// Joins the sets of `a` and `b`; false when they were already one.
    @discardableResult
    mutating func union(_ a: Int32, _ b: Int32) -> Bool {
        var rootA = find(a), rootB = find(b)
        guard rootA != rootB else { return false }
        if size[Int(rootA)] < size[Int(rootB)] { swap(&rootA, &rootB) }
        parent[Int(rootB)] = rootA
        size[Int(rootA)] += size[Int(rootB)]
        return true
    }
}
