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
        if hasOpeningParenthesis(utf8), let found = parenthesized(paragraph) { return found }
        if !leadIsASCII, let found = xinhua(paragraph) { return found }
        if leadIsASCII && smallLetterBeforeSeparator(utf8) { return nil }
        return capitalPlace(paragraph)
    }

    /// Whether `(` or `（` may be among the first 100 characters, where
    /// ``parenthesized(_:)`` looks for one. When the first 100 bytes are ASCII (and no CR,
    /// which pairs with LF into one character), they are the first 100 characters; otherwise
    /// any parenthesis in the paragraph answers yes.
    private static func hasOpeningParenthesis(_ utf8: String.UTF8View) -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var plain = true
            for byte in bytes.prefix(100) {
                if byte == 0x28 { return true }
                if byte >= 0x80 || byte == 0x0D { plain = false; break }
            }
            if plain { return false }
            for index in bytes.indices {
                let byte = bytes[index]
                if byte == 0x28 { return true }
                if byte == 0x88 && index >= 2 && bytes[index - 1] == 0xBC && bytes[index - 2] == 0xEF { return true }
            }
            return false
        }
        // A bridged or lazily decoded string: let the full rule decide.
        return found ?? true
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
