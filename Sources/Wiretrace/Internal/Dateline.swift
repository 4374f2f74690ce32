#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Finds the dateline that opens a wire paragraph: `BAGHDAD, Dec 8 (Reuters) -`,
/// `NEW DELHI (PTI):`, `WASHINGTON (AP) —`, `नयी दिल्ली, आठ दिसंबर (भाषा)`, `新华社酒泉12月8日电`,
/// `WASHINGTON —`.
///
/// The dateline is removed from the text that is hashed (outlets rewrite or drop it) but is
/// kept as evidence of the credited agency.
struct Dateline: Equatable {
    /// The dateline as written, separator included.
    var text: String
    /// The agency it credits, if it names one.
    var agency: String?
    /// The paragraph text after the dateline.
    var rest: Substring

    private static let separators: Set<Character> = ["-", "–", "—", ":", "―"]

    static func find(in paragraph: String) -> Dateline? {
        // Byte checks first, each giving nil only where its rule would: most paragraphs are
        // sentences that open with a capital and a small letter, and stop here.
        let utf8 = paragraph.utf8
        guard let lead = utf8.first else { return nil }
        let leadIsASCII = lead < 0x80
        // Every rule needs the first character to be a letter; in ASCII, a capital.
        if leadIsASCII {
            if !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(lead) { return nil }
        } else if paragraph.first?.isLetter != true {
            return nil
        }
        switch asciiParenthesized(paragraph) {
        case .decided(let found?): return found
        case .decided(nil): break
        case .undecided: if let found = parenthesized(paragraph) { return found }
        }
        if !leadIsASCII, let found = xinhua(paragraph) { return found }
        if leadIsASCII && smallLetterBeforeSeparator(utf8) { return nil }
        if case .decided(let found) = asciiCapitalPlace(paragraph) { return found }
        return capitalPlace(paragraph)
    }

