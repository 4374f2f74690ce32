import Foundation
import Testing
@testable import Wiretrace
import WiretraceTestSupport

@Suite("Fingerprints")
struct FingerprintTests {
    @Test("paragraph identity is XXH3-64 of the normalized paragraph")
    func paragraphHash() {
        let print = Fingerprint(of: Fixtures.article(body: ["  The Embassy \u{2019}s  said. "]))
        #expect(print.paragraphs[0].hash == XXH3.hash64("the embassy 's said."))
        #expect(print.version == FingerprintVersion.current)
        #expect(print.version.description == "n1-k5-w4-c5c8")
    }

    @Test("character grams: the words without spaces and punctuation, every run of 5 and of 8 characters")
    func characterGrams() {
        let print = Fingerprint(of: Fixtures.article(body: ["Ab, cd-EFgh.", "Ünï", ""]))
        let hash = { (text: String) in CharacterGrams.hash(of: text.unicodeScalars.map(\.value)) }
        #expect(print.paragraphs[0].characterGrams == [["abcde", "bcdef", "cdefg", "defgh"].map(hash), ["abcdefgh"].map(hash)])
        #expect(print.paragraphs[0].characterCount == 8)
        // Fewer characters than a gram: one gram over all of them (characters, not bytes).
        #expect(print.paragraphs[1].characterGrams == [[hash("ünï")], [hash("ünï")]])
        #expect(print.paragraphs[1].characterCount == 3)
        #expect(print.paragraphs[2].characterGrams == [])
        #expect(print.countedCharacterCount == 11)
    }

    @Test("a paragraph keeps only the grams no earlier counted paragraph has: the grams are compared as one set")
    func gramsKeptOnce() {
        let hash = { (text: String) in CharacterGrams.hash(of: text.unicodeScalars.map(\.value)) }
        let print = Fingerprint(of: Fixtures.article(body: ["abcdeabcde", "bcdefg"]))
        // Runs of 5 of "abcdeabcde": abcde bcdea cdeab deabc eabcd abcde (again); then bcdef cdefg.
        #expect(print.paragraphs[0].characterGrams[0] == ["abcde", "bcdea", "cdeab", "deabc", "eabcd"].map(hash))
        #expect(print.paragraphs[1].characterGrams[0] == ["bcdef", "cdefg"].map(hash))
        #expect(print.paragraphs[1].characterCount == 6)
    }

    @Test("a repeated paragraph has no character grams of its own: a page of one paragraph said again and again costs its grams once")
    func repeatsHaveNoGrams() {
        let paragraph = "The embassy said the staff were safe after the attack on Friday morning."
        let single = Fingerprint(of: Fixtures.article(body: [paragraph]))
        let repeated = Fingerprint(of: Fixtures.article(body: Array(repeating: paragraph, count: 50)))
        #expect(repeated.paragraphs.dropFirst().allSatisfy { $0.status == .repeatOf(0) && $0.characterGrams.isEmpty && $0.characterCount == 0 })
        #expect(repeated.paragraphs[0].characterGrams == single.paragraphs[0].characterGrams)
        #expect(repeated.countedCharacterCount == single.countedCharacterCount)
        // Stored, the repeats keep neither shingles nor grams.
        #expect(repeated.serialized().count < single.serialized().count + 50 * 40)
    }

    @Test("a gram's hash: a polynomial in its characters, then the MurmurHash3 finalizer (known answers)")
    func gramHash() {
        // Worked out by hand from the definition: value = count, then value * 0x9E3779B97F4A7C15
        // + scalar + 1 for each character, then fmix64, the high 32 bits.
        func reference(_ scalars: [UInt32]) -> UInt32 {
            var value = UInt64(scalars.count)
            for scalar in scalars { value = value &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(scalar) &+ 1 }
            value ^= value >> 33; value = value &* 0xFF51_AFD7_ED55_8CCD
            value ^= value >> 33; value = value &* 0xC4CE_B9FE_1A85_EC53
            value ^= value >> 33
            return UInt32(value >> 32)
        }
        for text in ["a", "abcde", "edcba", "abcdefgh", "پاکستان", "ünï"] {
            let scalars = text.unicodeScalars.map(\.value)
            #expect(CharacterGrams.hash(of: scalars) == reference(scalars))
        }
        // Computed apart from this code (a few lines of Python over the same definition).
        #expect(CharacterGrams.hash(of: "abcde".unicodeScalars.map(\.value)) == 0x2C71_3A6D)
        #expect(CharacterGrams.hash(of: "پاکستان".unicodeScalars.map(\.value)) == 0x70D9_CECD)
        // Order matters, and the last characters of a longer run do not make its hash.
        #expect(CharacterGrams.hash(of: [97, 98, 99, 100, 101]) != CharacterGrams.hash(of: [101, 100, 99, 98, 97]))
        #expect(CharacterGrams.hash(of: [97, 98, 99, 100, 101]) != CharacterGrams.hash(of: [98, 99, 100, 101]))
    }

    @Test("a dateline is kept as evidence and left out of the hash", arguments: [
        ("BAGHDAD, Dec 8 (Reuters) - ", "Reuters"),
        ("NEW DELHI (PTI): ", "PTI"),
        ("WASHINGTON (AP) \u{2014} ", "AP"),
        ("नयी दिल्ली, आठ दिसंबर (भाषा) ", "PTI"),
        ("Aizawl, Dec 4 (IANS) ", "IANS"),
        ("New Delhi [India], December 5 (ANI): ", "ANI"),
    ])
    func dateline(prefix: String, agency: String) {
        let body = Fixtures.seedBody[0]
        let withDateline = Fingerprint(of: Fixtures.article(body: [prefix + body]))
        let without = Fingerprint(of: Fixtures.article(body: [body]))
        #expect(withDateline.paragraphs[0].hash == without.paragraphs[0].hash)
        #expect(withDateline.datelines.first?.agency == agency)
        #expect(withDateline.datelines.first?.text == prefix.trimmingCharacters(in: .whitespaces))
    }

