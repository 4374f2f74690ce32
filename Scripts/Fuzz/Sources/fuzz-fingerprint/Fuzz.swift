// The fingerprint of any text read as an article, and the comparison and version diff of that
// article with itself: the same article must fingerprint the same twice, be wholly derived
// from itself when it has counted text, and be identical to itself as a version.
import Wiretrace
@testable import WiretraceFormats

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let article = PlainTextReader(context: TimeContext()).read(TextDecoding.decode(bytes).text)
    let first = Fingerprint(of: article)
    let second = Fingerprint(of: article)
    precondition(first.paragraphs == second.paragraphs && first.normalizedBytes == second.normalizedBytes
        && first.winnowed == second.winnowed && first.titleHash == second.titleHash,
        "two fingerprints of one article differ")
    let comparison = Comparison(first, second)
    precondition(comparison.containmentOfAInB == comparison.containmentOfBInA, "self-containment is not symmetric")
    if first.countedWordCount > 0 {
        precondition(comparison.verdict == .whollyDerived, "an article is not wholly derived from itself")
    }
    let diff = VersionDiff(from: article, to: article)
    precondition(diff.classification == .identical && diff.changes.isEmpty, "an article differs from itself")
    return 0
}