    /// ``parenthesized(_:)`` on bytes. When the bytes up to the `(` among the first 100 are
    /// ASCII (and no CR, which pairs with LF into one character), bytes are characters, and
    /// the rule's checks are made on them: at most 8 words before the `(`, a `)` at most 40
    /// characters after it around words that credit an agency, then the separator or what
    /// stands for one. Undecided as soon as a byte could make bytes and characters differ;
    /// then also decided (no dateline) when the paragraph holds no `(` or `（` at all.
    private static func asciiParenthesized(_ paragraph: String) -> Decision {
        let utf8 = paragraph.utf8
        return utf8.withContiguousStorageIfAvailable { bytes -> Decision in
            guard let base = bytes.baseAddress else { return .decided(nil) }
            let head = min(bytes.count, 100)
            let open = memchr(base, 0x28, head).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
            guard let open else {
                // Most paragraphs: no parenthesis at all, found faster than the first 100
                // bytes are checked for being characters.
                guard hasAnyParenthesis(bytes) else { return .decided(nil) }
                return isPlain(UnsafeBufferPointer(start: base, count: head)) ? .decided(nil) : .undecided
            }
            guard isPlain(UnsafeBufferPointer(start: base, count: open)) else {
                return hasAnyParenthesis(bytes) ? .undecided : .decided(nil)
            }
            guard wordCount(UnsafeBufferPointer(start: base, count: open)) <= 8 else { return .decided(nil) }
            // The `)`, at most 40 characters on.
            var close = open + 1
            while close < bytes.count && close - open <= 40 && bytes[close] != 0x29 {
                if bytes[close] >= 0x80 || bytes[close] == 0x0D { return .undecided }
                close += 1
            }
            guard close < bytes.count, bytes[close] == 0x29, close - open <= 40 else { return .decided(nil) }
            let inside = String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close]), as: UTF8.self)
            guard let agency = creditedAgency(inside) else { return .decided(nil) }
            var end = close + 1
            while end < bytes.count, isASCIIWhitespace(bytes[end]) { end += 1 }
            if let separator = separatorLength(bytes, at: end) {
                end += separator
                // A combining mark would join the separator into another character.
                if end < bytes.count, bytes[end] >= 0x80 { return .undecided }
                while end < bytes.count, isASCIIWhitespace(bytes[end]) { end += 1 }
                if end < bytes.count, bytes[end] >= 0x80 { return .undecided }
            } else {
                if end < bytes.count, bytes[end] >= 0x80 || bytes[end] == 0x0D { return .undecided }
                // Without a separator: a place in capitals (its first word), or a new sentence.
                let firstWord = UnsafeBufferPointer(start: base, count: open).prefix { !isASCIIWhitespace($0) && $0 != UInt8(ascii: ",") }
                let placeInCapitals = !firstWord.contains { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
                let sentenceFollows = end < bytes.count && (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[end])
                guard placeInCapitals || sentenceFollows else { return .decided(nil) }
            }
            return .decided(asciiDateline(paragraph, bytes, end: end, agency: agency))
        } ?? .undecided
    }

    /// The length in bytes of the separator at `index` (`-`, `:`, `–`, `—`, `―`), if one is there.
    private static func separatorLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: ":") { return 1 }
        // U+2013, U+2014, U+2015: E2 80 93..95.
        if index + 2 < bytes.count, bytes[index] == 0xE2, bytes[index + 1] == 0x80, (0x93...0x95).contains(bytes[index + 2]) { return 3 }
        return nil
    }

    /// `split(separator: " ").count` of ASCII bytes: the bytes that start a word.
    private static func wordCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.indices.reduce(0) { words, index in
            bytes[index] != 0x20 && (index == 0 || bytes[index - 1] == 0x20) ? words + 1 : words
        }
    }

    /// Whether `(` or `（` (EF BC 88) is anywhere in `bytes`.
    private static func hasAnyParenthesis(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        if memchr(base, 0x28, bytes.count) != nil { return true }
        var from = 0
        while let lead = memchr(base + from, 0xEF, bytes.count - from) {
            let index = UnsafeRawPointer(lead) - UnsafeRawPointer(base)
            if index + 2 < bytes.count && bytes[index + 1] == 0xBC && bytes[index + 2] == 0x88 { return true }
            from = index + 1
        }
        return false
    }

    /// Whether `bytes` are ASCII without CR, so that each byte is a character.
    private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var high: UInt8 = 0
        var carriageReturns = 0
        for byte in bytes {
            high |= byte
            carriageReturns &+= byte == 0x0D ? 1 : 0
        }
        return high < 0x80 && carriageReturns == 0
    }

    /// The agency that the words between a dateline's parentheses credit, if any.
    private static func creditedAgency(_ inside: String) -> String? {
        // A single ASCII word ("Reuters", "PTI") can only name an agency by itself, and
        // `agency(named:)` is what `agencies(mentionedIn:)` would find for it, much faster.
        let plainWord = !inside.isEmpty && inside.utf8.allSatisfy(Tokenizer.isASCIIWordByte)
        return plainWord ? agency(namedByPlainWord: inside) : Agencies.agencies(mentionedIn: inside).first
    }

    /// `Agencies.agency(named: word)` for a word of ASCII letters and digits, from a table
    /// worked out once. For such a word that function's answer depends only on the word in
    /// small letters (its alias key; trimming does not touch it) and on whether it is all in
    /// capitals (the rule for short aliases), so the table holds its answers for both forms of
    /// every alias that is such a word; any other word names no agency. The function itself
    /// trims and normalizes character by character, which cost more than the rest of the
    /// dateline search of an article.
    private static func agency(namedByPlainWord word: String) -> String? {
        let key = word.lowercased()
        guard let answers = plainWordAgencies[key] else { return nil }
        return word == word.uppercased() ? answers.capitals : answers.other
    }

    private static let plainWordAgencies: [String: (capitals: String?, other: String?)] = {
        var table: [String: (capitals: String?, other: String?)] = [:]
        for entry in Agencies.catalog {
            for alias in entry.aliases {
                let key = Normalization.normalize(alias)
                guard !key.isEmpty, key.utf8.allSatisfy(Tokenizer.isASCIIWordByte) else { continue }
                table[key] = (Agencies.agency(named: key.uppercased()), Agencies.agency(named: key))
            }
        }
        return table
    }()

    /// Whether an ASCII small letter comes before any comma, separator or non-ASCII byte.
    /// Such a letter is in ``capitalPlace(_:)``'s place name, which must be all capitals.
    private static func smallLetterBeforeSeparator(_ utf8: String.UTF8View) -> Bool {
        for byte in utf8.dropFirst() {
            if byte >= 0x80 || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":") { return false }
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) { return true }
        }
        return false
    }

    /// `PLACE[, DATE] (AGENCY) [-|—|:]`
    private static func parenthesized(_ paragraph: String) -> Dateline? {
        guard let open = paragraph.prefix(100).firstIndex(where: { $0 == "(" || $0 == "（" }) else { return nil }
        let place = paragraph[..<open]
        guard let first = place.first, first.isLetter, first.isUppercase || !first.isCased,
              place.split(separator: " ").count <= 8
        else { return nil }
        guard let close = paragraph[open...].firstIndex(where: { $0 == ")" || $0 == "）" }),
              paragraph.distance(from: open, to: close) <= 40 else { return nil }
        guard let agency = creditedAgency(String(paragraph[paragraph.index(after: open)..<close])) else { return nil }
        var end = paragraph.index(after: close)
        end = skipSpaces(paragraph, from: end)
        if end < paragraph.endIndex, separators.contains(paragraph[end]) {
            end = skipSpaces(paragraph, from: paragraph.index(after: end))
        } else {
            // Without a separator, a dateline is a place in capitals or an uncased script, or is
            // followed by a new sentence (`Aizawl, Dec 4 (IANS) The ...`); "The ministry (PTI)
            // said" is not one.
            let firstWord = place.prefix(while: { !$0.isWhitespace && $0 != "," }).filter(\.isLetter)
            let placeInCapitals = firstWord.allSatisfy { $0.isUppercase || !$0.isCased }
            let sentenceFollows = end < paragraph.endIndex && paragraph[end].isUppercase
            guard placeInCapitals || sentenceFollows else { return nil }
        }
        return Dateline(text: String(paragraph[..<end]).trimmingCharacters(in: ""), agency: agency, rest: paragraph[end...])
    }

    /// Xinhua: `新华社酒泉12月8日电（记者张三）`.
    private static func xinhua(_ paragraph: String) -> Dateline? {
        guard paragraph.hasPrefix("新华社"), let mark = paragraph.prefix(30).firstIndex(of: "电") else { return nil }
        var end = paragraph.index(after: mark)
        if end < paragraph.endIndex, paragraph[end] == "（" || paragraph[end] == "(",
           let close = paragraph[end...].prefix(30).firstIndex(where: { $0 == "）" || $0 == ")" }) {
            end = paragraph.index(after: close)
        }
        end = skipSpaces(paragraph, from: end)
        return Dateline(text: String(paragraph[..<end]).trimmingCharacters(in: ""), agency: "Xinhua", rest: paragraph[end...])
    }

    /// The answer of a byte rule: decided (a dateline or none), or left to the character rule.
    private enum Decision {
        case decided(Dateline?)
        case undecided
    }

    /// ``capitalPlace(_:)`` on bytes, for a paragraph whose bytes up to the text after the
    /// separator are ASCII without CR, so that bytes are characters (most wire datelines);
    /// undecided otherwise.
    private static func asciiCapitalPlace(_ paragraph: String) -> Decision {
        let utf8 = paragraph.utf8
        return utf8.withContiguousStorageIfAvailable { bytes -> Decision in
            var separator = -1
            for index in 0..<min(bytes.count, 60) {
                let byte = bytes[index]
                if byte >= 0x80 || byte == 0x0D { return .undecided }
                if byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":") { separator = index; break }
            }
            // No separator among the first 60 characters (all ASCII), or one at the start.
            guard separator > 0 else { return .decided(nil) }
            guard bytes[separator - 1] == 0x20 || bytes[separator] == UInt8(ascii: ":") else { return .decided(nil) }
            // The place name (up to a comma) has at least three letters, all capitals.
            var letters = 0
            for index in 0..<separator {
                let byte = bytes[index]
                if byte == UInt8(ascii: ",") { break }
                if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) { return .decided(nil) }
                if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) { letters += 1 }
            }
            guard letters >= 3 else { return .decided(nil) }
            var end = separator + 1
            while end < bytes.count, isASCIIWhitespace(bytes[end]) { end += 1 }
            guard end < bytes.count else { return .decided(nil) }
            // A combining mark after the separator or a space would join it into one character.
            guard bytes[end] < 0x80, bytes[end] != 0x0D else { return .undecided }
            return .decided(asciiDateline(paragraph, bytes, end: end, agency: nil))
        } ?? .undecided
    }

    /// The dateline that ends at byte `end` (after its separator and spaces) of a paragraph
    /// whose bytes up to there are ASCII.
    private static func asciiDateline(_ paragraph: String, _ bytes: UnsafeBufferPointer<UInt8>, end: Int, agency: String?) -> Dateline {
        var textEnd = end
        while textEnd > 0, isASCIIWhitespace(bytes[textEnd - 1]) { textEnd -= 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<textEnd]), as: UTF8.self)
        let utf8 = paragraph.utf8
        return Dateline(text: text, agency: agency, rest: paragraph[utf8.index(utf8.startIndex, offsetBy: end)...])
    }

    /// What `Character.isWhitespace` says of an ASCII byte.
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// `WASHINGTON —`, `NEW DELHI, Dec 8 -`: a place in capitals, then a dash or colon.
    private static func capitalPlace(_ paragraph: String) -> Dateline? {
        // Without a separator's bytes anywhere there is none among the first 60 characters:
        // most paragraphs of text in other scripts stop here, before the character walk.
        guard hasSeparatorBytes(paragraph.utf8) else { return nil }
        let head = paragraph.prefix(60)
        guard let separator = head.firstIndex(where: { separators.contains($0) }), separator > head.startIndex else { return nil }
        let place = head[..<separator]
        guard place.last == " " || paragraph[separator] == ":" else { return nil }
        let placeName = place.split(separator: ",").first ?? place
        let letters = placeName.filter(\.isLetter)
        guard letters.count >= 3, letters.allSatisfy({ $0.isUppercase }), place.first?.isLetter == true else { return nil }
        let end = skipSpaces(paragraph, from: paragraph.index(after: separator))
        guard end < paragraph.endIndex else { return nil }
        return Dateline(text: String(paragraph[..<end]).trimmingCharacters(in: ""), agency: nil, rest: paragraph[end...])
    }

    /// Whether `utf8` holds `-`, `:` or the first bytes of `–`, `—`, `―` (E2 80 93..95).
    private static func hasSeparatorBytes(_ utf8: String.UTF8View) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in utf8 {
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":") { return true }
            if previous == (0xE2, 0x80), (0x93...0x95).contains(byte) { return true }
            previous = (previous.1, byte)
        }
        return false
    }

    private static func skipSpaces(_ text: String, from index: String.Index) -> String.Index {
        var index = index
        while index < text.endIndex, text[index].isWhitespace { index = text.index(after: index) }
        return index
    }
}
