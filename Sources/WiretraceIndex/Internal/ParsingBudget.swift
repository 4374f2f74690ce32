import Foundation

/// How many bytes of decompressed input the scan's workers parse at once: a worker waits for
/// its turn while the others parse more than ``capacity`` between them, unless no one is
/// parsing (a file larger than the capacity is then parsed alone). Parsing and fingerprinting
/// a page takes several times its size in passing (the HTML tree, the text, the grams), and a
/// compressed file's size says nothing of that (150 KB of gzip is a 30 MB page), so without a
/// budget every worker could hold a bomb at once: the peak followed workers times bombs.
final class ParsingBudget: @unchecked Sendable {
    let capacity: Int
    // NSCondition guards `inUse`; @unchecked Sendable because every access holds it.
    private let condition = NSCondition()
    private var inUse = 0

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Runs `body` once `bytes` fit in the budget beside what the other workers parse.
    func withAdmission<T, Failure: Error>(bytes: Int, _ body: () throws(Failure) -> T) throws(Failure) -> T {
        condition.lock()
        while inUse > 0 && inUse + bytes > capacity { condition.wait() }
        inUse += bytes
        condition.unlock()
        defer {
            condition.lock()
            inUse -= bytes
            condition.broadcast()
            condition.unlock()
        }
        return try body()
    }
}
