import Testing
@testable import Wiretrace

/// The fingerprint normalizes, tokenizes and hashes words in one pass over a paragraph (the
/// byte loop reporting tokens as it writes them); everything the loop refuses goes through ICU
/// and then the tokenizer. Either way a paragraph must give the same bytes and the same token
/// hashes, or its fingerprint would depend on the path it took.
@Suite("One-pass fingerprinting agrees with normalizing, then tokenizing")
struct FusedFingerprintPathTests {
    /// Records what the byte loop reports.
    struct Recorder: TextNormalizer.TokenSink {
        var tokens: [String] = []
        var hashes: [UInt64] = []
        mutating func add(_ start: UnsafePointer<UInt8>, count: Int) {
            let bytes = UnsafeBufferPointer(start: start, count: count)
            tokens.append(String(decoding: bytes, as: UTF8.self))
            hashes.append(XXH3.hash64(UnsafeRawBufferPointer(bytes)))
        }
    }

    /// The general path: ICU, then the tokenizer over the text it wrote.
    static func general(_ text: String) -> (text: String, tokens: [String], hashes: [UInt64]) {
        var output: [UInt8] = []
        var text = text
        text.withUTF8 { TextNormalizer.appendUnicode($0, to: &output) }
        var tokens: [String] = [], hashes: [UInt64] = []
        output.withUnsafeBufferPointer { buffer in
            Tokenizer.forEachToken(in: buffer) { range in
                let token = UnsafeBufferPointer(rebasing: buffer[range])
                tokens.append(String(decoding: token, as: UTF8.self))
                hashes.append(XXH3.hash64(UnsafeRawBufferPointer(token)))
            }
        }
        return (String(decoding: output, as: UTF8.self), tokens, hashes)
    }

    /// The one pass, or nil when it hands the text to the general path.
    static func fused(_ text: String) -> (text: String, tokens: [String], hashes: [UInt64])? {
        let kept = Array("kept".utf8)
        var output = kept
        var recorder = Recorder()
        var text = text
        let handled = text.withUTF8 { TextNormalizer.appendSimple($0, to: &output, tokens: &recorder) }
        guard handled else {
            #expect(output == kept, "a refusal leaves the buffer as it was")
            return nil
        }
        #expect(output.starts(with: kept))
        return (String(decoding: output.dropFirst(kept.count), as: UTF8.self), recorder.tokens, recorder.hashes)
    }

    static let texts: [String] = [
        "",
        "   ",
        " \t\r\n\u{00A0}\u{3000} ",
        "plain ascii words",
        "The U.S. Embassy's 2 SALVOS, at 10:45 p.m. (local time); 1,250 people!",
        "  leading and trailing spaces  ",
        "CR LF\r\nline\r\nbreaks\r\n",
        "tabs\tand\u{000B}vertical\u{000C}feeds",
        "a\u{0001}b control bytes inside a word",
        "\u{201C}We again call on them,\u{201D} the embassy\u{2019}s spokesperson said \u{2014} twice\u{2026}",
        "non\u{00A0}breaking\u{202F}spaces and\u{2009}thin ones",
        "Soft\u{00AD}hyphen and zero\u{200B}width, \u{FEFF}bom",
        "Zürich, Łódź, São Paulo, İzmir's ÉCOLE and Ærø",
        "Rząd w Warszawie ogłosił, że ŁÓDŹ otrzyma 2,5\u{00A0}mln zł",
        "prices rose 3.5% to €1,200 \u{00B1} 5 \u{00D7} 2 \u{00F7} 4 \u{00B0}C \u{00A7}12",
        "digits 0123456789 and 9876543210123456789 and x86_64",
        "averyveryveryverylongwordthatgoesonformorethansixteenbytesandmorethanthirtytwo and a short one",
        "12345678",
        "abcdefgh ijklmnop",
        "ABCDEFGHIJ`quoted`",
        "नई दिल्ली, आठ दिसंबर (भाषा) प्रधानमंत्री ने कहा",
        "新华社酒泉12月8日电 火箭发射成功。",
        "Москва и Київ",
        "café\u{0301} with a combining mark",
        "STRAßE and \u{FB01}nal",
        "emoji \u{1F600} and text",
    ]

