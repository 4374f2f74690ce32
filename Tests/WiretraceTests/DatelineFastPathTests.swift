import Testing
@testable import Wiretrace

/// `Dateline.find` rejects most paragraphs with byte checks before its character rules; the
/// answers must stay those of the rules.
@Suite("Dateline byte checks keep the rules' answers")
struct DatelineFastPathTests {
    @Test("datelines found, with their text and agency", arguments: [
        ("WASHINGTON \u{2014} The president said.", "WASHINGTON \u{2014}", nil),
        ("NEW DELHI, Dec 8 - Talks resumed.", "NEW DELHI, Dec 8 -", nil),
        ("KYIV: Air raid sirens sounded.", "KYIV:", nil),
        ("BAGHDAD, Dec 8 (Reuters) - Rockets hit.", "BAGHDAD, Dec 8 (Reuters) -", "Reuters"),
        ("LONDON (Press Trust of India) - Talks.", "LONDON (Press Trust of India) -", "PTI"),
        ("新华社酒泉12月8日电 火箭发射成功。", "新华社酒泉12月8日电", "Xinhua"),
        ("ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT (Reuters) - Eight words.", "ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT (Reuters) -", "Reuters"),
        ("KYIV (Reuters) \u{2014} \u{201C}We hold,\u{201D} he said.", "KYIV (Reuters) \u{2014}", "Reuters"),
        ("NEW DELHI, Dec 8 :  Talks resumed.", "NEW DELHI, Dec 8 :", nil),
        ("WASHINGTON (AP) \u{2014} The vote.", "WASHINGTON (AP) \u{2014}", "AP"),
        ("Aizawl, Dec 4 (IANS) The state voted.", "Aizawl, Dec 4 (IANS)", "IANS"),
        ("NEW DELHI (PTI)\u{00A0}- Talks.", "NEW DELHI (PTI)\u{00A0}-", "PTI"),
        ("LAGOS (Reuters)\r\n- Fuel.", "LAGOS (Reuters)\r\n-", "Reuters"),
    ] as [(String, String, String?)])
    func found(paragraph: String, text: String, agency: String?) {
        let dateline = Dateline.find(in: paragraph)
        #expect(dateline?.text == text)
        #expect(dateline?.agency == agency)
    }

    @Test("paragraphs that are not datelines", arguments: [
        "Washington \u{2014} The president said.",
        "The ministry (PTI) said on Monday.",
        "\u{201C}We will win\u{201D} \u{2014} he said.",
        "(Reuters) - Rockets hit.",
        "",
        String(repeating: "A", count: 120) + " (Reuters) - Rockets hit.",
        "Officials in KYIV - a city - said.",
        "ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE (Reuters) - Nine words.",
        "LONDON (a note that runs on for more than forty characters, Reuters) - no.",
        "NEW DELHI-based firms grew.",
        "Aizawl officials (IANS) said more.",
        "The World Health Organization (WHO) - said.",
    ])
    func notFound(paragraph: String) {
        #expect(Dateline.find(in: paragraph) == nil)
    }

    @Test("a plain word names the agency agencies(mentionedIn:) finds first")
    func plainWordAgency() {
        let words = Agencies.catalog.flatMap(\.aliases).filter { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
            + ["Reuters", "REUTERS", "AP", "Ap", "PTI", "pti", "AA", "Xinhua", "Staff", "Monday", "2023"]
        for word in words {
            #expect(Agencies.agency(named: word) == Agencies.agencies(mentionedIn: word).first, "\(word)")
        }
    }

    @Test("a dateline's one-word credit names what Agencies.agency(named:) names, in any case")
    func plainWordCredit() {
        let aliases = Agencies.catalog.flatMap(\.aliases).filter { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        var words = ["Staff", "Monday", "2023", "x86"]
        for alias in aliases {
            words += [alias, alias.uppercased(), alias.prefix(1).uppercased() + alias.dropFirst()]
        }
        for word in words {
            // Without an agency the paragraph may still open with a dateline (a place in
            // capitals), only not one that credits an agency.
            let dateline = Dateline.find(in: "NAIROBI (\(word)) - Talks resumed.")
            #expect(dateline?.agency == Agencies.agency(named: word), "\(word)")
        }
    }
}
