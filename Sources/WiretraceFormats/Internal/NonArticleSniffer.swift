/// Tells the files of a mirror that are not articles from those that are, by their content.
///
/// The name is a hint only where content cannot settle it: bytes that match no known binary
/// format but are not text are damage when the file is named as a page (`.html`, `.txt`) and
/// some other binary file otherwise; and a `.css` or `.js` name says which of the two a piece of
/// code is. A PNG saved under a page's name is still an image.
enum NonArticleSniffer {
    /// What `bytes` are when they are not an article, with a short phrase for messages
    /// (`PNG image`, `RSS feed`); nil for an article (or a page) and for a damaged page.
    static func kind(of bytes: [UInt8], name: String) -> (kind: NonArticleKind, detail: String)? {
        if let known = signature(bytes) { return known }
        let hint = NameHint(name)
        if let binary = FormatSniffer.binaryKind(bytes) {
            return hint.isPage ? nil : (.binary, binary)
        }
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, Whitespace.isSpace(bytes[start]) { start += 1 }
        guard start < bytes.count else { return nil }
        let head = Array(bytes[start..<min(bytes.count, start + 65_536)])
        switch head[0] {
        case UInt8(ascii: "<"):
            return markup(head)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            if JSONValue.isDocument(head) || hint.extension == "json" { return (.json, "JSON") }
        default:
            break
        }
        if isRobotsRules(head) { return (.robots, "robots.txt rules") }
        return code(head, hint: hint)
    }

    /// Media types of pages: a capture served as one is read as an article (or a page without text).
    static let pageMediaTypes: Set<String> = ["text/html", "application/xhtml+xml", "text/plain"]

    /// What a capture served as `mediaType` is when that is not a page's type (nil when it is).
    /// The server's type settles stylesheets, scripts, JSON and pictures; XML and every other
    /// type are told by content (a sitemap, a feed, a PDF), else they are other XML or binary.
    static func kind(ofCaptureServedAs mediaType: String, payload: [UInt8], name: String) -> (kind: NonArticleKind, detail: String)? {
        guard !mediaType.isEmpty, !pageMediaTypes.contains(mediaType) else { return nil }
        switch mediaType {
        case "text/css": return (.stylesheet, "stylesheet")
        case "application/javascript", "text/javascript", "application/x-javascript", "application/ecmascript", "text/ecmascript":
            return (.script, "script")
        case "application/json", "text/json", "application/ld+json", "application/manifest+json": return (.json, "JSON")
        case "image/svg+xml": return (.image, "SVG image")
        default: break
        }
        if mediaType.hasPrefix("image/") { return kind(of: payload, name: name) ?? (.image, "\(mediaType) image") }
        if mediaType.hasSuffix("+json") { return (.json, "JSON") }
        let isXML = mediaType.hasSuffix("/xml") || mediaType.hasSuffix("+xml")
        return kind(of: payload, name: name) ?? (isXML ? (.xml, "XML data") : (.binary, mediaType))
    }