    @Test("same normalized bytes, tokens and token hashes", arguments: texts)
    func samePaths(text: String) {
        let general = Self.general(text)
        if let fused = Self.fused(text) {
            #expect(fused.text == general.text)
            #expect(fused.tokens == general.tokens)
            #expect(fused.hashes == general.hashes)
        }
        // What the fingerprint holds, whichever path it took (not as body text, where a
        // dateline would be cut off first).
        let print = Fingerprint(of: Article(paragraphs: [Paragraph(text, role: .boilerplate)]))
        #expect(print.normalizedText(ofParagraph: 0) == general.text)
        #expect(print.paragraphs[0].hash == XXH3.hash64(general.text))
        #expect(print.paragraphs[0].wordCount == general.hashes.count)
        let shingles = general.hashes.withUnsafeBufferPointer { Shingles.hashes(ofTokenHashes: $0, size: FingerprintVersion.current.shingleSize) }
        #expect(print.paragraphs[0].shingles == shingles)
    }

    @Test("the byte loop takes the texts it should", arguments: [
        ("plain ascii words", true),
        ("\u{201C}Quoted\u{201D} and Zürich", true),
        ("CR LF\r\n", true),
        ("", true),
        ("नई दिल्ली", false),
        ("新华社", false),
        ("café\u{0301}", false),
    ])
    func coverage(text: String, handled: Bool) {
        #expect((Self.fused(text) != nil) == handled)
    }

    @Test("eight bytes at a time: every split of a word run", arguments: 0...9)
    func wordRuns(letters: Int) {
        // A run of `letters` word bytes, then each kind of byte that ends one, so that the
        // end falls at every position of the eight-byte step.
        let word = String("aB3cD4eF5gH6".prefix(letters))
        for end in [" ", ",", "\u{00A0}", "\u{00E9}", "\u{0001}", "\u{00AD}", "\u{2019}", ""] {
            for prefix in ["", "x ", "xyz "] {
                let text = prefix + word + end + "tail"
                let fused = Self.fused(text), general = Self.general(text)
                #expect(fused?.text == general.text, "\(text.debugDescription)")
                #expect(fused?.tokens == general.tokens, "\(text.debugDescription)")
            }
        }
    }

    @Test("ICU path output, converted by hand to and from UTF-16", arguments: [
        ("STRAßE", "strasse"),
        ("\u{FB01}nal FF", "final ff"),
        ("ΟΔΟΣ ὈΔΥΣΣΕΎΣ", "οδοσ ὀδυσσεύσ"),
        ("emoji \u{1F600} 𝐀", "emoji \u{1F600} a"),
        ("नई  दिल्ली\u{00A0}", "नई दिल्ली"),
        ("A\u{2033}B", "a''b"),
    ])
    func icuPath(text: String, expected: String) {
        #expect(Self.general(text).text == expected)
    }
}

/// Winnowing and repeat marking take shortcuts for the common case; the answers must stay
/// those of the plain definitions.
@Suite("Winnowing and repeat marking shortcuts")
struct WinnowingShortcutTests {
    /// The definition: every window's rightmost minimum, a position taken once.
    static func reference(_ sequences: [[UInt64]], window: Int) -> [UInt64] {
        var selected: Set<UInt64> = []
        for hashes in sequences {
            guard hashes.count > window else { selected.formUnion(hashes); continue }
            var last = -1
            for start in 0...(hashes.count - window) {
                var minimum = start
                for position in start..<(start + window) where hashes[position] <= hashes[minimum] { minimum = position }
                if minimum != last { selected.insert(hashes[minimum]); last = minimum }
            }
        }
        return selected.sorted()
    }

    @Test("the same selection as the definition, ties included", arguments: [1, 2, 4, 7])
    func winnowing(window: Int) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(window)
        func next(_ range: UInt64) -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (state >> 33) % range
        }
        for _ in 0..<200 {
            // Small value ranges make ties; short sequences fall under the window.
            let range: UInt64 = [3, 10, 1 << 30][Int(next(3))]
            let sequences = (0..<Int(next(4))).map { _ in (0..<Int(next(30))).map { _ in next(range) } }
            #expect(Winnowing.select(from: sequences, window: window) == Self.reference(sequences, window: window))
        }
    }

    @Test("a shingle repeated inside one paragraph makes no repeat paragraph")
    func repeatInsideParagraph() {
        let article = Article(paragraphs: [
            Paragraph("one two three four five one two three four five six seven"),
            Paragraph("alpha beta gamma delta epsilon zeta eta theta iota kappa"),
        ])
        let print = Fingerprint(of: article)
        #expect(print.countedParagraphs == [0, 1])
    }
}
