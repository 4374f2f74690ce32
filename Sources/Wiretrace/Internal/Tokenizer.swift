/// Splits normalized UTF-8 text into word tokens and hashes each one with XXH3.
///
/// A token is a maximal run of letters, marks and digits. Scripts written without spaces
/// between words (Han, Kana, Thai, Lao, Khmer, Myanmar, Tibetan) give one token per
/// character, with its combining marks, so that k-token shingles become character n-grams
/// there. Punctuation separates tokens and is not part of any.
enum Tokenizer {
    /// Calls `body` with the byte range of each token of `bytes`, in order.
    @inline(__always)
    static func forEachToken(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        var index = 0
        var tokenStart = -1
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if isASCIIWordByte(byte) {
                    if tokenStart < 0 { tokenStart = index }
                    index += 1
                    // The rest of a run of ASCII word bytes, without the general checks.
                    while index < count && isASCIIWordByte(bytes[index]) { index += 1 }
                    continue
                }
                if tokenStart >= 0 {
                    body(tokenStart..<index)
                    tokenStart = -1
                }
                index += 1
                continue
            }
            let (scalar, length) = decodeScalar(bytes, at: index)
            switch classify(scalar) {
            case .word:
                if tokenStart < 0 { tokenStart = index }
            case .mark:
                // A combining mark belongs to the token before it (Devanagari vowel signs,
                // Arabic harakat, Thai tone marks); alone it starts one.
                if tokenStart < 0 { tokenStart = index }
            case .standalone:
                if tokenStart >= 0 { body(tokenStart..<index) }
                tokenStart = index
                // Take the marks that follow into this one-character token.
                var end = index + length
                while end < count, bytes[end] >= 0x80 {
                    let (next, nextLength) = decodeScalar(bytes, at: end)
                    guard classify(next) == .mark else { break }
                    end += nextLength
                }
                body(tokenStart..<end)
                tokenStart = -1
                index = end
                continue
            case .separator:
                if tokenStart >= 0 { body(tokenStart..<index); tokenStart = -1 }
            }
            index += length
        }
        if tokenStart >= 0 { body(tokenStart..<count) }
    }

    @inline(__always)
    static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        // One bit per ASCII byte: digits in the low word; capitals and small letters in the
        // high one (normalized text is lower-case, but readers of raw text call this too).
        let bits: UInt64 = byte < 64 ? 0x03FF_0000_0000_0000 : 0x07FF_FFFE_07FF_FFFE
        return byte < 0x80 && (bits >> UInt64(byte & 63)) & 1 != 0
    }

    enum Class: UInt8, Equatable { case word, mark, standalone, separator }

    static func classify(_ scalar: Unicode.Scalar) -> Class {
        let value = scalar.value
        return value < 0x1_0000 ? basicPlaneClasses[Int(value)] : classifyByProperties(scalar)
    }

    /// ``classifyByProperties(_:)`` of every scalar of the Basic Multilingual Plane, worked
    /// out once (a few milliseconds, the first time text outside Latin-1 is tokenized):
    /// looking up Unicode properties costs a hundred instructions a character, and text in
    /// Devanagari or Arabic spends most of its tokenizing time there otherwise.
    private static let basicPlaneClasses: [Class] = (0..<0x1_0000).map { value in
        Unicode.Scalar(UInt32(value)).map(classifyByProperties) ?? .separator
    }

    static func classifyByProperties(_ scalar: Unicode.Scalar) -> Class {
        let value = scalar.value
        // Letters of Latin-1, Latin Extended-A and -B and basic Cyrillic, without the Unicode
        // property lookup (× and ÷ are symbols).
        if (0x00C0...0x024F).contains(value) && value != 0x00D7 && value != 0x00F7 || (0x0410...0x044F).contains(value) {
            return .word
        }
        if isScriptWithoutSpaces(value) {
            let category = scalar.properties.generalCategory
            if category == .nonspacingMark || category == .spacingMark { return .mark }
            return category == .otherLetter || category == .decimalNumber || category == .letterNumber
                || category == .otherNumber ? .standalone : .separator
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return .word
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .mark
        default:
            return .separator
        }
    }

    /// Han, Hiragana, Katakana, Thai, Lao, Tibetan, Myanmar, Khmer and their extensions.
    static func isScriptWithoutSpaces(_ value: UInt32) -> Bool {
        switch value {
        case 0x0E00...0x0EFF,   // Thai, Lao
             0x0F00...0x0FFF,   // Tibetan
             0x1000...0x109F,   // Myanmar
             0x1780...0x17FF,   // Khmer
             0x3040...0x30FF,   // Hiragana, Katakana
             0x31F0...0x31FF,   // Katakana extensions
             0x3400...0x4DBF,   // CJK extension A
             0x4E00...0x9FFF,   // CJK unified ideographs
             0xF900...0xFAFF,   // CJK compatibility ideographs
             0xFF66...0xFF9F,   // half-width Katakana
             0x20000...0x3FFFF: // CJK extensions B and later
            return true
        default:
            return false
        }
    }

    /// Decodes the scalar starting at `index` of valid UTF-8 (normalized text always is).
    @inline(__always)
    static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        let count = bytes.count
        func continuation(_ offset: Int) -> UInt32 {
            index + offset < count ? UInt32(bytes[index + offset]) & 0x3F : 0
        }
        let value: UInt32
        let length: Int
        if lead < 0xE0 {
            value = ((lead & 0x1F) << 6) | continuation(1); length = 2
        } else if lead < 0xF0 {
            value = ((lead & 0x0F) << 12) | (continuation(1) << 6) | continuation(2); length = 3
        } else {
            value = ((lead & 0x07) << 18) | (continuation(1) << 12) | (continuation(2) << 6) | continuation(3)
            length = 4
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", min(length, count - index))
    }
}
