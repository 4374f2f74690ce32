public import Wiretrace

/// Turns the bytes of a saved article into an ``Wiretrace/Article``, whatever its format.
///
/// The format is sniffed from the content, not the file name: gzip-compressed input is
/// inflated and sniffed again; HTML pages go through libxml2's HTML parser and the
/// main-text extractor; anything else is plain text (the layout of syndicated feeds and
/// plain paragraphs). Problems that do not stop the reading (bad UTF-8 bytes, a guessed
/// character set, an ambiguous time zone) come back as warnings.
public struct ArticleReader: Sendable {
    /// The formats the reader recognizes.
    public enum Format: String, Sendable, Hashable, Codable { case text, html }

    /// What reading produced.
    public struct Result: Sendable {
        /// Whether the source holds an article's text, or only what a page declares about
        /// itself (a gallery, a video page, a teaser behind a script): its times, title and
        /// outlet are read all the same.
        public enum Content: String, Sendable, Hashable, Codable {
            case articleText
            case noArticleText
        }

        public var article: Article
        public var format: Format
        public var content: Content = .articleText
        /// Problems that did not stop the reading, each a sentence a user can act on.
        public var warnings: [String]
        /// Whether the input was gzip-compressed (and inflated before reading).
        public var wasCompressed = false
        /// How the input was compressed, when it was.
        public var compression: Compression?
        /// The country the source was taken to be from (ISO 3166 alpha-2, lower-case): the
        /// reader's default, the outlet's, the top-level domain's or the page language's region.
        /// It decided zone abbreviations and the day order of numeric dates.
        public var country: String?
        /// The offset from UTC, in minutes, that the source writes its local times in, when one
        /// of its times says so (`<time datetime="2022-05-03T23:37:37-04:00">` on a page whose
        /// metadata is in UTC). HTML pages only.
        public var localUTCOffsetMinutes: Int?

        /// The calendar day of `time` where the source publishes: in the offset the text gave,
        /// except that a time written in UTC is shown on the source's own clock: the offset its
        /// other times are written in, else its country's clock (`2022-11-06T23:00:00Z` on a
        /// German page is 7 November there). `YYYY-MM-DD`.
        public func localDay(of time: ArticleTime) -> String? {
            time.localDay(pageOffset: localUTCOffsetMinutes, country: country)
        }

        /// The result with the article's ``Wiretrace/Article/publishedDay`` set from its created
        /// time, unless the reader settled it from the page's own evidence.
        func withPublishedDay() -> Result {
            var result = self
            result.article.publishedDay = article.publishedDay ?? article.created.flatMap(localDay(of:))
            return result
        }

        /// This result when it holds article text; otherwise the ``ReadError`` (`no article
        /// text found`, naming `name`) of commands that compare or index texts.
        public func requiringText(name: String) throws(ReadError) -> Result {
            guard content == .articleText else { throw ReadError(path: name, reason: .noText) }
            return self
        }
    }

    /// The default largest inflated size of a gzip-compressed input: the default file size limit.
    public static let defaultInflatedSizeLimit = ArticleFile.defaultSizeLimit

