import Testing
import Wiretrace
import WiretraceTestSupport

/// In-document repeats: which paragraphs are repeats, and of which paragraph. The marking finds
/// each repeat's host through the paragraphs holding each shared shingle; these tests pin the
/// marks it gives to those of the plain rule (the first other paragraph still counted that
/// shares a shingle), and show that an article made of near repeats is fingerprinted at all.
@Suite("in-document repeats")
struct RepeatMarkingTests {
    /// Twelve words said again and again, each time with its own ending.
    private static let refrain = "the council heard the same report on the river bridge once more"

    @Test("near repeats: each one is a repeat of the next paragraph still counted, the last one counts")
    func chainOfNearRepeats() {
        let body = (1...6).map { "\(Self.refrain) item \($0)." }
        let print = Fingerprint(of: Fixtures.article(body: body))
        #expect(print.paragraphs.map(\.status) == [.repeatOf(1), .repeatOf(2), .repeatOf(3), .repeatOf(4), .repeatOf(5), .counted])
    }

    @Test("a short repeat is marked first, and its host is the first paragraph sharing a shingle")
    func shortestFirst() {
        let long = "\(Self.refrain) and the engineers said the repairs would take until the spring floods."
        let other = "A second, unrelated paragraph about the market square and its new lights."
        let short = "\(Self.refrain)."
        let print = Fingerprint(of: Fixtures.article(body: [other, long, short, long + " Again."]))
        // `short` (all of its shingles in `long`) goes first, with `long` its host; then
        // `long` is nearly all of the last paragraph, which stays.
        #expect(print.paragraphs.map(\.status) == [.counted, .repeatOf(3), .repeatOf(1), .counted])
    }

    @Test("the marks are those of the plain rule on many small articles", arguments: 0..<4)
    func sameAsPlainRule(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let pool = ["the mayor opened the new library on the hill this morning",
                    "readers queued for an hour before the doors opened at nine",
                    "the old building will become a museum of the town's trade",
                    "a choir sang and the children were given their first cards",
                    "officials said the project cost less than planned last year"]
        for _ in 0..<150 {
            let count = 2 + Int(random.next() % 9)
            let body = (0..<count).map { _ -> String in
                var sentences = (0..<(1 + Int(random.next() % 3))).map { _ in pool[Int(random.next() % UInt64(pool.count))] }
                if random.next() % 2 == 0 { sentences.append("item \(random.next() % 4)") }
                return sentences.joined(separator: ", ") + "."
            }
            let print = Fingerprint(of: Fixtures.article(body: body))
            #expect(print.paragraphs.map(\.status) == Self.plainRule(print.paragraphs), "\(body)")
        }
    }

    @Test("an article of a few MB of near repeats is fingerprinted: all but the last are repeats")
    func megabytesOfNearRepeats() {
        let body = (1...30_000).map { "\(Self.refrain) item \($0)." }
        #expect(body.reduce(0) { $0 + $1.utf8.count } > 2_000_000)
        let print = Fingerprint(of: Fixtures.article(body: body))
        let counted = print.countedParagraphs
        #expect(counted.count == 1 && counted.first == body.count - 1)
        let chained = print.paragraphs.dropLast().enumerated().filter { index, paragraph in paragraph.status == .repeatOf(index + 1) }
        #expect(chained.count == body.count - 1)
    }

    /// The marks by the rule as first written, a search of the whole article per repeat, from
    /// the statuses before marking (every repeat was counted then).
    static func plainRule(_ marked: [Fingerprint.ParagraphPrint]) -> [Fingerprint.Status] {
        var paragraphs = marked
        for index in paragraphs.indices {
            if case .repeatOf = paragraphs[index].status { paragraphs[index].status = .counted }
        }
        var firstWithHash: [UInt64: Int] = [:]
        for index in paragraphs.indices where paragraphs[index].status == .counted {
            if let first = firstWithHash[paragraphs[index].hash] {
                paragraphs[index].status = .repeatOf(first)
            } else {
                firstWithHash[paragraphs[index].hash] = index
            }
        }
        var holders: [UInt64: Int] = [:]
        for paragraph in paragraphs where paragraph.status == .counted {
            for shingle in Set(paragraph.shingles) { holders[shingle, default: 0] += 1 }
        }
        let candidates = paragraphs.indices
            .filter { paragraphs[$0].status == .counted && paragraphs[$0].shingles.count >= 3 }
            .sorted { paragraphs[$0].wordCount < paragraphs[$1].wordCount }
        for index in candidates {
            let own = Set(paragraphs[index].shingles)
            let elsewhere = own.filter { holders[$0, default: 0] > 1 }.count
            guard Double(elsewhere) >= 0.8 * Double(own.count) else { continue }
            for shingle in own { holders[shingle, default: 0] -= 1 }
            let host = paragraphs.indices.first { other in
                other != index && paragraphs[other].status == .counted && paragraphs[other].shingles.contains { own.contains($0) }
            } ?? index
            paragraphs[index].status = .repeatOf(host)
        }
        return paragraphs.map(\.status)
    }
}
