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
/// one of them (a scan of four 16 MB files held all four articles and fingerprints). And a
/// chunk ends as soon as its results (`cost` of each) reach `chunkBytes`: the workers then
/// take no further input, and the next chunk starts where this one stopped. What a result
/// costs is known only once it is made (a gzip file of 150 KB inflates to 30 MB of text), so
/// without this a chunk of many small files that are large inside held all of them at once.
///
/// With `progress`, the calling thread, while it waits for a chunk, tells ten times a second
/// how many inputs are done and their total `bytes`: a progress bar then moves file by file,
/// not chunk by chunk.
enum ChunkedParallel {
    static func run<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], chunkSize: Int, chunkBytes: Int = .max, bytes: @escaping @Sendable (Input) -> Int = { _ in 0 }, workers: Int,
        cost: @escaping @Sendable (Output) -> Int = { _ in 0 },
        transform: @escaping @Sendable (Input) -> Output,
        progress: ((_ done: Int, _ weight: Int) -> Void)? = nil,
        consume: ([Output]) throws -> Void
    ) rethrows {
        guard !inputs.isEmpty else { return }
        let sizes = inputs.map(bytes)
        let queue = DispatchQueue(label: "wiretrace.parse", attributes: .concurrent)
        func start(at first: Int) -> PendingChunk<Output> {
            let range = first..<chunkEnd(sizes, from: first, chunkSize: chunkSize, chunkBytes: chunkBytes)
            let pending = PendingChunk<Output>(count: range.count, first: first)
            let slice = Array(inputs[range])
            queue.async {
                // Each worker takes the next input when it is free: files differ in cost (HTML,
                // gzip, size), and a fixed share per worker left one core idle at the end of a chunk.
                DispatchQueue.concurrentPerform(iterations: max(1, workers)) { _ in
                    while pending.cost < chunkBytes {
                        let index = pending.claim()
                        guard index < slice.count else { break }
                        let output = transform(slice[index])
                        pending.store(output, at: index, weight: bytes(slice[index]), cost: cost(output))
                    }
                }
                pending.done.signal()
            }
            return pending
        }
        var current = start(at: 0)
        var doneBefore = 0, weightBefore = 0
        while true {
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
            let results = current.takeClaimed()
            let next = current.first + results.count
            if next < inputs.count { current = start(at: next) }
            try consume(results)
            if next >= inputs.count { break }
        }
    }
}

extension ChunkedParallel {
    /// The end of the chunk that starts at `first`: at most `chunkSize` inputs and at most
    /// `chunkBytes` of their `sizes` (a larger input alone).
    static func chunkEnd(_ sizes: [Int], from first: Int, chunkSize: Int, chunkBytes: Int) -> Int {
        var end = first, total = 0
        while end < sizes.count, end == first || (end - first < chunkSize && sizes[end] <= chunkBytes - total) {
            total += sizes[end]
            end += 1
        }
        return end
    }

    /// The chunks of inputs of these `sizes` whose results cost nothing, in order.
    static func chunkRanges(_ sizes: [Int], chunkSize: Int, chunkBytes: Int) -> [Range<Int>] {
        guard !sizes.isEmpty else { return [0..<0] }
        var ranges: [Range<Int>] = []
        var first = 0
        while first < sizes.count {
            let end = chunkEnd(sizes, from: first, chunkSize: chunkSize, chunkBytes: chunkBytes)
            ranges.append(first..<end)
            first = end
        }
        return ranges
    }
}

/// Results of one chunk, written by the workers at distinct indices.
final class PendingChunk<Output: Sendable>: @unchecked Sendable {
    /// The index of the chunk's first input among all inputs.
    let first: Int
    private let slots: UnsafeMutableBufferPointer<Output?>
    private let claimed = Atomic<Int>(0)
    private let finishedCount = Atomic<Int>(0)
    private let finishedWeightSum = Atomic<Int>(0)
    private let costSum = Atomic<Int>(0)
    let done = DispatchSemaphore(value: 0)

    init(count: Int, first: Int = 0) {
        self.first = first
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ value: Output, at index: Int, weight: Int = 0, cost: Int = 0) {
        slots[index] = value
        finishedWeightSum.add(weight, ordering: .relaxed)
        costSum.add(cost, ordering: .relaxed)
        finishedCount.add(1, ordering: .releasing)
    }

    /// How many results are stored, and their weight: read while the workers run, for progress.
    var finished: Int { finishedCount.load(ordering: .acquiring) }
    var finishedWeight: Int { finishedWeightSum.load(ordering: .relaxed) }
    /// The total cost of the results stored so far.
    var cost: Int { costSum.load(ordering: .relaxed) }

    /// The next index no worker has taken yet (counting past the end once all are taken).
    func claim() -> Int { claimed.add(1, ordering: .relaxed).oldValue }

    /// The results, once `done` has been signalled.
    func take() -> [Output] { take(slots.count) }

    /// The results of the inputs the workers claimed, once `done` has been signalled: the
    /// first ones, since inputs are claimed in order and every one claimed is stored.
    func takeClaimed() -> [Output] { take(min(claimed.load(ordering: .relaxed), slots.count)) }

    private func take(_ count: Int) -> [Output] {
        var results: [Output] = []
        results.reserveCapacity(count)
        for index in 0..<count { results.append(slots[index].take()!) }
        return results
    }
}
