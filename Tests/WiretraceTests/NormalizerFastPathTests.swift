import Testing
@testable import Wiretrace

/// The normalizer's byte loop must give exactly what the ICU path gives: a fingerprint may
/// not depend on which path a paragraph took.
@Suite("Normalizer byte loop agrees with ICU")
struct NormalizerFastPathTests {
    /// Every non-ASCII character the byte loop handles itself.
    static let tableCharacters: [Unicode.Scalar] = (UInt32(0x80)...0xFFFF).compactMap { value in
        guard TextNormalizer.simpleForm(value) != nil else { return nil }
        return Unicode.Scalar(value)
    }

    static func viaICU(_ text: String) -> String {
        var output: [UInt8] = []
        var text = text
        text.withUTF8 { TextNormalizer.appendUnicode($0, to: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    /// nil when the byte loop hands the text to ICU.
    static func viaLoop(_ text: String) -> String? {
        var output: [UInt8] = Array("kept".utf8)
        var text = text
        let handled = text.withUTF8 { TextNormalizer.appendSimple($0, to: &output) }
        guard handled else {
            // A refusal leaves what was already in the buffer untouched.
            return output == Array("kept".utf8) ? nil : "buffer changed"
        }
        #expect(output.starts(with: Array("kept".utf8)))
        return String(decoding: output.dropFirst(4), as: UTF8.self)
    }

    @Test("the table covers quotes, dashes, spaces and Latin letters")
    func tableSize() {
        #expect(Self.tableCharacters.count > 200)
        for character in ["\u{2019}", "\u{201C}", "\u{2014}", "\u{00A0}", "é", "Ł", "\u{2026}"] {
            #expect(TextNormalizer.simpleForm(character.unicodeScalars.first!.value) != nil, "\(character)")
        }
    }

    @Test("each character of the table gives what ICU gives, in context")
    func tableAgreesWithICU() {
        var mismatches: [String] = []
        for scalar in Self.tableCharacters {
            let c = String(scalar)
            for text in [c, "a\(c)b", "A \(c) B", "\(c)\(c)", " \(c) ", "x\(c)\u{2019}Y", "\u{00C9}\(c)\u{00FC}", "1\(c)2"] {
                let loop = Self.viaLoop(text), icu = Self.viaICU(text)
                if loop != icu {
                    mismatches.append("U+\(String(scalar.value, radix: 16, uppercase: true)) in \(text.debugDescription): loop \(loop.debugDescription), ICU \(icu.debugDescription)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20).joined(separator: "\n"))")
    }

    @Test("characters outside the table go to ICU", arguments: [
        "cafe\u{0301}",     // a combining mark composes with the letter before it
        "STRAßE",           // ß folds to two letters
        "\u{FB01}nal",      // a ligature decomposes
        "x\u{00B2}",        // superscript two
        "\u{2033}",         // double prime decomposes into two primes
        "İstanbul",         // dotted capital I folds to i and a combining dot
        "नई दिल्ली",
        "ΟΔΟΣ",
        "emoji \u{1F600}",
    ])
    func outsideTable(text: String) {
        #expect(Self.viaLoop(text) == nil)
        #expect(Normalization.normalize(text) == Self.viaICU(text))
    }

    @Test("news paragraphs come out the same either way", arguments: [
        "BAGHDAD, Dec 8 (Reuters) \u{2014} \u{201C}We again call on the Government of Iraq,\u{201D} the embassy\u{2019}s spokesperson said.",
        "Die Regierung in Zürich erklärte am Montag\u{00A0}\u{2013} nach Angaben der Behörden \u{2026} «vorläufig»",
        "Rząd w Warszawie ogłosił w środę, że ŁÓDŹ otrzyma 2,5\u{00A0}mln zł \u{2011} podał PAP.",
        "Soft\u{00AD}hyphen and zero\u{200B}width and\u{2009}thin\u{202F}spaces\u{3000}here",
        "  Tabs\tand\r\nnew lines \u{0007}with a bell  ",
    ])
    func newsParagraphs(text: String) {
        #expect(Self.viaLoop(text) == Self.viaICU(text))
    }
}
