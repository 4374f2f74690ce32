// What each fuzz target feeds its input to, and what must hold afterwards. A trap (or a
// failed precondition) is a finding; so is an input past libFuzzer's time or memory limit.
import Wiretrace
@testable import WiretraceFormats

enum FuzzTarget: String, CaseIterable {
    case sniffer, html, text, time, fingerprint

    func run(_ input: UnsafeBufferPointer<UInt8>) {
        switch self {
        case .sniffer: fuzzSniffer(Array(input))
        case .html: fuzzHTML(Array(input))
        case .text: fuzzText(Array(input))
        case .time: fuzzTime(input)
        case .fingerprint: fuzzFingerprint(Array(input))
        }
    }
}

/// The format sniffer on any bytes: it must answer (never trap) and agree with itself.
func fuzzSniffer(_ bytes: [UInt8]) {
    let gzip = FormatSniffer.isGzip(bytes)
    let html = FormatSniffer.isHTML(bytes)
    let binary = FormatSniffer.binaryKind(bytes)
    _ = Zstd.isZstd(bytes)
    _ = WARCArchive.startsRecord(bytes)
    precondition(FormatSniffer.isGzip(bytes) == gzip && FormatSniffer.isHTML(bytes) == html
        && FormatSniffer.binaryKind(bytes) == binary, "the sniffer answered differently on the same bytes")
}

/// The HTML reader (character set, markup filter, libxml2, main text, metadata, times) on any
/// bytes, without the sniffer in front so that every input reaches it.
func fuzzHTML(_ bytes: [UInt8]) {
    _ = HTMLReader(context: TimeContext()).read(bytes, name: "fuzz.html")
}

/// The plain-text reader on any bytes: decoding (bad UTF-8 replaced), blocks, metadata lines,
/// labelled times; then the whole public reader, which sniffs first.
func fuzzText(_ bytes: [UInt8]) {
    let decoded = TextDecoding.decode(bytes)
    _ = PlainTextReader(context: TimeContext()).read(decoded.text)
    _ = try? ArticleReader().read(bytes, name: "fuzz.txt")
}

let timeCountries: [String?] = [nil, "us", "gb", "in", "de", "fr", "au", "jp", "br"]

/// The time parser on any text, in each kind, country and day order that changes how it reads.
/// The first byte picks the setting, the rest is the time's text.
func fuzzTime(_ input: UnsafeBufferPointer<UInt8>) {
    guard let setting = input.first.map(Int.init) else { return }
    let text = String(decoding: input.dropFirst(), as: UTF8.self)
    let order: TimeContext.DayMonthOrder? = [nil, .dayFirst, .monthFirst][setting % 3]
    let context = TimeContext(country: timeCountries[(setting / 3) % timeCountries.count], dayMonthOrder: order)
    let kind: ArticleTime.Kind = setting & 0x80 == 0 ? .created : .updated
    if let time = ArticleTime(kind: kind, text: text, source: "fuzz", context: context) {
        _ = time.localDescription
        _ = time.localDay(pageOffset: nil, country: context.country)
    }
    _ = TimeContext.offsetMinutes(parsing: text)
}

/// The fingerprint of any text read as an article, and the comparison and version diff of that
/// article with itself: the same article must fingerprint the same twice, be wholly derived
/// from itself when it has counted text, and be identical to itself as a version.
func fuzzFingerprint(_ bytes: [UInt8]) {
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
}
