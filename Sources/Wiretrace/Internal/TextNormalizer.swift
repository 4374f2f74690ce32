internal import CWiretraceICU

/// The byte-level normalization rules of ``Normalization/version`` 1.
///
/// ASCII text takes a byte loop (lower-case, collapse white space, drop control bytes).
/// Anything else goes through ICU's NFKC_Casefold, which does compatibility normalization,
/// full case folding (ß → ss, final sigma) and removes default-ignorable code points (soft
/// hyphen, zero-width space and joiners) in one pass; the result then has typographic
/// quotes, dashes and spaces mapped to ASCII.
///
/// Between the two, text that is ASCII except for characters in a short table (typographic
/// quotes and dashes, special spaces, invisible characters, Latin-1 and Latin Extended-A
/// letters, common signs) takes the byte loop too, with each of those characters mapped to
/// what ICU and the mapping would give. The table holds only characters whose result does
/// not depend on their neighbours (no combining marks, nothing that composes); anything
/// else sends the whole paragraph down the ICU path. This is most news text in Latin
/// scripts, and it is about 30 times faster than the ICU path
/// (`NormalizerFastPathTests` checks each entry against ICU).
enum TextNormalizer {
    /// Receives the word tokens that ``appendSimple(_:to:tokens:)`` writes.
    protocol TokenSink {
        /// One token: `count` bytes of normalized text at `start`, valid during the call.
        mutating func add(_ start: UnsafePointer<UInt8>, count: Int)
    }

    /// For callers that want only the text.
    struct IgnoredTokens: TokenSink {
        @inline(__always) func add(_ start: UnsafePointer<UInt8>, count: Int) {}
    }

