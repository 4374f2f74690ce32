import Testing
@testable import Wiretrace

/// The tokenizer's shortcuts must classify exactly as the Unicode properties do.
@Suite("Tokenizer shortcuts agree with Unicode properties")
struct TokenizerFastPathTests {
    @Test("Latin and basic Cyrillic letters are word characters, × and ÷ are not")
    func latinAndCyrillic() {
        var mismatches: [String] = []
        for value in Array(UInt32(0x00C0)...0x024F) + Array(UInt32(0x0410)...0x044F) {
            let scalar = Unicode.Scalar(value)!
            let expected: Tokenizer.Class
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: expected = .word
            case .nonspacingMark, .spacingMark, .enclosingMark: expected = .mark
            default: expected = .separator
            }
            if Tokenizer.classify(scalar) != expected { mismatches.append("U+\(String(value, radix: 16, uppercase: true))") }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test("tokens of mixed text", arguments: [
        ("The U.S. embassy's 2 salvos", ["The", "U", "S", "embassy", "s", "2", "salvos"]),
        ("Zürich × Łódź ÷ Москва", ["Zürich", "Łódź", "Москва"]),
        ("a漢字b", ["a", "漢", "字", "b"]),
        ("नई दिल्ली", ["नई", "दिल्ली"]),
    ])
    func tokens(text: String, expected: [String]) {
        var text = text
        let tokens = text.withUTF8 { bytes -> [String] in
            var found: [String] = []
            Tokenizer.forEachToken(in: bytes) { found.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self)) }
            return found
        }
        #expect(tokens == expected)
    }
}