    /// Binary formats known by their first bytes.
    private static func signature(_ bytes: [UInt8]) -> (kind: NonArticleKind, detail: String)? {
        let images: [([UInt8], String)] = [
            ([0x89, 0x50, 0x4E, 0x47], "PNG image"), ([0xFF, 0xD8, 0xFF], "JPEG image"), ([0x47, 0x49, 0x46, 0x38], "GIF image"),
            ([0x00, 0x00, 0x01, 0x00], "icon image"), ([0x49, 0x49, 0x2A, 0x00], "TIFF image"), ([0x4D, 0x4D, 0x00, 0x2A], "TIFF image"),
        ]
        for (magic, name) in images where bytes.starts(with: magic) { return (.image, name) }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return (.image, "WebP image") }
        if bytes.count >= 12, Array(bytes[4..<8]) == Array("ftyp".utf8) {
            let brand = String(decoding: bytes[8..<12], as: UTF8.self)
            return ["avif", "avis", "heic", "heix", "mif1"].contains(brand) ? (.image, "\(brand.uppercased()) image") : (.binary, "MP4 media")
        }
        let others: [([UInt8], String)] = [
            ([0x25, 0x50, 0x44, 0x46], "PDF"), ([0x50, 0x4B, 0x03, 0x04], "zip archive"), ([0x7F, 0x45, 0x4C, 0x46], "ELF executable"),
            ([0x53, 0x51, 0x4C, 0x69, 0x74, 0x65], "SQLite database"), ([0x52, 0x49, 0x46, 0x46], "RIFF media"),
            (Array("wOFF".utf8), "WOFF font"), (Array("wOF2".utf8), "WOFF2 font"), ([0x00, 0x01, 0x00, 0x00, 0x00], "TrueType font"),
            (Array("OggS".utf8), "Ogg media"),
            ([0x1A, 0x45, 0xDF, 0xA3], "WebM media"), ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "7z archive"),
            ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz data"), (Array("%!PS".utf8), "PostScript"),
        ]
        for (magic, name) in others where bytes.starts(with: magic) { return (.binary, name) }
        // An MP3 file's ID3 tag: the three letters, then a version byte no text has there.
        if bytes.count > 3, bytes.starts(with: Array("ID3".utf8)), (2...4).contains(bytes[3]) { return (.binary, "MP3 audio") }
        return nil
    }

    /// Markup first: the root element of an XML document says whether it is a sitemap, a
    /// feed, an SVG picture or other data. HTML (and XHTML) is an article's page, left alone.
    private static func markup(_ head: [UInt8]) -> (kind: NonArticleKind, detail: String)? {
        var index = 0, declared = false
        // Past the XML declaration, processing instructions, comments and the doctype.
        while index + 1 < head.count, head[index] == UInt8(ascii: "<") {
            let next = head[index + 1]
            if next == UInt8(ascii: "?") {
                if head[index...].starts(with: Array("<?xml ".utf8)) || head[index...].starts(with: Array("<?xml?".utf8)) { declared = true }
                guard let end = find(head, "?>", from: index) else { return nil }
                index = end + 2
            } else if head[index...].starts(with: Array("<!--".utf8)) {
                guard let end = find(head, "-->", from: index) else { return nil }
                index = end + 3
            } else if next == UInt8(ascii: "!") {
                if lowercased(head[index...].prefix(14)).hasPrefix("<!doctype html") { return nil }
                guard let end = head[index...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                index = end + 1
            } else {
                break
            }
            while index < head.count, Whitespace.isSpace(head[index]) { index += 1 }
        }
        guard index + 1 < head.count, head[index] == UInt8(ascii: "<") else { return nil }
        let nameBytes = head[(index + 1)...].prefix { !Whitespace.isSpace($0) && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: "/") }
        let root = lowercased(nameBytes)
        switch root {
        case "urlset", "sitemapindex": return (.sitemap, "XML sitemap")
        case "rss": return (.feed, "RSS feed")
        case "rdf:rdf": return (.feed, "RSS feed")
        case "feed": return (.feed, "Atom feed")
        case "svg": return (.image, "SVG image")
        case "html", "head", "body": return nil
        // Declared XML with another root is data; undeclared markup is left to the HTML reader.
        default: return declared ? (.xml, "XML data") : nil
        }
    }

    /// The fields of the robots exclusion protocol (RFC 9309) and the common extensions.
    private static let robotsFields: Set<String> = ["user-agent", "disallow", "allow", "sitemap", "crawl-delay", "host",
                                                     "clean-param", "request-rate", "visit-time", "noindex"]

    /// Whether every line that is not blank or a `#` comment is a robots.txt rule, and one at
    /// least names a user agent or a sitemap.
    private static func isRobotsRules(_ head: [UInt8]) -> Bool {
        var sawAgentOrSitemap = false
        var start = 0
        // Line by line, stopping at the first that is no rule: an article's first line.
        while start < head.count {
            let end = head[start...].firstIndex(of: UInt8(ascii: "\n")) ?? head.count
            let trimmed = head[start..<end].drop(while: Whitespace.isSpace)
            start = end + 1
            guard let first = trimmed.first, first != UInt8(ascii: "#"), !trimmed.allSatisfy(Whitespace.isSpace) else { continue }
            guard let colon = trimmed.firstIndex(of: UInt8(ascii: ":")) else { return false }
            let field = lowercased(trimmed[..<colon]).trimmingSpaces
            guard robotsFields.contains(field) else { return false }
            if field == "user-agent" || field == "sitemap" { sawAgentOrSitemap = true }
        }
        return sawAgentOrSitemap
    }

    /// CSS or JavaScript: braces, semicolons and parentheses are rare in prose and everywhere
    /// in code. At least one byte in 40 of what is not white space (prose has one in several
    /// hundred), with braces; a `.css` or `.js` name then says which, else JavaScript's words do.
    private static func code(_ head: [UInt8], hint: NameHint) -> (kind: NonArticleKind, detail: String)? {
        var braces = 0, punctuation = 0, visible = 0
        for byte in head where !Whitespace.isSpace(byte) {
            visible += 1
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "}"): braces += 1; punctuation += 1
            case UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: ")"): punctuation += 1
            default: break
            }
        }
        guard braces >= 2, punctuation * 40 >= visible else { return nil }
        switch hint.extension {
        case "css": return (.stylesheet, "stylesheet")
        case "js", "mjs", "cjs": return (.script, "script")
        default: break
        }
        let text = String(decoding: head, as: UTF8.self)
        let scriptWords = ["function", "=>", "var ", "let ", "const ", "return", "window.", "document.", "this."]
        return scriptWords.contains(where: text.contains) ? (.script, "script") : (.stylesheet, "stylesheet")
    }

    private static func find(_ bytes: [UInt8], _ needle: String, from start: Int) -> Int? {
        let pattern = Array(needle.utf8)
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0] && bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    private static func lowercased(_ bytes: some Sequence<UInt8>) -> String {
        String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

/// What a file's name says about it: its extension, past a compression suffix and a query
/// string (wget keeps `style.css?ver=2` as the name).
struct NameHint {
    var `extension`: String

    init(_ name: String) {
        var last = Substring(name.split(separator: "/").last ?? "")
        if let query = last.firstIndex(of: "?") { last = last[..<query] }
        for suffix in [".gz", ".zst"] where last.lowercased().hasSuffix(suffix) { last = last.dropLast(suffix.count) }
        `extension` = last.contains(".") ? String(last.split(separator: ".").last ?? "").lowercased() : ""
    }

    /// Named as a saved page or text: what is not text under such a name is damage, not another kind of file.
    var isPage: Bool { ["html", "htm", "xhtml", "shtml", "txt", "text"].contains(`extension`) }
}

private extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first == " " || scalars.first == "\t" { scalars = scalars.dropFirst() }
        while scalars.last == " " || scalars.last == "\t" || scalars.last == "\r" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
