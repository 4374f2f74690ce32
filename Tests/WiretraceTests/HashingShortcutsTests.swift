import Testing
@testable import Wiretrace
import WiretraceTestSupport

/// Shortcuts the fingerprint takes for speed must answer what the general code answers.
@Suite("Hashing shortcuts agree with the general code")
struct HashingShortcutsTests {
    @Test("the written-out White_Space and Cc lists match Unicode's properties for every scalar")
    func whitespaceAndControl() {
        var mismatches: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if TextNormalizer.isWhitespace(value) != scalar.properties.isWhitespace { mismatches.append(value) }
            if TextNormalizer.isControl(value) != (scalar.properties.generalCategory == .control) { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10).map { String($0, radix: 16) })")
    }

    @Test("sortedUnique sorts and removes repeats, as sorting a Set does", arguments: [0, 1, 2, 7, 300, 5000])
    func sortedUnique(count: Int) {
        var generator = SplitMix(seed: UInt64(count) + 1)
        // Some repeats, and a run of values that share their top bits (one crowded bucket).
        var hashes = (0..<count).map { _ in generator.next() }
        hashes += hashes.prefix(count / 3)
        hashes += (0..<UInt64(count / 10)).map { $0 * 7 }
        #expect(HashSort.sortedUnique(hashes) == Set(hashes).sorted())
    }

    @Test("known answer: small values, a repeat, and values that differ only in the low bits")
    func knownAnswer() {
        #expect(HashSort.sortedUnique([5, UInt64.max, 3, 5, 0, 4, 1 << 63]) == [0, 3, 4, 5, 1 << 63, UInt64.max])
    }
}

@Suite("Agencies named in credits")
struct AgencyMentionTests {
    @Test("agencies a credit names, in order of appearance", arguments: [
        ("(Reporting by Jane Doe; Editing by Press Trust of India)", ["PTI"]),
        ("Reuters/ANI", ["Reuters", "ANI"]),
        ("PTI-भाषा", ["PTI"]),
        ("With inputs from the Associated Press and AFP", ["AFP", "AP"]),
        ("(Reuters) \u{2014} AFP", ["Reuters", "AFP"]),
        ("Agence France-Presse [Kyodo]", ["Kyodo", "AFP"]),
        ("Photo: ap", []),
        ("The associated pressure rose", []),
        ("新华社（新华网）", ["Xinhua"]),
    ] as [(String, [String])])
    func mentioned(text: String, agencies: [String]) {
        #expect(Agencies.agencies(mentionedIn: text) == agencies)
    }
}
