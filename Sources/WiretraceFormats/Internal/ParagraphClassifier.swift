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
        let length = CharacterLength(lower)
        if isSyndicationNotice(lower, length) { return .syndicationNotice(outlet: outletNamed(in: text)) }
        if let agencies = imageCredit(text, lower, length) { return .imageCredit(agencies: agencies) }
        if let agencies = textCredit(text, lower, length) { return .textCredit(agencies: agencies) }
        if let reason = furniture(text, lower) { return .boilerplate(reason) }
        return .body
    }

    private static let syndicationPhrases = PhraseSet([
        "syndicated feed", "auto-generated from a syndicated", "published from a syndicated", "from a wire agency feed",
        "automated news agency feed", "has not been edited by", "not been edited by", "generated from an agency feed",
        "sourced from a syndicated", "प्रकाशित की गई है", "सिंडिकेट फीड",
    ])

    static func isSyndicationNotice(_ lower: String, _ length: CharacterLength) -> Bool {
        lower.utf8.count < 1600 && length.isShorter(than: 400) && syndicationPhrases.firstPhrase(in: lower) != nil
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

    private static let imageCreditMarkers = PhraseSet([
        "image credit", "photo credit", "picture credit", "image courtesy", "photo courtesy", "representative image",
        "file photo", "(photo:", "photo:", "photograph:", "picture:", "image:", "credit:", "फोटो:", "تصویر:", "图片来源", "图：", "图/",
    ])

    private static func imageCredit(_ text: String, _ lower: String, _ length: CharacterLength) -> [String]? {
        guard lower.utf8.count < 800, length.isShorter(than: 200),
              let marker = imageCreditMarkers.firstPhrase(in: lower) else { return nil }
        // The agency named after the credit marker is the picture's source, not the text's.
        let after = lower.firstRange(of: marker).map { String(text[text.index(text.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: $0.lowerBound))...]) } ?? text
        return Agencies.agencies(mentionedIn: after)
    }

    private static let creditTrailers = PhraseSet([
        "(reporting by", "reporting by", "(writing by", "writing by", "(editing by", "editing by", "(additional reporting",
        "additional reporting by", "(with inputs from", "with inputs from", "(with agency inputs", "(compiled by",
        "source:", "sources:", "来源：", "来源:", "ماخذ:", "स्रोत:",
    ])

    private static func textCredit(_ text: String, _ lower: String, _ length: CharacterLength) -> [String]? {
        guard lower.utf8.count < 960 else { return nil }
        let isTrailer = !creditTrailers.prefixes(of: lower).isEmpty
        // A line that is only an agency credit ("AFP", "— AFP", "(Reuters)", "PTI ABC DEF") has
        // at most four words between spaces, and so between spaces and slashes.
        guard isTrailer || text.wordCount(upTo: 5) <= 4, length.isShorter(than: 240) else { return nil }
        if isTrailer { return Agencies.agencies(mentionedIn: text) }
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

    /// The prefixes above, found in one look at a paragraph's first two bytes.
    private static let furnitureOpenings = PhraseSet(furniturePrefixes.map(\.0))

    private static func furniture(_ text: String, _ lower: String) -> String? {
        for index in furnitureOpenings.prefixes(of: lower) {
            let (prefix, reason) = furniturePrefixes[index]
            // "Follow the money..." is prose; "Follow us on X" is furniture: keep prompts short.
            if prefix == "follow " && text.wordCount(upTo: 13) > 12 { continue }
            return reason
        }
        if lower.containsBytes("all rights reserved") && text.wordCount(upTo: 25) < 25 { return "copyright" }
        return nil
    }
}

/// A list of phrases searched for in one pass over a text's UTF-8 bytes.
///
/// The classifier asks of every paragraph whether it holds any of a dozen phrases. Searched
/// one at a time, each phrase stopped at every occurrence of its (common) first letter; in
/// one pass, a position is looked at further only when the two bytes there open one of the
/// phrases, which a table of all two-byte openings (a bit each) tells at once.
struct PhraseSet: Sendable {
    let phrases: [String]
    private let phraseBytes: [[UInt8]]
    /// Bit `b & 63` of word `b >> 6` is set when some phrase opens with the two bytes `b`
    /// (first byte high).
    private let openings: [UInt64]

    /// `phrases`, each at least two bytes long.
    init(_ phrases: [String]) {
        self.phrases = phrases
        phraseBytes = phrases.map { Array($0.utf8) }
        var openings = [UInt64](repeating: 0, count: 65536 / 64)
        for phrase in phraseBytes {
            precondition(phrase.count >= 2, "a phrase of PhraseSet has at least two bytes")
            let opening = Int(phrase[0]) << 8 | Int(phrase[1])
            openings[opening >> 6] |= 1 << UInt64(opening & 63)
        }
        self.openings = openings
    }

