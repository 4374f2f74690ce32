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
        if mayHaveParenthesizedDateline(utf8), let found = parenthesized(paragraph) { return found }
        if !leadIsASCII, let found = xinhua(paragraph) { return found }
        if leadIsASCII && smallLetterBeforeSeparator(utf8) { return nil }
        if case .decided(let found) = asciiCapitalPlace(paragraph) { return found }
        return capitalPlace(paragraph)
    }

    /// Whether ``parenthesized(_:)`` may find a dateline. When the first 100 bytes are ASCII
    /// (and no CR, which pairs with LF into one character), bytes are characters, and its
    /// first checks are made on them: a `(` among the first 100, at most 8 words before it,
    /// and a `)` at most 40 characters after it. Otherwise any parenthesis in the paragraph
    /// answers yes.
    private static func mayHaveParenthesizedDateline(_ utf8: String.UTF8View) -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let base = bytes.baseAddress else { return false }
            let head = min(bytes.count, 100)
            let open = memchr(base, 0x28, head).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
            if isPlain(UnsafeBufferPointer(start: base, count: open ?? head)) {
                guard let open else { return false }
                var words = 0
                var inWord = false
                for byte in UnsafeBufferPointer(start: base, count: open) {
                    if byte == 0x20 {
                        inWord = false
                    } else if !inWord {
                        inWord = true
                        words += 1
                    }
                }
                return words <= 8 && closesWithin40(bytes, after: open)
            }
            // Characters and bytes differ: any parenthesis, ( or （, answers yes.
            if open != nil || memchr(base, 0x28, bytes.count) != nil { return true }
            // （ is EF BC 88.
            var from = 0
            while let lead = memchr(base + from, 0xEF, bytes.count - from) {
                let index = UnsafeRawPointer(lead) - UnsafeRawPointer(base)
                if index + 2 < bytes.count && bytes[index + 1] == 0xBC && bytes[index + 2] == 0x88 { return true }
                from = index + 1
            }
            return false
        }
        // A bridged or lazily decoded string: let the full rule decide.
        return found ?? true
    }

    /// Whether `bytes` are ASCII without CR, so that each byte is a character.
    private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var high: UInt8 = 0
        var carriageReturn = false
        for byte in bytes {
            high |= byte
            carriageReturn = carriageReturn || byte == 0x0D
        }
        return high < 0x80 && !carriageReturn
    }

    /// Whether `)` comes at most 40 characters after the `(` at `open`, judged on bytes:
    /// yes as soon as a byte (non-ASCII, CR) could make bytes and characters differ.
    private static func closesWithin40(_ bytes: UnsafeBufferPointer<UInt8>, after open: Int) -> Bool {
        var index = open + 1
        while index < bytes.count && index - open <= 40 {
            let byte = bytes[index]
            if byte == 0x29 || byte >= 0x80 || byte == 0x0D { return true }
            index += 1
        }
        return false
    }

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
        let inside = String(paragraph[paragraph.index(after: open)..<close])
        // A single ASCII word ("Reuters", "PTI") can only name an agency by itself, and
        // `agency(named:)` is what `agencies(mentionedIn:)` would find for it, much faster.
        let plainWord = !inside.isEmpty && inside.utf8.allSatisfy { byte in
            (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        let agency = plainWord ? Agencies.agency(named: inside) : Agencies.agencies(mentionedIn: inside).first
        guard agency != nil else { return nil }
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
            var textEnd = end
            while textEnd > 0, isASCIIWhitespace(bytes[textEnd - 1]) { textEnd -= 1 }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<textEnd]), as: UTF8.self)
            let rest = paragraph[utf8.index(utf8.startIndex, offsetBy: end)...]
            return .decided(Dateline(text: text, agency: nil, rest: rest))
        } ?? .undecided
    }

    /// What `Character.isWhitespace` says of an ASCII byte.
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// `WASHINGTON —`, `NEW DELHI, Dec 8 -`: a place in capitals, then a dash or colon.
    private static func capitalPlace(_ paragraph: String) -> Dateline? {
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

    private static func skipSpaces(_ text: String, from index: String.Index) -> String.Index {
        var index = index
        while index < text.endIndex, text[index].isWhitespace { index = text.index(after: index) }
        return index
    }
}
