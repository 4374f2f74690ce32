import Foundation
import Testing
import WiretraceTestSupport
@testable import WiretraceIndex

/// How a scan cuts its files into batches: by count and by bytes, so that the results alive at
/// once follow the size of the files, never the number of workers.
@Suite struct ChunkingTests {
    @Test func chunksByCountWhenFilesAreSmall() {
        #expect(ChunkedParallel.chunkRanges([1, 1, 1, 1, 1], chunkSize: 2, chunkBytes: 100) == [0..<2, 2..<4, 4..<5])
    }

    @Test func chunksByBytesWhenFilesAreLarge() {
        // 40 + 50 fit in 100; 30 more would not; a file past the limit stands alone.
        #expect(ChunkedParallel.chunkRanges([40, 50, 30, 250, 10], chunkSize: 512, chunkBytes: 100)
            == [0..<2, 2..<3, 3..<4, 4..<5])
    }

    @Test func withoutByteLimitOnlyCountCuts() {
        #expect(ChunkedParallel.chunkRanges([.max / 4, .max / 4, 7], chunkSize: 512, chunkBytes: .max) == [0..<3])
    }

    @Test func everyInputIsInExactlyOneChunkInOrder() {
        var random = SplitMix(seed: 7)
        for _ in 0..<50 {
            let sizes = (0..<Int(random.next() % 40)).map { _ in Int(random.next() % 300) }
            let chunkSize = 1 + Int(random.next() % 8), chunkBytes = 1 + Int(random.next() % 500)
            let ranges = ChunkedParallel.chunkRanges(sizes, chunkSize: chunkSize, chunkBytes: chunkBytes)
            #expect(ranges.flatMap { Array($0) } == Array(sizes.indices))
            for range in ranges where range.count > 1 {
                #expect(range.count <= chunkSize && sizes[range].reduce(0, +) <= chunkBytes)
            }
        }
    }

    @Test("a chunk ends once its results cost the byte limit: small inputs with large results are not all held at once")
    func chunksEndByTheCostOfTheirResults() {
        // Ten 1-byte inputs (a gzip file of 150 KB is small) whose results cost 100 each (the
        // 30 MB of text it inflates to): with a limit of 150 one worker stops after two.
        var chunks: [[Int]] = []
        ChunkedParallel.run(Array(0..<10), chunkSize: 512, chunkBytes: 150, bytes: { _ in 1 }, workers: 1,
                            cost: { _ in 100 }, transform: { $0 * 10 }, consume: { chunks.append($0) })
        #expect(chunks == [[0, 10], [20, 30], [40, 50], [60, 70], [80, 90]])
    }

    @Test("with several workers every input is still consumed once, in order, and a chunk overshoots by at most one result per worker")
    func costCutsKeepOrderWithWorkers() {
        for workers in [2, 4] {
            var chunks: [[Int]] = []
            ChunkedParallel.run(Array(0..<200), chunkSize: 512, chunkBytes: 300, bytes: { _ in 1 }, workers: workers,
                                cost: { $0 % 3 == 0 ? 200 : 10 }, transform: { $0 }, consume: { chunks.append($0) })
            #expect(chunks.flatMap { $0 } == Array(0..<200))
            for chunk in chunks.dropLast() {
                // Below the limit before the last result of each worker.
                let cost = chunk.reduce(0) { $0 + ($1 % 3 == 0 ? 200 : 10) }
                #expect(cost >= 300 && cost < 300 + workers * 200)
            }
        }
    }
}

/// The workers of a scan parse at most a budget of decompressed bytes at once, however many
/// they are, and a file larger than the budget alone.
@Suite struct ParsingBudgetTests {
    /// Records how many bytes are being parsed at once.
    final class Meter: @unchecked Sendable {
        private let lock = NSLock()
        private var now = 0
        private(set) var peak = 0
        private(set) var aloneWhenLarge = true
        func parse(_ bytes: Int, large: Int) {
            lock.withLock { now += bytes; peak = max(peak, now); if bytes >= large && now != bytes { aloneWhenLarge = false } }
            usleep(2000)
            lock.withLock { now -= bytes }
        }
    }

    /// Runs `body` on `count` threads of their own (a dispatch queue may run them one by one
    /// on a busy machine), and returns when all are done.
    static func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for worker in 0..<count {
            group.enter()
            Thread { body(worker); group.leave() }.start()
        }
        group.wait()
    }

    @Test("eight workers parsing files of 1 to 30 units under a budget of 16: never more than 16 at once but for a larger file, which parses alone")
    func boundsBytesInFlight() {
        let budget = ParsingBudget(capacity: 16), meter = Meter()
        let sizes = (0..<64).map { [1, 3, 8, 30][$0 % 4] }
        Self.onThreads(8) { worker in
            for index in stride(from: worker, to: sizes.count, by: 8) {
                budget.withAdmission(bytes: sizes[index]) { meter.parse(sizes[index], large: 17) }
            }
        }
        #expect(meter.peak == 30)
        #expect(meter.aloneWhenLarge)
    }

    @Test("with small files the workers parse side by side")
    func smallFilesInParallel() {
        let budget = ParsingBudget(capacity: 16), meter = Meter()
        Self.onThreads(4) { _ in
            for _ in 0..<20 { budget.withAdmission(bytes: 2) { meter.parse(2, large: .max) } }
        }
        #expect(meter.peak > 2 && meter.peak <= 8)
    }
}
