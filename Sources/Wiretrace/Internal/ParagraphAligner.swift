/// Aligns the counted paragraphs of two versions and turns the alignment into changes.
struct ParagraphAligner {
    let old: Article, oldPrint: Fingerprint, oldCounted: [Int]
    let new: Article, newPrint: Fingerprint, newCounted: [Int]

    /// Word-bag similarity at which a removed and an added paragraph are one edited paragraph.
    static let editSimilarity = 0.5
    /// Share of a leftover paragraph's words inside a neighbour's partner that makes a split or merge.
    static let pieceContainment = 0.8
    /// A hunk with at most this many (removed, added) pairs has every pair scored as a possible
    /// edit, which covers every hunk of a news article (a rewrite of 64 paragraphs is 4,096);
    /// in a larger hunk a removed paragraph is scored against the added ones near its place.
    static let allPairsPerHunk = 4096
    /// In a larger hunk, the added paragraphs scored on each side of a removed one's place (the
    /// same rank, scaled to the number of added paragraphs).
    static let hunkWindow = 16
    /// A shingle that more added paragraphs than this hold (a phrase said throughout a long
    /// text) proposes no candidates: a candidate through it alone would make pairing quadratic.
    static let maximumShingleHolders = 64

    /// The word hashes of each paragraph looked at, sorted: multiset overlaps by one merge.
    private var oldTokens: [Int: [UInt64]] = [:]
    private var newTokens: [Int: [UInt64]] = [:]

    init(old: Article, oldPrint: Fingerprint, oldCounted: [Int], new: Article, newPrint: Fingerprint, newCounted: [Int]) {
        self.old = old; self.oldPrint = oldPrint; self.oldCounted = oldCounted
        self.new = new; self.newPrint = newPrint; self.newCounted = newCounted
    }

    private mutating func tokens(old position: Int) -> [UInt64] {
        if let cached = oldTokens[position] { return cached }
        let range = oldPrint.paragraphs[oldCounted[position]].range
        let tokens = Tokens.hashes(ofNormalized: oldPrint.normalizedBytes[range]).sorted()
        oldTokens[position] = tokens
        return tokens
    }

    private mutating func tokens(new position: Int) -> [UInt64] {
        if let cached = newTokens[position] { return cached }
        let range = newPrint.paragraphs[newCounted[position]].range
        let tokens = Tokens.hashes(ofNormalized: newPrint.normalizedBytes[range]).sorted()
        newTokens[position] = tokens
        return tokens
    }

