import Wiretrace

/// Recognizes the lines outlets put around syndicated text: syndication notices, credit
/// trailers, image credits, and furniture such as "Also read" and share prompts. Shared by
/// every reader so that text and HTML copies of one story fingerprint alike.
enum ParagraphClassifier {
    enum Kind: Equatable {
        case body
        /// The outlet says the text is from a syndicated feed; `outlet` when it names itself.
        case syndicationNotice(outlet: String?)
        case textCredit(agencies: [String])
        case imageCredit(agencies: [String])
        case boilerplate(String)
    }

    static func classify(_ text: String) -> Kind {
        // Every phrase below is ASCII or in a script without case, so lower-casing ASCII letters
        // on the bytes finds the same matches as `lowercased()` at a fraction of its cost.
        let lower = text.asciiLowercased
        if isSyndicationNotice(lower) { return .syndicationNotice(outlet: outletNamed(in: text)) }
        if let agencies = imageCredit(text, lower) { return .imageCredit(agencies: agencies) }
        if let agencies = textCredit(text, lower) { return .textCredit(agencies: agencies) }
        if let reason = furniture(lower, wordCount: text.wordCount) { return .boilerplate(reason) }
        return .body
    }

    private static let syndicationPhrases = [
        "syndicated feed", "auto-generated from a syndicated", "published from a syndicated", "from a wire agency feed",
        "automated news agency feed", "has not been edited by", "not been edited by", "generated from an agency feed",
        "sourced from a syndicated", "प्रकाशित की गई है", "सिंडिकेट फीड",
    ]

    static func isSyndicationNotice(_ lower: String) -> Bool {
        lower.utf8.count < 1600 && lower.isShorter(than: 400) && syndicationPhrases.contains { lower.containsBytes($0) }
    }

    /// "edited by Devdiscourse staff" → "Devdiscourse"; "reworked by Business Standard staff".
    static func outletNamed(in text: String) -> String? {
        for marker in ["edited by ", "reworked by ", "Edited by "] {
            guard let start = text.firstRange(of: marker)?.upperBound,
                  let end = text[start...].firstRange(of: " staff")?.lowerBound else { continue }
            let name = text[start..<end].trimmed
            if !name.isEmpty, name.split(separator: " ").count <= 4 { return name }
        }
        return nil
    }

    private static func imageCredit(_ text: String, _ lower: String) -> [String]? {
        let markers = ["image credit", "photo credit", "picture credit", "image courtesy", "photo courtesy", "representative image",
                       "file photo", "(photo:", "photo:", "photograph:", "picture:", "image:", "credit:", "फोटो:", "تصویر:", "图片来源", "图：", "图/"]
        guard lower.utf8.count < 800, lower.isShorter(than: 200), let marker = markers.first(where: { lower.containsBytes($0) }) else { return nil }
        // The agency named after the credit marker is the picture's source, not the text's.
        let after = lower.firstRange(of: marker).map { String(text[text.index(text.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: $0.lowerBound))...]) } ?? text
        return Agencies.agencies(mentionedIn: after)
    }

    private static func textCredit(_ text: String, _ lower: String) -> [String]? {
        guard lower.utf8.count < 960, lower.isShorter(than: 240) else { return nil }
        let trailers = ["(reporting by", "reporting by", "(writing by", "writing by", "(editing by", "editing by", "(additional reporting",
                        "additional reporting by", "(with inputs from", "with inputs from", "(with agency inputs", "(compiled by",
                        "source:", "sources:", "来源：", "来源:", "ماخذ:", "स्रोत:"]
        if trailers.contains(where: { lower.utf8.starts(with: $0.utf8) }) {
            return Agencies.agencies(mentionedIn: text)
        }
        // A line that is only an agency credit: "AFP", "— AFP", "(Reuters)", "PTI ABC DEF".
        // (More than four words between spaces is more than four between spaces and slashes.)
        guard text.wordCount <= 4 else { return nil }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "/" })
        if let first = words.first, words.count <= 4, let agency = Agencies.agency(named: String(first)),
           words.dropFirst().allSatisfy({ $0 == $0.uppercased() }) {
            return [agency]
        }
        if words.count <= 3, text.first.map({ "-–—(".contains($0) }) == true {
            let agencies = Agencies.agencies(mentionedIn: text)
            if !agencies.isEmpty { return agencies }
        }
        return nil
    }

    private static let furniturePrefixes: [(String, String)] = [
        ("also read", "related link"), ("read also", "related link"), ("read more", "related link"), ("also see", "related link"),
        ("related:", "related link"), ("more:", "related link"), ("watch:", "related link"), ("watch video", "related link"),
        ("follow us on", "share prompt"), ("follow ", "share prompt"), ("subscribe to", "newsletter prompt"), ("sign up for", "newsletter prompt"),
        ("click here", "related link"), ("download the", "app prompt"), ("join our", "share prompt"), ("share this", "share prompt"),
        ("disclaimer", "disclaimer"), ("(disclaimer", "disclaimer"), ("copyright", "copyright"), ("©", "copyright"),
        ("all rights reserved", "copyright"), ("advertisement", "advertisement"), ("ये भी पढ़ें", "related link"), ("यह भी पढ़ें", "related link"),
        ("یہ بھی پڑھیں", "related link"), ("相关新闻", "related link"), ("延伸阅读", "related link"), ("责任编辑", "editor line"),
    ]

    private static func furniture(_ lower: String, wordCount: Int) -> String? {
        for (prefix, reason) in furniturePrefixes where lower.utf8.starts(with: prefix.utf8) {
            // "Follow the money..." is prose; "Follow us on X" is furniture: keep prompts short.
            if prefix == "follow " && wordCount > 12 { continue }
            return reason
        }
        if wordCount < 25 && lower.containsBytes("all rights reserved") { return "copyright" }
        return nil
    }
}

extension StringProtocol {
    /// The text without white space at either end.
    var trimmed: String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }
}

extension String {
    /// The string with ASCII capitals in lower case, other characters as they are.
    var asciiLowercased: String {
        var bytes = Array(utf8)
        for index in bytes.indices where bytes[index] &- 0x41 < 26 { bytes[index] |= 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `count < limit`, without walking grapheme clusters when the bytes already tell.
    func isShorter(than limit: Int) -> Bool { utf8.count < limit || count < limit }

    /// `split(separator: " ").count`, counted on the bytes.
    var wordCount: Int {
        var count = 0
        var inWord = false
        for byte in utf8 {
            if byte == 0x20 { inWord = false } else if !inWord { inWord = true; count += 1 }
        }
        return count
    }

    /// Substring search on UTF-8 bytes: the classifier runs on every paragraph of every page,
    /// and `contains` on `Character`s made it most of the HTML reader's time.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self, needle = needle
        return haystack.withUTF8 { text in
            needle.withUTF8 { pattern in
                guard !pattern.isEmpty else { return true }
                guard pattern.count <= text.count, let textBase = text.baseAddress, let patternBase = pattern.baseAddress else { return false }
                let first = Int32(pattern[0])
                var start = 0
                let last = text.count - pattern.count
                while start <= last, let found = memchr(textBase + start, first, last - start + 1) {
                    let index = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - textBase
                    if memcmp(textBase + index, patternBase, pattern.count) == 0 { return true }
                    start = index + 1
                }
                return false
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