    /// The largest size a gzip-compressed input may inflate to. A scan sets it to its
    /// `maxSize`, so that one limit bounds what is read, compressed or not.
    public var inflatedSizeLimit = ArticleReader.defaultInflatedSizeLimit

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
        let (payload, compression) = try decompressed(bytes, name: name)
        return try read(decompressed: payload, compression: compression, name: name)
    }

    /// `bytes` inflated when they are gzip- or Zstandard-compressed (within
    /// ``inflatedSizeLimit``), and how they were compressed; as they are otherwise. A caller
    /// that schedules reads by their cost learns here what a small compressed file holds,
    /// before ``read(decompressed:name:)`` parses it.
    public func decompressed(_ bytes: [UInt8], name: String) throws(ReadError) -> (bytes: [UInt8], compression: Compression?) {
        guard !bytes.isEmpty else { throw ReadError(path: name, reason: .empty) }
        if FormatSniffer.isGzip(bytes) {
            let inflated: [UInt8]
            do throws(Gzip.Failure) {
                inflated = try Gzip.inflate(bytes, limit: inflatedSizeLimit)
            } catch {
                switch error {
                case .tooLarge(let limit):
                    throw ReadError(path: name, reason: .system("gzip data inflates past the \(limit)-byte limit"))
                case .corrupt(let message):
                    throw ReadError(path: name, reason: .system("damaged gzip data (\(message))"))
                }
            }
            guard !FormatSniffer.isGzip(inflated) else { throw ReadError(path: name, reason: .binary("gzip inside gzip")) }
            guard !Zstd.isZstd(inflated) else { throw ReadError(path: name, reason: .binary("compressed data inside gzip data")) }
            guard !inflated.isEmpty else { throw ReadError(path: name, reason: .empty) }
            return (inflated, .gzip)
        }
        if Zstd.isZstd(bytes) { return (try decompressedZstd(bytes, name: name), .zstd) }
        return (bytes, nil)
    }

    /// Reads bytes that ``decompressed(_:name:)`` gave back, with the compression it found.
    public func read(decompressed bytes: [UInt8], compression: Compression? = nil, name: String) throws(ReadError) -> Result {
        var result = try readUncompressed(bytes, name: name)
        result.wasCompressed = compression != nil
        result.compression = compression
        return result
    }

    private func readUncompressed(_ bytes: [UInt8], name: String) throws(ReadError) -> Result {
        guard !bytes.isEmpty else { throw ReadError(path: name, reason: .empty) }
        var bytes = bytes
        // UTF-16 pages carry NUL bytes; with a byte-order mark they are text all the same.
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            bytes = Charset.utf16ToUTF8(bytes.dropFirst(2), bigEndian: bytes[0] == 0xFE)
        }
        // A WARC file holds many captures; ``WARCArchive`` reads them one by one.
        if WARCArchive.startsRecord(bytes) { throw ReadError(path: name, reason: .system("a WARC archive of captures, not one article")) }
        // Mirrors hold stylesheets, scripts, feeds, sitemaps and pictures beside the pages.
        if let other = NonArticleSniffer.kind(of: bytes, name: name) { throw ReadError(path: name, reason: .notArticle(other.kind, other.detail)) }
        if let kind = FormatSniffer.binaryKind(bytes) { throw ReadError(path: name, reason: .binary(kind)) }
        if FormatSniffer.isHTML(bytes) { return try readHTML(bytes, name: name) }
        let decoded = TextDecoding.decode(bytes)
        var warnings: [String] = []
        if let firstBad = decoded.firstInvalidByte {
            warnings.append("\(name): not valid UTF-8 at byte \(firstBad); \(decoded.invalidCount) bad byte\(decoded.invalidCount == 1 ? "" : "s") replaced with U+FFFD")
        }
        let article = PlainTextReader(context: TimeContext(country: defaultCountry, zoneOverrides: zoneOverrides))
            .read(decoded.text)
        let content = try Self.content(of: article, name: name)
        warnings += article.times.compactMap { time in time.problem.map { "\(name): \(time.kind.rawValue) time \"\(time.text)\": \($0)" } }
        let country = defaultCountry ?? article.outlet.flatMap(Outlets.country(forOutlet:))
        return Result(article: article, format: .text, content: content, warnings: warnings, country: country).withPublishedDay()
    }

    private func readHTML(_ bytes: [UInt8], name: String) throws(ReadError) -> Result {
        let reader = HTMLReader(context: TimeContext(country: defaultCountry, zoneOverrides: zoneOverrides))
        guard let output = reader.read(bytes, name: name) else { throw ReadError(path: name, reason: .noText) }
        return Result(article: output.article, format: .html, content: try Self.content(of: output.article, name: name),
                      warnings: output.warnings, country: output.country, localUTCOffsetMinutes: output.localUTCOffsetMinutes)
            .withPublishedDay()
    }

    /// Whether `article` has text; one without text that still says something about itself
    /// (a title, an outlet, a time) is a page of its own kind, and one that says nothing is
    /// not an article at all.
    private static func content(of article: Article, name: String) throws(ReadError) -> Result.Content {
        if article.paragraphs.contains(where: { $0.role == .body }) { return .articleText }
        guard article.title != nil || article.outlet != nil || !article.times.isEmpty else {
            throw ReadError(path: name, reason: .noText)
        }
        return .noArticleText
    }
}