    /// Appends the normalized form of `text` to `output`: no leading or trailing space,
    /// single spaces between runs of non-space characters.
    static func appendNormalized(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendNormalized(utf8: $0, to: &output) }
    }

    static func appendNormalized(utf8 bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        if !appendSimple(bytes, to: &output) {
            appendUnicode(bytes, to: &output)
        }
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var accumulated: UInt8 = 0
        for byte in bytes { accumulated |= byte }
        return accumulated < 0x80
    }

    /// The byte loop: appends the normalized form of `bytes` and returns true when every
    /// character is ASCII or in the table of ``simpleForm(_:)``; otherwise appends nothing
    /// and returns false.
    ///
    /// - Complexity: O(*n*), one pass; no allocation beyond growing `output`.
    static func appendSimple(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) -> Bool {
        var tokens = IgnoredTokens()
        return appendSimple(bytes, to: &output, tokens: &tokens)
    }

    /// The byte loop, also reporting the word tokens of what it writes as it writes them:
    /// each token goes to `tokens` with its bytes in `output`, exactly the tokens that
    /// ``Tokenizer/forEachToken(in:_:)`` finds in the appended text, in order. This saves
    /// the fingerprint a second pass over the text. When it returns false, `tokens` may have
    /// been given tokens of a text that was not appended.
    static func appendSimple<Tokens: TokenSink>(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8],
                                                tokens: inout Tokens) -> Bool {
        let start = output.count
        // Every rule maps a character to at most as many bytes as it had, so the input's
        // length bounds the output's: make room with a copy of the input (one memcpy), write
        // through a pointer, then drop what was not used.
        output.append(contentsOf: bytes)
        let written = byteMap.withUnsafeBufferPointer { map in
            wordByteMap.withUnsafeBufferPointer { wordMap in
                output.withUnsafeMutableBufferPointer { buffer -> Int? in
                    guard let out = buffer.baseAddress.map({ $0 + start }), let input = bytes.baseAddress,
                          let map = map.baseAddress, let wordMap = wordMap.baseAddress
                    else { return 0 }
                    return normalizeSimple(input, count: bytes.count, into: out, map: map, wordMap: wordMap, tokens: &tokens)
                }
            }
        }
        guard let written else {
            output.removeSubrange(start...)
            return false
        }
        output.removeSubrange((start + written)...)
        return true
    }

    /// The body of ``appendSimple(_:to:tokens:)``: writes the normalized form of the `count`
    /// bytes at `input` to `out` and returns its length, or nil at the first character that is
    /// neither ASCII nor in the table.
    ///
    /// White space is written as one space after anything but a space, and a trailing space
    /// is dropped at the end: the same text as holding a space back until something follows
    /// it, with one check less per word. A token is a run of word characters in the output: a
    /// dropped character inside a word does not end it; white space, punctuation and signs
    /// do. The state lives in plain local variables, which keeps it in registers; counters
    /// cannot overflow (they stay below `count`), hence the wrapping `&+`.
    @inline(__always)
    private static func normalizeSimple<Tokens: TokenSink>(
        _ input: UnsafePointer<UInt8>, count: Int, into out: UnsafeMutablePointer<UInt8>,
        map: UnsafePointer<UInt8>, wordMap: UnsafePointer<UInt8>, tokens: inout Tokens
    ) -> Int? {
        var length = 0
        // Where the token being written started in `out`, -1 between tokens.
        var tokenStart = -1
        var index = 0
        while index < count {
            let byte = input[index]
            var word = wordMap[Int(byte)]
            if word != 0 {
                // A run of ASCII letters and digits: the common case. Eight bytes at a time
                // while eight are left, then byte by byte.
                openToken(&tokenStart, at: length)
                while index &+ 8 <= count {
                    let run = asciiWordRun(UnsafeRawPointer(input + index), lowercasedInto: out + length)
                    length &+= run
                    index &+= run
                    guard run == 8 else { break }
                }
                if index &+ 8 > count {
                    while index < count {
                        word = wordMap[Int(input[index])]
                        guard word != 0 else { break }
                        out[length] = word
                        length &+= 1
                        index &+= 1
                    }
                }
                // Most words end at a single space, which needs none of the checks below.
                if index < count && input[index] == 0x20 {
                    endToken(&tokenStart, at: length, in: out, tokens: &tokens)
                    out[length] = 0x20
                    length &+= 1
                    index &+= 1
                }
                continue
            }
            let mapped = map[Int(byte)]
            if mapped != Self.nonASCII {
                // White space, punctuation or a control byte.
                index &+= 1
                if mapped == Self.dropped { continue }
                endToken(&tokenStart, at: length, in: out, tokens: &tokens)
                if mapped == Self.space {
                    writeSpace(into: out, length: &length)
                } else {
                    out[length] = mapped
                    length &+= 1
                }
                continue
            }
            let (value, size) = decode(input, at: index, count: count)
            guard let form = simpleForm(value) else { return nil }
            switch form {
            case .drop:
                break
            case .space:
                endToken(&tokenStart, at: length, in: out, tokens: &tokens)
                writeSpace(into: out, length: &length)
            case .ascii(let replacement):
                endToken(&tokenStart, at: length, in: out, tokens: &tokens)
                out[length] = replacement
                length &+= 1
            case .ellipsis:
                endToken(&tokenStart, at: length, in: out, tokens: &tokens)
                out[length] = 0x2E; out[length &+ 1] = 0x2E; out[length &+ 2] = 0x2E
                length &+= 3
            case .scalar(let folded):
                guard let isWord = isWordCharacter(folded) else { return nil }
                if isWord { openToken(&tokenStart, at: length) } else { endToken(&tokenStart, at: length, in: out, tokens: &tokens) }
                // Two-byte results only (U+0080..U+07FF), as long as the input.
                out[length] = UInt8(0xC0 | (folded >> 6))
                out[length &+ 1] = UInt8(0x80 | (folded & 0x3F))
                length &+= 2
            case .same:
                guard let isWord = isWordCharacter(value) else { return nil }
                if isWord { openToken(&tokenStart, at: length) } else { endToken(&tokenStart, at: length, in: out, tokens: &tokens) }
                for offset in index..<(index &+ size) { out[length] = input[offset]; length &+= 1 }
            }
            index &+= size
        }
        endToken(&tokenStart, at: length, in: out, tokens: &tokens)
        if length > 0 && out[length &- 1] == 0x20 { length &-= 1 }
        return length
    }

    /// Copies the ASCII letters and digits that open the eight bytes at `input` to `output`,
    /// lower-cased, and returns how many there are (0 to 8). All eight bytes are written:
    /// those after the run are scratch that the caller writes over (it has room for them, as
    /// its output never runs ahead of its input).
    ///
    /// One 64-bit word in place of eight table lookups: each byte's range checks are
    /// additions that set its top bit (SWAR), done on the low seven bits of every byte so that
    /// no carry crosses into the next byte; bytes with the top bit set are not ASCII.
    @inline(__always)
    static func asciiWordRun(_ input: UnsafeRawPointer, lowercasedInto output: UnsafeMutablePointer<UInt8>) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high = ones &* 0x80
        let bytes = UInt64(littleEndian: input.loadUnaligned(as: UInt64.self))
        let low = bytes & ~high
        // For every letter and digit, setting bit 0x20 gives its small form (digits have it).
        let folded = low | (ones &* 0x20)
        // x in a...b (both below 0x80) iff x + (0x80 - a) has the top bit and x + (0x7F - b) has not.
        let letters = (folded &+ ones &* (0x80 - 0x61)) & ~(folded &+ ones &* (0x7F - 0x7A))
        let digits = (low &+ ones &* (0x80 - 0x30)) & ~(low &+ ones &* (0x7F - 0x39))
        let words = (letters | digits) & ~bytes & high
        UnsafeMutableRawPointer(output).storeBytes(of: (bytes | (ones &* 0x20)).littleEndian, as: UInt64.self)
        let others = ~words & high
        return others == 0 ? 8 : others.trailingZeroBitCount >> 3
    }

    /// Starts a token at `length`, unless one is open.
    @inline(__always)
    private static func openToken(_ tokenStart: inout Int, at length: Int) {
        if tokenStart < 0 { tokenStart = length }
    }

    /// Writes a space at `length` of `out` unless the text so far is empty or ends in one.
    @inline(__always)
    private static func writeSpace(into out: UnsafeMutablePointer<UInt8>, length: inout Int) {
        if length > 0 && out[length &- 1] != 0x20 { out[length] = 0x20; length &+= 1 }
    }

    /// Reports the token that ends at `length` of `out`, if one is open.
    @inline(__always)
    private static func endToken<Tokens: TokenSink>(_ tokenStart: inout Int, at length: Int, in out: UnsafeMutablePointer<UInt8>,
                                                    tokens: inout Tokens) {
        guard tokenStart >= 0 else { return }
        tokens.add(UnsafePointer(out + tokenStart), count: length &- tokenStart)
        tokenStart = -1
    }

    /// Whether the tokenizer takes a character of the table as part of a word (a letter) or
    /// as a separator (a sign); nil for any other class, which the byte loop does not track
    /// (no character of the table has one).
    @inline(__always)
    private static func isWordCharacter(_ value: UInt32) -> Bool? {
        guard let scalar = Unicode.Scalar(value) else { return nil }
        switch Tokenizer.classify(scalar) {
        case .word: return true
        case .separator: return false
        case .mark, .standalone: return nil
        }
    }

    /// Per byte, the byte the loop writes for an ASCII letter or digit (lower-cased), 0 for
    /// every other byte: the bytes that make up ASCII word tokens.
    private static let wordByteMap: [UInt8] = (0..<256).map { (byte: Int) -> UInt8 in
        byte < 0x80 && Tokenizer.isASCIIWordByte(UInt8(byte)) ? byteMap[byte] : 0
    }

    /// Per byte, what the byte loop writes: an ASCII byte lower-cased (and `` ` `` as `'`),
    /// ``space`` for white space, ``dropped`` for a control byte, ``nonASCII`` for the lead
    /// or continuation bytes of other characters. The same rules as the ICU path.
    private static let byteMap: [UInt8] = (0..<256).map { (byte: Int) -> UInt8 in
        switch byte {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20: return space
        case 0x00..<0x20, 0x7F: return dropped
        case 0x41...0x5A: return UInt8(byte | 0x20)
        case 0x60: return UInt8(ascii: "'")
        case 0x80...: return nonASCII
        default: return UInt8(byte)
        }
    }
    private static let space: UInt8 = 0
    private static let dropped: UInt8 = 0xFF
    private static let nonASCII: UInt8 = 0xFE

    /// What the Unicode path makes of one non-ASCII character when that does not depend on
    /// its neighbours.
    enum SimpleForm: Equatable {
        /// White space (NFKC gives U+0020).
        case space
        /// Removed (default-ignorable).
        case drop
        /// One ASCII byte (quotes, apostrophes, dashes).
        case ascii(UInt8)
        /// U+2026 HORIZONTAL ELLIPSIS: NFKC gives three full stops.
        case ellipsis
        /// A case-folded letter in U+0080..U+07FF.
        case scalar(UInt32)
        /// Itself, unchanged.
        case same
    }

    /// The table of the byte loop: `nil` for every character it does not hold. Each entry is
    /// NFKC_Casefold of the character alone followed by the mapping of ``appendUnicode(_:to:)``.
    @inline(__always)
    static func simpleForm(_ value: UInt32) -> SimpleForm? {
        switch value {
        case 0x00A0, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return .space
        case 0x00AD, 0x200B...0x200D, 0x2060, 0xFEFF:
            return .drop
        case 0x2018...0x201B, 0x2032, 0x2035:
            return .ascii(UInt8(ascii: "'"))
        case 0x201C...0x201F, 0x00AB, 0x00BB, 0x2039, 0x203A:
            return .ascii(UInt8(ascii: "\""))
        case 0x2010...0x2015, 0x2212:
            return .ascii(UInt8(ascii: "-"))
        case 0x2026:
            return .ellipsis
        case 0x00A1...0x00A3, 0x00A5...0x00A7, 0x00A9, 0x00AC, 0x00AE, 0x00B0, 0x00B1, 0x00B6, 0x00B7, 0x00BF,
             0x00D7, 0x00F7, 0x2020...0x2022, 0x2030, 0x20AC:
            return .same
        case 0x00E0...0x00FF:
            return .same
        case 0x00C0...0x00DE:
            // Latin-1 capitals fold to the small letter 0x20 above (× is U+00D7, handled above).
            return .scalar(value + 0x20)
        case 0x0100...0x012F, 0x0134...0x0137, 0x014A...0x0177:
            // Latin Extended-A pairs: capital even, small odd.
            return value & 1 == 0 ? .scalar(value + 1) : .same
        case 0x0139...0x013E, 0x0141...0x0148, 0x0179...0x017E:
            // Pairs with the capital odd.
            return value & 1 == 1 ? .scalar(value + 1) : .same
        default:
            return nil
        }
    }

    /// Decodes the scalar at `index` of valid UTF-8 (a `String`'s bytes always are).
    @inline(__always)
    private static func decode(_ input: UnsafePointer<UInt8>, at index: Int, count: Int) -> (UInt32, Int) {
        let lead = UInt32(input[index])
        if lead < 0xE0, index + 1 < count {
            return (((lead & 0x1F) << 6) | (UInt32(input[index + 1]) & 0x3F), 2)
        }
        if lead < 0xF0, index + 2 < count {
            return (((lead & 0x0F) << 12) | ((UInt32(input[index + 1]) & 0x3F) << 6) | (UInt32(input[index + 2]) & 0x3F), 3)
        }
        // Four-byte scalars (and anything malformed) are not in the table.
        return (0xFFFF_FFFF, 1)
    }

    /// The ICU path. `bytes` must be valid UTF-8, as a `String`'s bytes always are.
    ///
    /// UTF-8 goes to UTF-16 and back by hand, a scalar at a time: through `String` and its
    /// views, the two conversions cost ten times what ICU's normalization does.
    static func appendUnicode(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        let folded = nfkcCasefold(utf16(of: bytes))
        // No reserveCapacity: it grows to exactly what is asked, so asking for a little more
        // for each paragraph of a long text would copy the whole buffer each time.
        let start = output.count
        var pendingSpace = false
        folded.withUnsafeBufferPointer { units in
            var index = 0
            while index < units.count {
                var value = UInt32(units[index])
                index += 1
                if value & 0xF800 == 0xD800 {
                    // A surrogate pair is one scalar; ICU writes no lone surrogate, but one
                    // would become U+FFFD, as decoding into a `String` makes it.
                    if value < 0xDC00, index < units.count, units[index] & 0xFC00 == 0xDC00 {
                        value = 0x1_0000 + ((value - 0xD800) << 10) + (UInt32(units[index]) - 0xDC00)
                        index += 1
                    } else {
                        value = 0xFFFD
                    }
                }
                let mapped: UInt32
                switch value {
                case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x00B4, 0x0060, 0x02BC, 0xFF07:
                    mapped = 0x27 // '
                case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036, 0x00AB, 0x00BB, 0x2039, 0x203A, 0x301D, 0x301E:
                    mapped = 0x22 // "
                case 0x2010...0x2015, 0x2212, 0x2E3A, 0x2E3B, 0xFE58, 0xFE63:
                    mapped = 0x2D // -
                case 0x00AD, 0x200B...0x200D, 0x2060, 0xFEFF:
                    continue
                default:
                    if isWhitespace(value) { pendingSpace = true; continue }
                    if isControl(value) { continue }
                    mapped = value
                }
                if pendingSpace && output.count > start { output.append(0x20) }
                pendingSpace = false
                appendUTF8(mapped, to: &output)
            }
        }
    }

    /// The UTF-16 form of valid UTF-8, which has at most as many code units as it has bytes.
    private static func utf16(of bytes: UnsafeBufferPointer<UInt8>) -> [UInt16] {
        [UInt16](unsafeUninitializedCapacity: bytes.count) { units, count in
            count = 0
            var index = 0
            while index < bytes.count {
                if bytes[index] < 0x80 {
                    units[count] = UInt16(bytes[index])
                    count += 1
                    index += 1
                    continue
                }
                let (scalar, size) = Tokenizer.decodeScalar(bytes, at: index)
                index += size
                let value = scalar.value
                if value < 0x1_0000 {
                    units[count] = UInt16(value)
                    count += 1
                } else {
                    units[count] = UInt16(0xD800 + ((value - 0x1_0000) >> 10))
                    units[count + 1] = UInt16(0xDC00 + (value & 0x3FF))
                    count += 2
                }
            }
        }
    }

    /// Unicode's White_Space property, written out: the property lookup costs a hundred
    /// instructions a character. The list has not changed since Unicode 6.3.
    @inline(__always)
    static func isWhitespace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// General category Cc, which Unicode's stability policy keeps as it is.
    @inline(__always)
    static func isControl(_ value: UInt32) -> Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
    }

    static func appendUTF8(_ value: UInt32, to output: inout [UInt8]) {
        switch value {
        case 0..<0x80:
            output.append(UInt8(value))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (value >> 6)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | (value >> 12)))
            output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        default:
            output.append(UInt8(0xF0 | (value >> 18)))
            output.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        }
    }

    /// NFKC_Casefold through ICU, on UTF-16 because that is what ICU's normalizer takes.
    private static func nfkcCasefold(_ source: [UInt16]) -> [UInt16] {
        // Case folding rarely grows text by more than a few code units; retry once if it does.
        var capacity = source.count + source.count / 4 + 16
        while true {
            var overflow: Int32 = 0
            var destination = [UInt16](repeating: 0, count: capacity)
            let length = destination.withUnsafeMutableBufferPointer { out in
                source.withUnsafeBufferPointer { input in
                    wiretrace_nfkc_casefold(input.baseAddress, Int32(input.count), out.baseAddress, Int32(out.count), &overflow)
                }
            }
            if overflow != 0 {
                capacity = Int(length) + 16
                continue
            }
            // ICU fails only on invalid arguments or missing data; keep the text as it was
            // rather than losing it.
            guard length >= 0 else { return source }
            destination.removeSubrange(Int(length)...)
            return destination
        }
    }
}
