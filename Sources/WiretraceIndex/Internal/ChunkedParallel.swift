import Dispatch
import Synchronization

/// Maps inputs on every core in chunks and hands each finished chunk, in input order, to a
/// consumer on the calling thread, while the next chunk is already being computed. The
/// consumer (the database writer) thus overlaps with parsing, and at most two chunks of
/// results are alive at once, which bounds memory whatever the size of the mirror.
///
/// A chunk holds at most `chunkSize` inputs and, unless it is a single input, at most
/// `chunkBytes` of input (`bytes` of each): what an input costs in memory grows with its
/// size, so two chunks of large files would otherwise be alive at once, each worker busy with
/// one of them (a scan of four 16 MB files held all four articles and fingerprints).
///
/// With `progress`, the calling thread, while it waits for a chunk, tells ten times a second
/// how many inputs are done and their total `bytes`: a progress bar then moves file by file,
/// not chunk by chunk.
enum ChunkedParallel {
    static func run<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], chunkSize: Int, chunkBytes: Int = .max, bytes: @escaping @Sendable (Input) -> Int = { _ in 0 }, workers: Int,
        transform: @escaping @Sendable (Input) -> Output,
        progress: ((_ done: Int, _ weight: Int) -> Void)? = nil,
        consume: ([Output]) throws -> Void
    ) rethrows {
        guard !inputs.isEmpty else { return }
        let chunks = chunkRanges(inputs.map(bytes), chunkSize: chunkSize, chunkBytes: chunkBytes)
        let queue = DispatchQueue(label: "wiretrace.parse", attributes: .concurrent)
        func start(_ range: Range<Int>) -> PendingChunk<Output> {
            let pending = PendingChunk<Output>(count: range.count)
            let slice = Array(inputs[range])
            queue.async {
                // Each worker takes the next input when it is free: files differ in cost (HTML,
                // gzip, size), and a fixed share per worker left one core idle at the end of a chunk.
                DispatchQueue.concurrentPerform(iterations: max(1, workers)) { _ in
                    while true {
                        let index = pending.claim()
                        guard index < slice.count else { break }
                        pending.store(transform(slice[index]), at: index, weight: bytes(slice[index]))
                    }
                }
                pending.done.signal()
            }
            return pending
        }
        var current = start(chunks[0])
        var doneBefore = 0, weightBefore = 0
        for next in 1...chunks.count {
            if let progress {
                while current.done.wait(timeout: .now() + .milliseconds(100)) == .timedOut {
                    progress(doneBefore + current.finished, weightBefore + current.finishedWeight)
                }
                doneBefore += current.finished
                weightBefore += current.finishedWeight
                progress(doneBefore, weightBefore)
            } else {
                current.done.wait()
            }
            let results = current.take()
            if next < chunks.count { current = start(chunks[next]) }
            try consume(results)
        }
    }
}

extension ChunkedParallel {
    /// Consecutive ranges of the inputs, each of at most `chunkSize` inputs and at most
    /// `chunkBytes` of their `sizes` (a larger input alone).
    static func chunkRanges(_ sizes: [Int], chunkSize: Int, chunkBytes: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0, total = 0
        for (index, size) in sizes.enumerated() {
            if index > start && (index - start >= chunkSize || size > chunkBytes - total) {
                ranges.append(start..<index)
                start = index
                total = 0
            }
            total += size
        }
        ranges.append(start..<sizes.count)
        return ranges
    }
}

/// Results of one chunk, written by the workers at distinct indices.
final class PendingChunk<Output: Sendable>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Output?>
    private let claimed = Atomic<Int>(0)
    private let finishedCount = Atomic<Int>(0)
    private let finishedWeightSum = Atomic<Int>(0)
    let done = DispatchSemaphore(value: 0)

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ value: Output, at index: Int, weight: Int = 0) {
        slots[index] = value
        finishedWeightSum.add(weight, ordering: .relaxed)
        finishedCount.add(1, ordering: .releasing)
    }

    /// How many results are stored, and their weight: read while the workers run, for progress.
    var finished: Int { finishedCount.load(ordering: .acquiring) }
    var finishedWeight: Int { finishedWeightSum.load(ordering: .relaxed) }

    /// The next index no worker has taken yet (counting past the end once all are taken).
    func claim() -> Int { claimed.add(1, ordering: .relaxed).oldValue }

    /// The results, once `done` has been signalled.
    func take() -> [Output] {
        var results: [Output] = []
        results.reserveCapacity(slots.count)
        for index in slots.indices { results.append(slots[index].take()!) }
        return results
    }
}