    /// The positions in the list of the phrases that `text` starts with, in the list's order.
    /// Most texts open with two bytes that no phrase does, and are answered by the table alone.
    func prefixes(of text: String) -> [Int] {
        guard text.utf8.count >= 2 else { return [] }
        let opening = text.utf8.prefix(2).reduce(0) { $0 << 8 | Int($1) }
        guard openings[opening >> 6] & (1 << UInt64(opening & 63)) != 0 else { return [] }
        return phrases.indices.filter { text.hasPrefixBytes(phrases[$0]) }
    }

    /// The first phrase of the list (in the list's order) that occurs in `text`, or nil.
    func firstPhrase(in text: String) -> String? {
        var text = text
        let found = text.withUTF8 { text -> Int? in
            guard text.count >= 2, let base = text.baseAddress else { return nil }
            var first: Int?
            openings.withUnsafeBufferPointer { openings in
                var opening = Int(base[0])
                for position in 0..<(text.count - 1) {
                    opening = (opening << 8 | Int(base[position + 1])) & 0xFFFF
                    guard openings[opening >> 6] & (1 << UInt64(opening & 63)) != 0 else { continue }
                    for (index, phrase) in phraseBytes.enumerated() where index < (first ?? phrases.count) {
                        guard phrase.count <= text.count - position, phrase[0] == base[position], phrase[1] == base[position + 1]
                        else { continue }
                        if phrase.withUnsafeBufferPointer({ memcmp(base + position, $0.baseAddress!, phrase.count) == 0 }) {
                            first = index
                        }
                    }
                    if first == 0 { return }
                }
            }
            return first
        }
        return found.map { phrases[$0] }
    }
}

/// A paragraph's length in characters, as far as the classifier's limits need it: without
/// walking grapheme clusters when the bytes already tell. Fewer bytes than a limit are fewer
/// characters; ASCII bytes that stand alone (no CR, which pairs with LF; not followed by a
/// non-ASCII byte, which may be a combining mark) are each a character of their own, so as
/// many of them as the limit are as many characters.
struct CharacterLength {
    private let text: String

    init(_ text: String) { self.text = text }

    /// `text.count < limit`.
    func isShorter(than limit: Int) -> Bool {
        guard text.utf8.count >= limit else { return true }
        let atLeast = text.utf8.withContiguousStorageIfAvailable { bytes in
            var standalone = 0
            var previousStandsAlone = false
            for byte in bytes {
                if previousStandsAlone && byte < 0x80 {
                    standalone += 1
                    if standalone == limit { break }
                }
                previousStandsAlone = byte < 0x80 && byte != 0x0D
            }
            return previousStandsAlone ? standalone + 1 : standalone
        } ?? 0
        return atLeast < limit && text.count < limit
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

    /// `split(separator: " ").count`, counted on the bytes, up to `limit`: the classifier's
    /// rules only ask whether a line has more than a few words, and most lines do early on.
    func wordCount(upTo limit: Int) -> Int {
        func count(_ bytes: some Sequence<UInt8>) -> Int {
            var count = 0
            var inWord = false
            for byte in bytes {
                if byte == 0x20 {
                    inWord = false
                } else if !inWord {
                    inWord = true
                    count += 1
                    if count == limit { break }
                }
            }
            return count
        }
        // Iterating a String's UTF-8 view byte by byte costs several times a buffer's loop.
        return utf8.withContiguousStorageIfAvailable { count($0) } ?? count(utf8)
    }

    /// `utf8.starts(with: prefix.utf8)` with one `memcmp`, not a generic walk of two views.
    func hasPrefixBytes(_ prefix: String) -> Bool {
        var text = self, prefix = prefix
        return text.withUTF8 { text in
            prefix.withUTF8 { prefix in
                guard prefix.count <= text.count else { return false }
                guard let textBase = text.baseAddress, let prefixBase = prefix.baseAddress else { return true }
                return memcmp(textBase, prefixBase, prefix.count) == 0
            }
        }
    }

    /// Whether the UTF-8 bytes hold `byte`, found with `memchr`.
    func containsByte(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        }
    }

    /// Substring search on UTF-8 bytes: the classifier runs every phrase of its lists over
    /// every paragraph of every page, and `contains` on `Character`s made it most of the HTML
    /// reader's time. `memchr` finds each place the first byte occurs; the last byte is
    /// checked there before `memcmp`, which a phrase's common first letter would otherwise
    /// call at most words of the text.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self, needle = needle
        return haystack.withUTF8 { text in
            needle.withUTF8 { pattern in
                guard !pattern.isEmpty else { return true }
                guard pattern.count <= text.count, let textBase = text.baseAddress, let patternBase = pattern.baseAddress else { return false }
                let first = Int32(pattern[0]), lastOffset = pattern.count - 1, lastByte = pattern[lastOffset]
                var start = 0
                let last = text.count - pattern.count
                while start <= last, let found = memchr(textBase + start, first, last - start + 1) {
                    let index = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - textBase
                    if textBase[index + lastOffset] == lastByte && memcmp(textBase + index, patternBase, pattern.count) == 0 { return true }
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