    @Test("an ordinary sentence with an agency in parentheses is not a dateline")
    func notADateline() {
        let print = Fingerprint(of: Fixtures.article(body: ["The ministry (PTI) said on Monday that talks would resume."]))
        #expect(print.datelines.isEmpty)
    }

    @Test("repeats inside one article count once: exact repeats and a teaser made of body sentences")
    func repeats() {
        let teaser = "\"We again call on the Government of Iraq, as we have done on many occasions, to do all in its power to protect diplomatic and Coalition partner personnel and facilities,\" the embassy spokesperson said. Explosions were heard near the embassy, in the centre of Iraq's capital, at about 4 a.m. on Friday."
        let article = Fixtures.article(body: [teaser] + Fixtures.seedBody + [Fixtures.seedBody[1]])
        let print = Fingerprint(of: article)
        #expect(print.countedParagraphs == [1, 2, 3, 4, 5])
        #expect(print.paragraphs[6].status == .repeatOf(2))
        guard case .repeatOf = print.paragraphs[0].status else {
            Issue.record("the teaser should be a repeat, not \(print.paragraphs[0].status)")
            return
        }
    }

    @Test("boilerplate and credit paragraphs do not count")
    func boilerplate() {
        let article = Fixtures.article(body: Fixtures.seedBody, extra: [
            Paragraph("(This story has not been edited by Devdiscourse staff and is auto-generated from a syndicated feed.)", role: .boilerplate),
            Paragraph("Reporting by Staff; Editing by Desk", role: .credit),
        ])
        let print = Fingerprint(of: article)
        #expect(print.paragraphs[5].status == .boilerplate)
        #expect(print.paragraphs[6].status == .credit)
        #expect(print.countedParagraphs.count == 5)
    }

    @Test("scripts without spaces still give shingles (character n-grams)")
    func chinese() {
        let print = Fingerprint(of: Fixtures.article(body: ["12月8日，长征二号丁运载火箭在酒泉卫星发射中心点火升空。"]))
        // 22 Han characters and 2 numbers as tokens: far more than one shingle.
        #expect(print.paragraphs[0].wordCount >= 20)
        #expect(print.paragraphs[0].shingles.count == print.paragraphs[0].wordCount - 4)
    }

    @Test("winnowing finds every shared run of at least w + k - 1 words")
    func winnowingGuarantee() {
        let run = FingerprintVersion.current.guaranteedRun
        // A run of exactly `run` words from the seed, embedded in unrelated text.
        let words = Fixtures.seedBody[3].split(separator: " ")
        for start in stride(from: 0, to: words.count - run, by: 7) {
            let shared = words[start..<(start + run)].joined(separator: " ")
            let host = Fixtures.article(body: [Fixtures.otherBody[0] + " " + shared + " " + Fixtures.otherBody[1]])
            let a = Set(Fingerprint(of: host).winnowed)
            let b = Set(Fingerprint(of: Fixtures.article(body: Fixtures.seedBody)).winnowed)
            #expect(!a.isDisjoint(with: b), "run starting at word \(start) was missed")
        }
    }
}

@Suite("Stored fingerprints")
struct StoredFingerprintTests {
    @Test("a fingerprint restored from its bytes compares exactly as the original")
    func roundTrip() throws {
        let article = Fixtures.article(body: ["BAGHDAD, Dec 8 (Reuters) - " + Fixtures.seedBody[0]] + Fixtures.seedBody.dropFirst() + [Fixtures.seedBody[1]],
                                       extra: [Paragraph("Follow us on X.", role: .boilerplate)])
        let original = Fingerprint(of: article)
        let restored = try Fingerprint(serialized: original.serialized())
        #expect(restored.version == original.version)
        #expect(restored.paragraphs.map(\.hash) == original.paragraphs.map(\.hash))
        // A repeat is stored without its shingles (they are its host's): only counted ones are compared.
        #expect(original.paragraphs.contains { if case .repeatOf = $0.status { !$0.shingles.isEmpty } else { false } })
        for (restoredParagraph, originalParagraph) in zip(restored.paragraphs, original.paragraphs) {
            if case .repeatOf = originalParagraph.status { #expect(restoredParagraph.shingles.isEmpty) }
            else { #expect(restoredParagraph.shingles == originalParagraph.shingles) }
        }
        #expect(restored.paragraphs.map(\.characterGrams) == original.paragraphs.map(\.characterGrams))
        #expect(restored.paragraphs.map(\.characterCount) == original.paragraphs.map(\.characterCount))
        #expect(restored.paragraphs.map(\.status) == original.paragraphs.map(\.status))
        #expect(restored.winnowed == original.winnowed)
        #expect(restored.titleHash == original.titleHash)
        #expect(restored.datelines == original.datelines)
        let other = Fingerprint(of: Fixtures.article(body: Array(Fixtures.seedBody.prefix(3))))
        let before = Comparison(original, other), after = Comparison(restored, other)
        #expect(before.score == after.score && before.verdict == after.verdict && before.matches == after.matches)
    }

    @Test("bytes that are not a stored fingerprint are refused, not misread")
    func refused() {
        #expect(throws: Fingerprint.StorageError.self) { try Fingerprint(serialized: Array("hello".utf8)) }
        let bytes = Fingerprint(of: Fixtures.article(body: Fixtures.seedBody)).serialized()
        #expect(throws: Fingerprint.StorageError.self) { try Fingerprint(serialized: Array(bytes.dropLast(9))) }
    }
}
