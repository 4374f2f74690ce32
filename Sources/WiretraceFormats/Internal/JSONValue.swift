/// A small, lenient JSON reader for the JSON-LD blocks of web pages, which are often not
/// quite JSON: raw line breaks inside strings, trailing commas, HTML comments or CDATA
/// markers around the object, several objects one after the other.
enum JSONValue: Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let x), .array(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        default: false
        }
    }

    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    var string: String? {
        switch self {
        case .string(let text): text
        case .number(let text): text
        default: nil
        }
    }

    /// The values of an array, or the value itself.
    var elements: [JSONValue] {
        if case .array(let values) = self { return values }
        return [self]
    }

    /// Every value in `bytes`: one object, an array, or several objects in a row.
    static func parseAll(_ bytes: [UInt8]) -> [JSONValue] {
        var parser = Parser(bytes: bytes)
        var values: [JSONValue] = []
        while true {
            parser.skipNoise()
            guard parser.index < bytes.count else { break }
            guard let value = parser.value() else { break }
            values.append(value)
        }
        return values
    }

    /// Whether `bytes` are one JSON object or array and nothing else but white space (a
    /// document cut short still counts: its beginning is JSON all the same). Prose that opens
    /// with a bracket (`[Updated] ...`) is not.
    static func isDocument(_ bytes: [UInt8]) -> Bool {
        var parser = Parser(bytes: bytes)
        parser.skipSpace()
        guard parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "{") || bytes[parser.index] == UInt8(ascii: "[") else { return false }
        guard parser.value() != nil else { return false }
        parser.skipSpace()
        return parser.index == bytes.count
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        var depth = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        /// White space, commas between top-level values, `<!--`, `-->`, `//<![CDATA[`, `//]]>`.
        mutating func skipNoise() {
            while index < bytes.count {
                let byte = bytes[index]
                if Whitespace.isSpace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") { index += 1; continue }
                if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { return }
                // Anything else before a value is markup noise: skip to the next line or brace.
                index += 1
            }
        }

        mutating func skipSpace() {
            while index < bytes.count, Whitespace.isSpace(bytes[index]) { index += 1 }
        }

        mutating func value() -> JSONValue? {
            skipSpace()
            guard index < bytes.count, depth < 64 else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"): return object()
            case UInt8(ascii: "["): return array()
            case UInt8(ascii: "\""), UInt8(ascii: "'"): return string().map(JSONValue.string)
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default: return number()
            }
        }

        mutating func literal(_ word: String, _ value: JSONValue) -> JSONValue? {
            for byte in word.utf8 {
                guard index < bytes.count, bytes[index] == byte else { return nil }
                index += 1
            }
            return value
        }

        mutating func number() -> JSONValue? {
            let start = index
            while index < bytes.count, "+-.0123456789eE".utf8.contains(bytes[index]) { index += 1 }
            guard index > start else { return nil }
            return .number(String(decoding: bytes[start..<index], as: UTF8.self))
        }

        mutating func object() -> JSONValue? {
            index += 1
            depth += 1
            defer { depth -= 1 }
            var members: [(String, JSONValue)] = []
            while true {
                skipSpace()
                guard index < bytes.count else { return .object(members) }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'"), let key = string() else { return nil }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let value = value() else { return nil }
                members.append((key, value))
            }
        }

        mutating func array() -> JSONValue? {
            index += 1
            depth += 1
            defer { depth -= 1 }
            var values: [JSONValue] = []
            while true {
                skipSpace()
                guard index < bytes.count else { return .array(values) }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(values) }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard let value = value() else { return nil }
                values.append(value)
            }
        }

        mutating func string() -> String? {
            let quote = bytes[index]
            index += 1
            var output: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                if byte == quote { index += 1; return String(decoding: output, as: UTF8.self) }
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    let escaped = bytes[index + 1]
                    index += 2
                    switch escaped {
                    case UInt8(ascii: "n"): output.append(0x0A)
                    case UInt8(ascii: "t"): output.append(0x09)
                    case UInt8(ascii: "r"): output.append(0x0D)
                    case UInt8(ascii: "b"), UInt8(ascii: "f"): output.append(0x20)
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { continue }
                        if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                           bytes[index + 1] == UInt8(ascii: "u") {
                            index += 2
                            if let low = hex4(), (0xDC00..<0xE000).contains(low) {
                                scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
                            }
                        }
                        output.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
                    default: output.append(escaped)
                    }
                    continue
                }
                output.append(byte)
                index += 1
            }
            return String(decoding: output, as: UTF8.self)
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for byte in bytes[index..<(index + 4)] {
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: return nil
                }
                value = value << 4 | digit
            }
            index += 4
            return value
        }
    }
}
