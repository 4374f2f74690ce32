public import Wiretrace

/// Turns the bytes of a saved article into an ``Wiretrace/Article``, whatever its format.
///
/// The format is sniffed from the content, not the file name: plain text (the layout of
/// syndicated feeds and plain paragraphs), with HTML and gzip to come. Problems that do
/// not stop the reading (bad UTF-8 bytes, an ambiguous time zone) come back as warnings.
public struct ArticleReader: Sendable {
    /// The formats the reader recognizes.
    public enum Format: String, Sendable, Hashable, Codable { case text, html }

    /// What reading produced.
    public struct Result: Sendable {
        public var article: Article
        public var format: Format
        /// Problems that did not stop the reading, each a sentence a user can act on.
        public var warnings: [String]
    }

    /// Zone-abbreviation overrides (`IST` → 330 minutes) that win over every default.
    public var zoneOverrides: [String: Int]
    /// The country of the source when the reader cannot tell it (ISO 3166 alpha-2, lower-case).
    public var defaultCountry: String?

    public init(zoneOverrides: [String: Int] = [:], defaultCountry: String? = nil) {
        self.zoneOverrides = zoneOverrides
        self.defaultCountry = defaultCountry
    }

    /// Reads `bytes`; `name` is the path used in messages.
    public func read(_ bytes: [UInt8], name: String) throws(ReadError) -> Result {
        guard !bytes.isEmpty else { throw ReadError(path: name, reason: .empty) }
        if let kind = FormatSniffer.binaryKind(bytes) { throw ReadError(path: name, reason: .binary(kind)) }
        let decoded = TextDecoding.decode(bytes)
        var warnings: [String] = []
        if let firstBad = decoded.firstInvalidByte {
            warnings.append("\(name): not valid UTF-8 at byte \(firstBad); \(decoded.invalidCount) bad byte\(decoded.invalidCount == 1 ? "" : "s") replaced with U+FFFD")
        }
        let article = PlainTextReader(context: TimeContext(country: defaultCountry, zoneOverrides: zoneOverrides))
            .read(decoded.text)
        guard article.paragraphs.contains(where: { $0.role == .body }) else { throw ReadError(path: name, reason: .noText) }
        warnings += article.times.compactMap { time in time.problem.map { "\(name): \(time.kind.rawValue) time \"\(time.text)\": \($0)" } }
        return Result(article: article, format: .text, warnings: warnings)
    }
}
