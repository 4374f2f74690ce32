import Testing
@testable import Wiretrace
import WiretraceTestSupport

/// Diffs of long versions: Myers' walk back through its compact trace, and the pairing of
/// removed and added paragraphs in a hunk too large to score every pair.
@Suite("long diffs")
struct LongDiffTests {
    @Test("Myers gives known edit scripts")
    func knownScripts() {
        #expect(Myers.difference(Array("abc"), Array("abc")) == [.equal(old: 0, new: 0), .equal(old: 1, new: 1), .equal(old: 2, new: 2)])
        #expect(Myers.difference(Array("abc"), Array("axc")) == [.equal(old: 0, new: 0), .delete(old: 1), .insert(new: 1), .equal(old: 2, new: 2)])
        #expect(Myers.difference(Array(""), Array("ab")) == [.insert(new: 0), .insert(new: 1)])
        // Myers' own example (1986): ABCABBA to CBABAC takes five differences.
        let script = Myers.difference(Array("ABCABBA"), Array("CBABAC"))
        #expect(script.filter { if case .equal = $0 { false } else { true } }.count == 5)
    }

    @Test("Myers' script is a shortest one and turns old into new", arguments: 0..<3)
    func shortestScripts(seed: UInt64) {
        var random = SplitMix(seed: seed)
        for _ in 0..<200 {
            let old = (0..<Int(random.next() % 40)).map { _ in random.next() % 4 }
            let new = (0..<Int(random.next() % 40)).map { _ in random.next() % 4 }
            let script = Myers.difference(old, new)
            var rebuilt: [UInt64] = []
            var kept = 0
            for operation in script {
                switch operation {
                case .equal(let o, let n): #expect(old[o] == new[n]); rebuilt.append(new[n]); kept += 1
                case .insert(let n): rebuilt.append(new[n])
                case .delete: break
                }
            }
            #expect(rebuilt == new)
            #expect(kept == Self.longestCommonSubsequence(old, new), "\(old) \(new)")
        }
    }

    @Test("a long rewrite in one hunk pairs each paragraph with its edit, and a dropped one is removed")
    func longRewrite() {
        var random = SplitMix(seed: 7)
        let words = (0..<600).map { "w\($0)" }
        let old = (0..<150).map { _ in (0..<30).map { _ in words[Int(random.next() % 600)] } }
        // Every fourth word of every paragraph changes: no paragraph is unchanged, so the whole
        // text is one hunk of 150 by 149 paragraphs, and no paragraph shares a 5-word shingle
        // with its edit (only the hunk proposes the pair); paragraph 70 is dropped.
        var new = old.map { paragraph -> [String] in
            var edited = paragraph
            for index in stride(from: 0, to: 30, by: 4) { edited[index] = "x\(random.next() % 1000)" }
            return edited
        }
        new.remove(at: 70)
        let diff = VersionDiff(from: Fixtures.article(body: old.map { $0.joined(separator: " ") + "." }),
                               to: Fixtures.article(body: new.map { $0.joined(separator: " ") + "." }))
        let edits = diff.changes.filter { $0.kind == .edited }
        #expect(edits.count == 149)
        #expect(edits.allSatisfy { $0.old.count == 1 && $0.new.count == 1 && $0.new[0] == ($0.old[0] < 70 ? $0.old[0] : $0.old[0] - 1) })
        #expect(diff.changes.filter { $0.kind != .edited }.map(\.kind) == [.removed])
        #expect(diff.changes.first { $0.kind == .removed }?.old == [70])
    }

    static func longestCommonSubsequence(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var row = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var diagonal = 0
            for j in b.indices {
                let above = row[j + 1]
                row[j + 1] = x == b[j] ? diagonal + 1 : max(row[j + 1], row[j])
                diagonal = above
            }
        }
        return row[b.count]
    }
}

@Suite("word splitting")
struct WordSplittingTests {
    @Test("ASCII text splits at its white-space bytes as at white-space characters", arguments: [
        "", " ", "one", "  two words  ", "tabs\tand\nlines\r\nand\u{0B}vertical\u{0C}feeds", "a  b\r\n\r\nc", "punctuation, kept; (as is).",
        "\u{1C}control\u{1F}bytes are not white space",
    ])
    func asciiSplit(text: String) {
        #expect(WordDiff.words(of: text) == text.split(whereSeparator: \.isWhitespace))
    }

    @Test("other text splits at every white-space character, no-break spaces included")
    func unicodeSplit() {
        #expect(WordDiff.words(of: "caf\u{E9}\u{A0}au\u{2003}lait \u{3000}x") == ["caf\u{E9}", "au", "lait", "x"])
    }
}
