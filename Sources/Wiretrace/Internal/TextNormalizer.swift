internal import CWiretraceICU

/// The byte-level normalization rules of ``Normalization/version`` 1.
///
/// ASCII text takes a byte loop (lower-case, collapse white space, drop control bytes).
/// Anything else goes through ICU's NFKC_Casefold, which does compatibility normalization,
/// full case folding (ß → ss, final sigma) and removes default-ignorable code points (soft
/// hyphen, zero-width space and joiners) in one pass; the result then has typographic
/// quotes, dashes and spaces mapped to ASCII.
enum TextNormalizer {
    /// Appends the normalized form of `text` to `output`: no leading or trailing space,
    /// single spaces between runs of non-space characters.
    static func appendNormalized(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendNormalized(utf8: $0, to: &output) }
    }

    static func appendNormalized(utf8 bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        if isASCII(bytes) {
            appendASCII(bytes, to: &output)
        } else {
            appendUnicode(bytes, to: &output)
        }
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var accumulated: UInt8 = 0
        for byte in bytes { accumulated |= byte }
        return accumulated < 0x80
    }

    private static func appendASCII(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        output.reserveCapacity(output.count + bytes.count)
        let start = output.count
        var pendingSpace = false
        for byte in bytes {
            switch byte {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20:
                pendingSpace = true
            case 0x00..<0x20, 0x7F:
                continue
            default:
                if pendingSpace && output.count > start { output.append(0x20) }
                pendingSpace = false
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): output.append(byte | 0x20)
                case UInt8(ascii: "`"): output.append(UInt8(ascii: "'"))
                default: output.append(byte)
                }
            }
        }
    }

    private static func appendUnicode(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        let folded = nfkcCasefold(bytes)
        output.reserveCapacity(output.count + bytes.count)
        let start = output.count
        var pendingSpace = false
        for scalar in String(decoding: folded, as: UTF16.self).unicodeScalars {
            let mapped: Unicode.Scalar
            switch scalar.value {
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x00B4, 0x0060, 0x02BC, 0xFF07:
                mapped = "'"
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036, 0x00AB, 0x00BB, 0x2039, 0x203A, 0x301D, 0x301E:
                mapped = "\""
            case 0x2010...0x2015, 0x2212, 0x2E3A, 0x2E3B, 0xFE58, 0xFE63:
                mapped = "-"
            case 0x00AD, 0x200B...0x200D, 0x2060, 0xFEFF:
                continue
            default:
                if scalar.properties.isWhitespace { pendingSpace = true; continue }
                if scalar.properties.generalCategory == .control { continue }
                mapped = scalar
            }
            if pendingSpace && output.count > start { output.append(0x20) }
            pendingSpace = false
            appendUTF8(mapped, to: &output)
        }
    }

    static func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        let value = scalar.value
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
    private static func nfkcCasefold(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt16] {
        let source = Array(String(decoding: bytes, as: UTF8.self).utf16)
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
