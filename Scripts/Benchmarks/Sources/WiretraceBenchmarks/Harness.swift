import Foundation

/// One part of the benchmark: a name `Scripts/bench` asks for, and the figures it measures.
///
/// To add one, write a type that conforms (one file per section), list it in
/// ``BenchmarkSections/all``, and add the matching entry to `SECTIONS` in `Scripts/bench`.
protocol BenchmarkSection: Sendable {
    /// The name on the command line and the key in the JSON output.
    static var name: String { get }
    /// One line for `--help`.
    static var summary: String { get }
    /// Measures and returns the figures as JSON-ready values (numbers, strings, arrays,
    /// dictionaries).
    static func run(_ context: BenchmarkContext) throws -> [String: Any]
}

/// What every section gets: the corpus and how many times to repeat each measurement.
struct BenchmarkContext {
    /// The folder `Scripts/bench` generated (`files.txt`, `pairs.tsv`, `articles/`).
    var corpus: URL
    /// Timed repetitions; the figures are their medians.
    var repetitions: Int
    /// Stages to run inside a section (`--stages a,b`, for profiling one stage); nil runs all.
    var stages: Set<String>? = nil

    /// Whether the section should run the stage called `name`.
    func runs(_ name: String) -> Bool { stages?.contains(name) ?? true }

    /// The corpus files, in `files.txt` order.
    func files() throws -> [(path: String, bytes: [UInt8])] {
        try lines(of: "files.txt").map { path in
            (path, Array(try Data(contentsOf: corpus.appendingPathComponent(path))))
        }
    }

    /// The lines of a corpus file, without empty ones.
    func lines(of name: String) throws -> [String] {
        let text = try String(contentsOf: corpus.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
}

/// Thread CPU time and wall time of a run. CPU time is the headline: on a shared machine
/// it does not count the time other processes held the core.
struct Sample {
    var cpuSeconds: Double
    var wallSeconds: Double
}

enum Clock {
    static func cpuNow() -> Double { read(CLOCK_THREAD_CPUTIME_ID) }
    static func wallNow() -> Double { read(CLOCK_MONOTONIC) }

    private static func read(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Runs `body` once to warm up, then `repetitions` times timed. Returns the samples and
    /// the last run's checksum (returned so the optimizer cannot drop the work).
    static func measure(repetitions: Int, _ body: () -> UInt64) -> (samples: [Sample], checksum: UInt64) {
        var checksum = body()
        var samples: [Sample] = []
        for _ in 0..<repetitions {
            let cpu = cpuNow(), wall = wallNow()
            checksum = body()
            samples.append(Sample(cpuSeconds: cpuNow() - cpu, wallSeconds: wallNow() - wall))
        }
        return (samples, checksum)
    }
}

func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Throughput figures of one timed stage over `bytes` bytes in `articles` articles.
func throughput(_ samples: [Sample], bytes: Int, articles: Int, checksum: UInt64) -> [String: Any] {
    let cpu = median(samples.map(\.cpuSeconds)), wall = median(samples.map(\.wallSeconds))
    return [
        "cpuSeconds": cpu,
        "wallSeconds": wall,
        "cpuSecondsAll": samples.map(\.cpuSeconds),
        "mbPerSecond": Double(bytes) / cpu / 1e6,
        "articlesPerSecond": Double(articles) / cpu,
        "wallMBPerSecond": Double(bytes) / wall / 1e6,
        "checksum": hex(checksum),
    ]
}

extension BenchmarkContext {
    /// The bytes of one corpus file.
    func files(named path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: corpus.appendingPathComponent(path)))
    }
}

/// Sixteen lower-case hex digits.
func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
