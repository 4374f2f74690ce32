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
}
