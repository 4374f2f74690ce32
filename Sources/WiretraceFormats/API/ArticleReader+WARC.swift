#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ArticleReader {
    /// Reads the captured content of a WARC `response` or `resource` record as an article;
    /// `name` is used in messages (`crawl.warc.gz#https://example.com/story`).
    ///
    /// The character set the HTTP headers declare wins over the page's own `<meta>`, as it
    /// does in a browser (a byte-order mark wins over both). The article's canonical URL is
    /// the captured URI when the page declares none.
    public func read(_ record: WARCRecord, name: String) throws(ReadError) -> Result {
        switch record.type {
        case .response, .resource: break
        case .revisit:
            let since = record.refersToDate.map { " since the capture of \($0)" } ?? ""
            throw ReadError(path: name, reason: .system("a revisit record: the content is unchanged\(since)"))
        default:
            throw ReadError(path: name, reason: .system("a \(record.typeText) record, not a capture"))
        }
        if let size = record.oversizedBlock { throw ReadError(path: name, reason: .tooLarge(bytes: size, limit: ArticleFile.defaultSizeLimit)) }
        if let http = record.http, !(200..<300).contains(http.status) {
            throw ReadError(path: name, reason: .system("HTTP status \(http.status)\(http.reason.isEmpty ? "" : " (\(http.reason))"), not a page"))
        }
        if let other = Self.servedKind(of: record, name: name) { throw ReadError(path: name, reason: .notArticle(other.kind, other.detail)) }
        let (bytes, warning) = CaptureCharset.utf8Marked(record.payload, charset: record.payloadCharset)
        var result = try read(bytes, name: name)
        result.warnings = record.warnings.map { "\(name): \($0)" } + (warning.map { ["\(name): \($0)"] } ?? []) + result.warnings
        if result.article.canonicalURL == nil { result.article.canonicalURL = record.targetURI }
        return result
    }
}

extension ArticleReader {
    /// What a capture is when the media type it was served with is not a page's (nil for a
    /// page, or when no type was given): the server's type says what the capture is before its
    /// bytes are sniffed, so a stylesheet served as `text/css` is one, whatever its content looks
    /// like. XML and unknown types are told by content (a sitemap, a feed, a PDF). Cheap: a scan
    /// counts such captures without keeping their payloads.
    public static func nonArticleKind(of record: WARCRecord, name: String) -> NonArticleKind? {
        servedKind(of: record, name: name)?.kind
    }

    static func servedKind(of record: WARCRecord, name: String) -> (kind: NonArticleKind, detail: String)? {
        guard let mediaType = record.payloadMediaType else { return nil }
        return NonArticleSniffer.kind(ofCaptureServedAs: mediaType, payload: record.payload, name: name)
    }
}

/// The transport's character set applied to a captured payload.
enum CaptureCharset {
    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// `payload` turned into UTF-8 from the declared `charset` and marked with a UTF-8
    /// byte-order mark, which every reader takes before any declaration inside the page.
    /// Unchanged when nothing is declared, when it has its own byte-order mark, or when it is
    /// compressed; with a warning when the character set is unknown.
    static func utf8Marked(_ payload: [UInt8], charset: String?) -> ([UInt8], String?) {
        guard let charset, !payload.isEmpty else { return (payload, nil) }
        if payload.starts(with: bom) || payload.starts(with: [0xFF, 0xFE]) || payload.starts(with: [0xFE, 0xFF])
            || Gzip.isGzip(payload) {
            return (payload, nil)
        }
        switch Charset.canonicalLabel(charset) {
        case "UTF-8":
            return (bom + payload, nil)
        case "windows-1252":
            return (bom + Charset.windows1252ToUTF8(payload), nil)
        case let other:
            guard let converted = iconvToUTF8(payload, from: other) else {
                return (payload, "unknown character set \"\(charset)\" in the HTTP headers; the page's own declaration was used")
            }
            return (bom + converted, nil)
        }
    }

    /// Converts through the C library's iconv; bytes it cannot convert become U+FFFD.
    static func iconvToUTF8(_ bytes: [UInt8], from label: String) -> [UInt8]? {
        let converter = iconv_open("UTF-8", label)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        var input = bytes
        let written = input.withUnsafeMutableBufferPointer { inBuffer -> Int in
            output.withUnsafeMutableBufferPointer { outBuffer -> Int in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                while inLeft > 0 {
                    if iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1 { break }
                    // An invalid or cut sequence: one byte becomes U+FFFD and the rest goes on.
                    guard errno == EILSEQ || errno == EINVAL, outLeft >= 3 else { break }
                    for byte: UInt8 in [0xEF, 0xBF, 0xBD] {
                        outPointer!.pointee = CChar(bitPattern: byte)
                        outPointer! += 1
                    }
                    outLeft -= 3
                    inPointer! += 1
                    inLeft -= 1
                }
                return outBuffer.count - outLeft
            }
        }
        output.removeLast(output.count - written)
        return output
    }
}
