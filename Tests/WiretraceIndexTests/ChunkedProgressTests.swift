import Foundation
import Testing
@testable import WiretraceIndex

/// The scan's progress moves file by file, not in steps of a whole chunk.
@Suite("progress per file")
struct ChunkedProgressTests {
    @Test("inside one chunk of 512, progress reports counts and weights between none and all, and ends at all")
    func perFile() {
        let inputs = Array(1...12)
        var reports: [(done: Int, weight: Int)] = []
        var consumed: [Int] = []
        ChunkedParallel.run(inputs, chunkSize: 512, bytes: { $0 }, workers: 1, transform: { value -> Int in
            usleep(25_000)
            return value * 2
        }, progress: { done, weight in reports.append((done, weight)) }, consume: { consumed += $0 })
        #expect(consumed == inputs.map { $0 * 2 })
        #expect(reports.contains { $0.done > 0 && $0.done < inputs.count }, "a report in the middle of the chunk: \(reports)")
        #expect(reports.allSatisfy { $0.weight <= 78 })
        #expect(reports.last?.done == 12 && reports.last?.weight == 78, "1 + 2 + … + 12")
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.done <= $1.done }, "never backwards")
    }

    @Test("without progress nothing is reported and the results are the same")
    func withoutProgress() {
        var consumed: [Int] = []
        ChunkedParallel.run(Array(0..<1000), chunkSize: 64, workers: 2, transform: { $0 + 1 }, consume: { consumed += $0 })
        #expect(consumed == Array(1...1000))
    }
}
