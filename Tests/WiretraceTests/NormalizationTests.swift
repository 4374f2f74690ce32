import Testing
import Wiretrace

@Suite("Normalization version 1")
struct NormalizationTests {
    static let cases: [(String, String, String)] = [
        ("ASCII is lower-cased", "The U.S. Embassy", "the u.s. embassy"),
        ("white space runs collapse and ends are trimmed", "  two \t salvos\n\nof  rockets ", "two salvos of rockets"),
        ("typographic quotes become ASCII", "\u{201C}We again call\u{201D} the spokesperson\u{2019}s", "\"we again call\" the spokesperson's"),
        ("dashes become hyphens", "Iran\u{2013}aligned \u{2014} militias", "iran-aligned - militias"),
        ("non-breaking and ideographic spaces are spaces", "2,500\u{00A0}troops\u{3000}here", "2,500 troops here"),
        ("soft hyphens and zero-width characters are dropped", "resur\u{00AD}gence zero\u{200B}width", "resurgence zerowidth"),
        ("compatibility forms fold (ligature, full-width, superscript)", "\u{FB01}nal ＡＢＣ x\u{00B2}", "final abc x2"),
        ("full case folding (ß, final sigma)", "STRAßE ΟΔΟΣ", "strasse οδοσ"),
        ("composed and decomposed accents agree", "caf\u{0065}\u{0301}", "café"),
        ("digits are kept", "about 2,500 troops, 70 attacks", "about 2,500 troops, 70 attacks"),
        ("Devanagari keeps its vowel signs", "नई  दिल्ली", "नई दिल्ली"),
        ("Urdu text survives", "اسلام آباد", "اسلام آباد"),
        ("control bytes are dropped", "a\u{0007}b", "ab"),
        ("an empty paragraph stays empty", " \n\t ", ""),
    ]

    @Test("normalizes", arguments: cases)
    func normalizes(name: String, input: String, expected: String) {
        #expect(Normalization.normalize(input) == expected, "\(name)")
    }

    @Test("the ASCII fast path and the Unicode path agree on ASCII text")
    func fastPathAgrees() {
        let ascii = "The Attack Was Believed To Have Been Carried Out, the spokesperson said."
        // A trailing non-ASCII character sends the same text down the ICU path.
        let viaUnicode = Normalization.normalize(ascii + " é")
        #expect(viaUnicode == Normalization.normalize(ascii) + " é")
    }
}
