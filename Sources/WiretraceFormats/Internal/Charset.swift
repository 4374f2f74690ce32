/// Decides the character set of an HTML page the way browsers do, in order: a byte-order
/// mark, a `<meta charset>` or `<meta http-equiv="Content-Type" content="...; charset=...">`
/// in the first bytes, else UTF-8 when the bytes are valid UTF-8, else Windows-1252.
///
/// UTF-16 and Windows-1252 (with its aliases ISO-8859-1 and US-ASCII, as the HTML standard
/// maps them) are turned into UTF-8 here: glibc's iconv rejects the five bytes Windows-1252
/// leaves unassigned, and libxml2 would stop converting at the first one. Other declared
/// character sets are passed to libxml2 by name.
struct Charset: Equatable {
    /// The encoding name handed to libxml2 with ``bytes``.
    var encoding: String
    /// Where the decision came from: "BOM", "meta charset", "http-equiv", "UTF-8 check", "fallback".
    var source: String
    /// A sentence for the user when the bytes had to be repaired or guessed.
    var warning: String?

    /// The page's bytes, converted when needed, and the encoding they are now in.
    static func decide(_ bytes: [UInt8], name: String) -> (bytes: [UInt8], charset: Charset) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return repairedUTF8(Array(bytes.dropFirst(3)), source: "BOM", name: name)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return (utf16ToUTF8(bytes.dropFirst(2), bigEndian: bytes[0] == 0xFE), Charset(encoding: "UTF-8", source: "BOM"))
        }
        if let (label, source) = declared(in: bytes) {
            let canonical = canonicalLabel(label)
            // A page declaring a legacy set whose bytes are all valid UTF-8, with multi-byte
            // characters, was transcoded when it was saved (a legacy set's high bytes almost
            // never line up as UTF-8 across a page): read as declared, it fails or turns to mojibake.
            if canonical != "UTF-8", bytes.contains(where: { $0 >= 0xC2 }), firstInvalidUTF8(bytes) == nil {
                return (bytes, Charset(encoding: "UTF-8", source: "UTF-8 check (declared \(label))"))
            }
            switch canonical {
            case "UTF-8":
                return repairedUTF8(bytes, source: source, name: name)
            case "windows-1252":
                return (windows1252ToUTF8(bytes), Charset(encoding: "UTF-8", source: source))
            case "none":
                return undeclared(bytes, name: name)
            case let other:
                if HTMLDocument.knowsEncoding(other) { return (bytes, Charset(encoding: other, source: source)) }
                var result = undeclared(bytes, name: name)
                result.charset.warning = "\(name): unknown character set \"\(label)\"; read as \(result.charset.source == "fallback" ? "Windows-1252" : "UTF-8")"
                return result
            }
        }
        return undeclared(bytes, name: name)
    }

    /// No usable declaration: UTF-8 when valid, otherwise Windows-1252 with a warning.
    private static func undeclared(_ bytes: [UInt8], name: String) -> (bytes: [UInt8], charset: Charset) {
        guard let firstBad = firstInvalidUTF8(bytes) else { return (bytes, Charset(encoding: "UTF-8", source: "UTF-8 check")) }
        return (windows1252ToUTF8(bytes), Charset(
            encoding: "UTF-8", source: "fallback",
            warning: "\(name): not UTF-8 at byte \(firstBad) and no character set declared; read as Windows-1252"))
    }

    /// Declared UTF-8: invalid bytes become U+FFFD (a page that says UTF-8 mostly is).
    private static func repairedUTF8(_ bytes: [UInt8], source: String, name: String) -> (bytes: [UInt8], charset: Charset) {
        guard let firstBad = firstInvalidUTF8(bytes) else { return (bytes, Charset(encoding: "UTF-8", source: source)) }
        var repaired: [UInt8] = []
        repaired.reserveCapacity(bytes.count + 64)
        var start = 0, badCount = 0
        var bad: Int? = firstBad
        // Valid runs are copied whole; each bad byte becomes U+FFFD (EF BF BD).
        while let offset = bad {
            repaired.append(contentsOf: bytes[start..<offset])
            repaired.append(contentsOf: [0xEF, 0xBF, 0xBD])
            badCount += 1
            start = offset + 1
            bad = firstInvalidUTF8(bytes, from: start)
        }
        repaired.append(contentsOf: bytes[start...])
        return (repaired, Charset(
            encoding: "UTF-8", source: source,
            warning: "\(name): not valid UTF-8 at byte \(firstBad); \(badCount) bad byte\(badCount == 1 ? "" : "s") replaced with U+FFFD"))
    }

    // MARK: Declarations

    /// The label of the first charset declaration in the first 4 KB, and its kind.
    static func declared(in bytes: [UInt8]) -> (String, String)? {
        let head = bytes.prefix(4096)
        var index = head.startIndex
        while let open = head[index...].firstIndex(of: UInt8(ascii: "<")) {
            index = open + 1
            guard open + 5 < head.endIndex, lowerASCII(head[open + 1]) == UInt8(ascii: "m"),
                  lowerASCII(head[open + 2]) == UInt8(ascii: "e"), lowerASCII(head[open + 3]) == UInt8(ascii: "t"),
                  lowerASCII(head[open + 4]) == UInt8(ascii: "a")
            else { continue }
            let end = head[open...].firstIndex(of: UInt8(ascii: ">")) ?? head.endIndex
            let tag = String(decoding: head[open..<end], as: UTF8.self).lowercased()
            // http-equiv first: its content attribute holds "charset=" too.
            if let equiv = attribute("http-equiv", in: tag), equiv == "content-type" {
                if let content = attribute("content", in: tag), let range = content.firstRange(of: "charset=") {
                    let value = content[range.upperBound...].prefix { $0 != ";" && $0 != " " && $0 != "\"" && $0 != "'" }
                    if !value.isEmpty { return (String(value), "http-equiv") }
                }
                continue
            }
            if let value = attribute("charset", in: tag) { return (value, "meta charset") }
        }
        return nil
    }

    /// The value of `name="value"`, `name='value'` or `name=value` in a lower-cased tag.
    private static func attribute(_ name: String, in tag: String) -> String? {
        var search = tag[...]
        while let range = search.firstRange(of: name) {
            search = tag[range.upperBound...]
            // A whole attribute name: preceded by white space.
            guard let before = tag[..<range.lowerBound].last, before == " " || before == "\t" || before == "\n" else { continue }
            var rest = search.drop { $0 == " " }
            guard rest.first == "=" else { continue }
            rest = rest.dropFirst().drop { $0 == " " }
            if let quote = rest.first, quote == "\"" || quote == "'" {
                return String(rest.dropFirst().prefix { $0 != quote }).trimmed
            }
            return String(rest.prefix { $0 != " " && $0 != "/" && $0 != ">" }).trimmed
        }
        return nil
    }

    /// The name the rest of the reader uses for a label: "UTF-8", "windows-1252", or the label.
    static func canonicalLabel(_ label: String) -> String {
        let lower = label.lowercased().trimmed
        switch lower {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return "UTF-8"
        case "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "us-ascii",
             "ascii", "iso-ir-100", "cp819", "ibm819", "csisolatin1", "iso_8859-1:1987":
            return "windows-1252"
        case "gb2312", "gbk", "x-gbk", "gb_2312-80", "chinese", "csgb2312": return "GBK"
        // A declaration read from the bytes as ASCII is not in UTF-16 (the HTML standard
        // takes a UTF-16 declaration found so as UTF-8), and UTF-32 and UTF-7 are not
        // encodings of the web: pages declaring them are read as if they declared nothing.
        case "utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2", "csunicode", "iso-10646-ucs-2", "unicodefeff", "unicodefffe":
            return "UTF-8"
        case "utf-32", "utf-32le", "utf-32be", "utf32", "ucs-4", "utf-7", "utf7", "csunicode11utf7", "unicode-1-1-utf-7":
            return "none"
        default: return lower.uppercased()
        }
    }

    private static func lowerASCII(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    // MARK: Conversions

    /// Offset of the first byte that is not part of valid UTF-8, or `nil` when all are.
    static func firstInvalidUTF8(_ bytes: [UInt8], from start: Int = 0) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            var index = start
            let count = buffer.count
            let raw = UnsafeRawBufferPointer(buffer)
            while index < count {
                // Eight ASCII bytes at a time: most of a page is markup.
                if index + 8 <= count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
                let byte = buffer[index]
                if byte < 0x80 { index += 1; continue }
                let length: Int
                var minimum: UInt32
                var scalar: UInt32
                switch byte {
                case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(byte & 0x1F)
                case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(byte & 0x0F)
                case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(byte & 0x07)
                default: return index
                }
                guard index + length <= count else { return index }
                for offset in 1..<length {
                    let next = buffer[index + offset]
                    guard next & 0xC0 == 0x80 else { return index }
                    scalar = scalar << 6 | UInt32(next & 0x3F)
                }
                if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
                index += length
            }
            return nil
        }
    }

    /// Windows-1252 code points of bytes 0x80–0x9F; the five unassigned ones map to C1 controls, as browsers do.
    private static let high: [UInt16] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 { output.append(byte); continue }
            let scalar = byte < 0xA0 ? UInt32(high[Int(byte) - 0x80]) : UInt32(byte)
            appendUTF8(scalar, to: &output)
        }
        return output
    }

    static func utf16ToUTF8(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    private static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        if scalar < 0x800 {
            output.append(UInt8(0xC0 | scalar >> 6)); output.append(UInt8(0x80 | scalar & 0x3F))
        } else {
            output.append(UInt8(0xE0 | scalar >> 12)); output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