    /// Changes in reading order of the new version; positions here index `oldCounted` and
    /// `newCounted`, and are mapped to article paragraph indices at the end.
    mutating func changes() -> [VersionDiff.Change] {
        let oldKeys = oldCounted.map { oldPrint.paragraphs[$0].hash }
        let newKeys = newCounted.map { newPrint.paragraphs[$0].hash }
        let operations = Myers.difference(oldKeys, newKeys)

        // Where each removed paragraph stood, in new-version order, and which hunk it is in.
        var removed: [Int] = [], added: [Int] = []
        var orderOfOld: [Int: Double] = [:]
        var hunkOfOld: [Int: Int] = [:], hunkOfNew: [Int: Int] = [:]
        var lastNew = -1, hunk = 0, inHunk = false
        for operation in operations {
            switch operation {
            case .equal(_, let n):
                lastNew = n
                if inHunk { hunk += 1; inHunk = false }
            case .delete(let o):
                removed.append(o); orderOfOld[o] = Double(lastNew) + 0.5; hunkOfOld[o] = hunk; inHunk = true
            case .insert(let n):
                added.append(n); hunkOfNew[n] = hunk; inHunk = true
            }
        }

        var pairedOld = Set<Int>(), pairedNew = Set<Int>()
        var result: [(order: Double, change: VersionDiff.Change)] = []

        // Moves: the same paragraph removed in one place and added in another.
        var addedByHash: [UInt64: [Int]] = [:]
        for n in added { addedByHash[newKeys[n], default: []].append(n) }
        for o in removed {
            guard var candidates = addedByHash[oldKeys[o]], !candidates.isEmpty else { continue }
            let n = candidates.removeFirst()
            addedByHash[oldKeys[o]] = candidates
            pairedOld.insert(o); pairedNew.insert(n)
            result.append((Double(n), change(.moved, old: [o], new: [n])))
        }

        // Edits: removed and added paragraphs that share most of their words. Candidates share
        // a shingle or stand in the same hunk (near each other, in a hunk too large for all pairs).
        var addedByShingle: [UInt64: [Int]] = [:]
        var addedInHunk: [Int: [Int]] = [:], removedInHunk: [Int: Int] = [:], rankInHunk: [Int: Int] = [:]
        for n in added where !pairedNew.contains(n) {
            for shingle in Set(newPrint.paragraphs[newCounted[n]].shingles) { addedByShingle[shingle, default: []].append(n) }
            addedInHunk[hunkOfNew[n]!, default: []].append(n)
        }
        for o in removed where !pairedOld.contains(o) {
            rankInHunk[o] = removedInHunk[hunkOfOld[o]!, default: 0]
            removedInHunk[hunkOfOld[o]!, default: 0] += 1
        }
        var scored: [(score: Double, distance: Int, o: Int, n: Int)] = []
        for o in removed where !pairedOld.contains(o) {
            var candidates = Set<Int>()
            for shingle in oldPrint.paragraphs[oldCounted[o]].shingles {
                guard let holders = addedByShingle[shingle], holders.count <= Self.maximumShingleHolders else { continue }
                candidates.formUnion(holders)
            }
            let hunkAdded = addedInHunk[hunkOfOld[o]!] ?? [], hunkRemoved = removedInHunk[hunkOfOld[o]!]!
            if hunkAdded.count * hunkRemoved <= Self.allPairsPerHunk {
                candidates.formUnion(hunkAdded)
            } else if !hunkAdded.isEmpty {
                let place = rankInHunk[o]! * hunkAdded.count / hunkRemoved
                candidates.formUnion(hunkAdded[max(0, place - Self.hunkWindow)...min(hunkAdded.count - 1, place + Self.hunkWindow)])
            }
            for n in candidates.sorted() {
                let score = Tokens.bagSimilarity(sorted: tokens(old: o), tokens(new: n))
                if score >= Self.editSimilarity { scored.append((score, abs(Int(orderOfOld[o]!) - n), o, n)) }
            }
        }
        scored.sort { ($0.score, -$0.distance) > ($1.score, -$1.distance) }
        var edits: [(o: Int, n: Int)] = []
        for candidate in scored where !pairedOld.contains(candidate.o) && !pairedNew.contains(candidate.n) {
            pairedOld.insert(candidate.o); pairedNew.insert(candidate.n)
            edits.append((candidate.o, candidate.n))
        }

        // Splits and merges: a leftover paragraph that is a piece of a neighbour's partner (the
        // first such group; only the groups of its two neighbours can be one).
        var groups = edits.map { (old: [$0.o], new: [$0.n]) }
        var groupOfNew: [Int: Int] = [:], groupOfOld: [Int: Int] = [:]
        for (g, edit) in edits.enumerated() { groupOfNew[edit.n] = g; groupOfOld[edit.o] = g }
        for n in added where !pairedNew.contains(n) {
            let neighbours = [groupOfNew[n - 1], groupOfNew[n + 1]].compactMap { $0 }.sorted()
            guard let g = neighbours.first(where: { g in
                groups[g].old.count == 1
                    && Tokens.containment(ofSorted: tokens(new: n), in: tokens(old: groups[g].old[0])) >= Self.pieceContainment
            }) else { continue }
            groups[g].new = (groups[g].new + [n]).sorted()
            groupOfNew[n] = g
            pairedNew.insert(n)
        }
        for o in removed where !pairedOld.contains(o) {
            let neighbours = [groupOfOld[o - 1], groupOfOld[o + 1]].compactMap { $0 }.sorted()
            guard let g = neighbours.first(where: { g in
                groups[g].new.count == 1
                    && Tokens.containment(ofSorted: tokens(old: o), in: tokens(new: groups[g].new[0])) >= Self.pieceContainment
            }) else { continue }
            groups[g].old = (groups[g].old + [o]).sorted()
            groupOfOld[o] = g
            pairedOld.insert(o)
        }
        for group in groups {
            let kind: VersionDiff.Change.Kind = group.new.count > 1 ? .split : group.old.count > 1 ? .merged : .edited
            result.append((Double(group.new[0]), change(kind, old: group.old, new: group.new)))
        }
        for o in removed where !pairedOld.contains(o) { result.append((orderOfOld[o]!, change(.removed, old: [o], new: []))) }
        for n in added where !pairedNew.contains(n) { result.append((Double(n), change(.added, old: [], new: [n]))) }
        return result.sorted { $0.order < $1.order }.map(\.change)
    }

    private func change(_ kind: VersionDiff.Change.Kind, old oldPositions: [Int], new newPositions: [Int]) -> VersionDiff.Change {
        let oldIndices = oldPositions.map { oldCounted[$0] }, newIndices = newPositions.map { newCounted[$0] }
        let oldText = oldIndices.map { old.paragraphs[$0].text }.joined(separator: " ")
        let newText = newIndices.map { new.paragraphs[$0].text }.joined(separator: " ")
        switch kind {
        case .added:
            let words = newIndices.reduce(0) { $0 + newPrint.paragraphs[$1].wordCount }
            return .init(kind: kind, old: [], new: newIndices, words: [], wordsAdded: words, wordsRemoved: 0, isCosmetic: false)
        case .removed:
            let words = oldIndices.reduce(0) { $0 + oldPrint.paragraphs[$1].wordCount }
            return .init(kind: kind, old: oldIndices, new: [], words: [], wordsAdded: 0, wordsRemoved: words, isCosmetic: false)
        case .moved:
            return .init(kind: kind, old: oldIndices, new: newIndices, words: [], wordsAdded: 0, wordsRemoved: 0, isCosmetic: false)
        case .edited, .split, .merged:
            let words = WordDiff.segments(from: oldText, to: newText)
            let addedWords = words.filter { $0.kind == .added }.reduce(0) { $0 + $1.wordCount }
            let removedWords = words.filter { $0.kind == .removed }.reduce(0) { $0 + $1.wordCount }
            // A split or merge that keeps every word is a change of layout, which readers see.
            let cosmetic = kind == .edited && Tokens.sameWords(oldText, newText)
            return .init(kind: kind, old: oldIndices, new: newIndices, words: words, wordsAdded: addedWords,
                         wordsRemoved: removedWords, isCosmetic: cosmetic)
        }
    }
}
