/// UTF-8 decoding that never fails: invalid bytes become U+FFFD, and where they were is
/// reported.
enum TextDecoding {
    struct Decoded {
        var text: String
        /// Offset of the first invalid byte, if any.
        var firstInvalidByte: Int?
        var invalidCount: Int
    }

    static func decode(_ bytes: [UInt8]) -> Decoded {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self) {
            return Decoded(text: text, firstInvalidByte: nil, invalidCount: 0)
        }
        var firstInvalid: Int?
        var invalidCount = 0
        var scalars = String.UnicodeScalarView()
        var decoder = UTF8()
        var iterator = body.makeIterator()
        // Offsets are approximate within a bad sequence; the first one is exact enough to find it.
        var consumed = body.startIndex
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars.append(scalar)
                consumed += UTF8.width(scalar)
            case .error:
                if firstInvalid == nil { firstInvalid = consumed }
                invalidCount += 1
                consumed += 1
                scalars.append("\u{FFFD}")
            case .emptyInput:
                break loop
            }
        }
        return Decoded(text: String(scalars), firstInvalidByte: firstInvalid, invalidCount: invalidCount)
    }
}
