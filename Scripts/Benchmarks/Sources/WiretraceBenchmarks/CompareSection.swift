import Wiretrace
import WiretraceFormats

/// `Comparison` latency in process: the median time per pair over the corpus's `pairs.tsv`
/// (republications with their source, and unrelated originals), from fingerprints already
/// made (what a scan pays per candidate pair) and from articles (fingerprinting both, what
/// one `wiretrace compare` pays after reading). Also counts the verdicts, as a sanity check
/// that the corpus's republications are found.
enum CompareSection: BenchmarkSection {
    static let name = "compare"
    static let summary = "Comparison latency per pair (median), in process"

    static func run(_ context: BenchmarkContext) throws -> [String: Any] {
        let reader = ArticleReader()
        var articles: [String: Article] = [:]
        var pairs: [(a: String, b: String, derived: Bool)] = []
        for line in try context.lines(of: "pairs.tsv") {
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 3 else { throw BenchmarkError(description: "pairs.tsv: bad line \(line)") }
            for path in fields[0...1] where articles[path] == nil {
                let bytes = try context.files(named: path)
                do { articles[path] = try reader.read(bytes, name: path).requiringText(name: path).article } catch {
                    throw BenchmarkError(description: "\(error)")
                }
            }
            pairs.append((fields[0], fields[1], fields[2] == "derived"))
        }
        let prints = articles.mapValues { Fingerprint(of: $0) }

        var fromPrints: [[Double]] = Array(repeating: [], count: pairs.count)
        var fromArticles: [[Double]] = Array(repeating: [], count: pairs.count)
        var verdicts: [String: Int] = [:]
        for repetition in 0...context.repetitions {
            for (index, pair) in pairs.enumerated() {
                let printA = prints[pair.a]!, printB = prints[pair.b]!
                let start = Clock.wallNow()
                let comparison = Comparison(printA, printB)
                let middle = Clock.wallNow()
                let full = Comparison(articles[pair.a]!, articles[pair.b]!)
                let end = Clock.wallNow()
                precondition(full.score == comparison.score)
                // The first pass warms up.
                guard repetition > 0 else {
                    verdicts["\(pair.derived ? "derived" : "unrelated") → \(comparison.verdict.rawValue)", default: 0] += 1
                    continue
                }
                fromPrints[index].append(middle - start)
                fromArticles[index].append(end - middle)
            }
        }
        // Per pair, the median over repetitions; then the median over pairs.
        func micros(_ times: [[Double]], _ keep: (Int) -> Bool) -> Double {
            median(times.indices.filter(keep).map { median(times[$0]) }) * 1e6
        }
        let derived = { (index: Int) in pairs[index].derived }, unrelated = { (index: Int) in !pairs[index].derived }
        return [
            "pairs": pairs.count,
            "medianMicroseconds": [
                "fromFingerprints": micros(fromPrints) { _ in true },
                "fromFingerprintsDerived": micros(fromPrints, derived),
                "fromFingerprintsUnrelated": micros(fromPrints, unrelated),
                "fromArticles": micros(fromArticles) { _ in true },
            ],
            "verdicts": verdicts,
        ]
    }
}
