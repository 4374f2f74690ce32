import Foundation
import Testing
import Wiretrace
@testable import WiretraceFormats
import WiretraceTestSupport

@Suite("Plain-text articles")
struct PlainTextReaderTests {
    func read(_ relative: String) throws -> ArticleReader.Result {
        let path = Fixtures.sample(relative).path
        return try ArticleReader().read(try ArticleFile.load(path), name: path)
    }

    @Test("the seed: headline, agency, image credit, syndication, times, teaser")
    func seed() throws {
        let result = try read("articles/devdiscourse-reuters-baghdad-embassy.txt")
        let article = result.article
        #expect(result.format == .text)
        #expect(result.warnings.isEmpty)
        #expect(article.title == "US embassy in Baghdad attacked with rockets, no casualties")
        #expect(article.outlet == "Devdiscourse")
        #expect(article.isSyndicated)
        #expect(article.textAgencies == ["Reuters"])
        #expect(article.credits.contains { $0.agency == "ANI" && $0.kind == .image })
        #expect(!article.credits.contains { $0.agency == "ANI" && $0.kind == .text })
        #expect(article.created?.instant?.description == "2023-12-08T09:29:00Z")
        #expect(article.updated?.instant?.description == "2023-12-08T09:30:00Z")
        #expect(article.created?.source == "metadata line")
        // The headline repeat is dropped; the teaser is a repeat; the body has five paragraphs.
        let print = Fingerprint(of: article)
        #expect(print.countedParagraphs.count == 5)
        #expect(article.paragraphs.filter { $0.text.hasPrefix("US embassy in Baghdad") }.isEmpty)
        #expect(article.paragraphs.last?.reason == "syndication notice")
    }

    @Test("a plain article with no metadata reads as paragraphs")
    func plain() throws {
        let text = "First paragraph of plain text\nwrapped on two lines.\n\nSecond paragraph here.\n"
        let result = try ArticleReader().read(Array(text.utf8), name: "plain.txt")
        #expect(result.article.title == nil)
        #expect(result.article.paragraphs.map(\.text) == ["First paragraph of plain text wrapped on two lines.", "Second paragraph here."])
        #expect(result.article.times.isEmpty && result.article.credits.isEmpty)
    }

    @Test("credit trailers and furniture lines are not body text")
    func credits() throws {
        let result = try read("articles/reuters-baghdad-embassy.txt")
        let roles = result.article.paragraphs.map(\.role)
        #expect(roles.last == .credit)
        #expect(result.article.byline != nil)
        let ledger = try read("articles/dailyledger-baghdad-embassy-own-intro.txt").article
        #expect(ledger.paragraphs.contains { $0.role == .boilerplate && $0.text.hasPrefix("Also read") })
    }

    /// Every time string in `Samples/times.tsv` (written with the samples) with its UTC instant.
    static let sampleTimes: [(String, String, String, String)] = {
        let text = (try? String(contentsOf: Fixtures.sample("times.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t").map(String.init)
            return fields.count == 4 ? (fields[0], fields[1], fields[2], fields[3]) : nil
        }
    }()

    /// Samples that print IST with no outlet, national-agency credit or script to tell
    /// India's IST from Ireland's or Israel's.
    static let noCountryEvidence: Set<String> = [
        "Samples/calibration/02-sport/repub-b.txt",    // AP from Valencia
        "Samples/calibration/03-science/repub-a.txt",  // AFP from Paris
        "Samples/calibration/08-tech/repub-b.txt",     // Bloomberg from Singapore
    ]

    @Test("every time written in the samples reads as its known instant", arguments: sampleTimes)
    func sampleTime(path: String, label: String, text: String, utc: String) throws {
        let fullPath = Fixtures.root.appendingPathComponent(path).path
        let kind: ArticleTime.Kind = ["Updated", "Last updated"].contains(label) ? .updated : .created
        let bytes = try ArticleFile.load(fullPath)
        let article = try ArticleReader().read(bytes, name: fullPath).article
        let time = try #require(article.times.first { $0.text == text && $0.kind == kind }, "\(path): no \(kind) time read from \"\(text)\"")
        // times.tsv writes minutes: 2023-12-08T09:30Z.
        let expected = utc.replacing("Z", with: ":00Z")
        if Self.noCountryEvidence.contains(path) {
            // Nothing in the file says which IST it means: reported, not guessed...
            #expect(time.instant == nil)
            #expect(time.problem?.contains("IST is ambiguous") == true)
            // ...and read right once the user names the country.
            let told = try ArticleReader(defaultCountry: "in").read(bytes, name: fullPath).article
            #expect(told.times.first { $0.text == text && $0.kind == kind }?.instant?.description == expected)
        } else {
            #expect(time.instant?.description == expected, "\(path) \(text)")
        }
    }

    @Test("invalid UTF-8 is read with the bad bytes replaced and a warning naming the byte")
    func invalidUTF8() throws {
        var bytes = Array("Headline\n\nThe caf".utf8)
        bytes.append(0xE9)  // Latin-1 é, invalid alone in UTF-8
        bytes += Array(" was full of reporters.\n".utf8)
        let result = try ArticleReader().read(bytes, name: "bad.txt")
        #expect(result.article.paragraphs.first?.text == "The caf\u{FFFD} was full of reporters.")
        #expect(result.warnings == ["bad.txt: not valid UTF-8 at byte 17; 1 bad byte replaced with U+FFFD"])
    }

    @Test("empty, binary and text-less inputs are errors that name the file")
    func badInput() {
        #expect(throws: ReadError(path: "e.txt", reason: .empty)) { try ArticleReader().read([], name: "e.txt") }
        #expect(throws: ReadError(path: "p.png", reason: .notArticle(.image, "PNG image"))) {
            try ArticleReader().read([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], name: "p.png")
        }
        #expect(throws: ReadError(path: "blank.txt", reason: .noText)) { try ArticleReader().read(Array("  \n\n \n".utf8), name: "blank.txt") }
        #expect(throws: ReadError(path: "/nonexistent/x.txt", reason: .notFound)) { try ArticleFile.load("/nonexistent/x.txt") }
        #expect(throws: ReadError(path: "/tmp", reason: .isDirectory)) { try ArticleFile.load("/tmp") }
        #expect(ReadError(path: "a.txt", reason: .empty).description == "a.txt: empty file")
    }
}

@Suite("Paragraph classifier shortcuts")
struct ClassifierShortcutTests {
    @Test("CharacterLength answers count < limit without walking the text when bytes tell", arguments: [
        "", "short", String(repeating: "a", count: 300), String(repeating: "e\u{301}", count: 150),
        "line\r\nline", String(repeating: "\u{201C}quoted\u{201D} ", count: 30), "नयी दिल्ली, आठ दिसंबर",
        String(repeating: "x\r\n", count: 90),
    ])
    func characterLength(text: String) {
        let length = CharacterLength(text)
        for limit in [1, 5, 10, 150, 151, 200, 240, 300, 301, 400] {
            #expect(length.isShorter(than: limit) == (text.count < limit), "limit \(limit)")
        }
    }

    @Test("byte prefix and byte search agree with the String operations")
    func byteSearches() {
        #expect("reporting by jane".hasPrefixBytes("reporting by"))
        #expect(!"report".hasPrefixBytes("reporting by"))
        #expect("".hasPrefixBytes(""))
        #expect("a | b".containsByte(UInt8(ascii: "|")))
        #expect(!"a b".containsByte(UInt8(ascii: "|")))
        #expect(!"".containsByte(UInt8(ascii: "|")))
    }

    static let phrases = ["image credit", "photo:", "photo credit", "(photo:", "图片来源", "ab", "edited by"]

    @Test("a phrase set finds the first listed phrase that occurs, and those that open the text, as a search of each would",
          arguments: [
              "", "a", "ab", "xab", "photo credit: afp", "(photo: reuters)", "the photo: was edited by staff",
              "图片来源：新华社", "edited by photo credit", "phot", "photo cre", "aab image credit photo:", "image credi",
          ])
    func phraseSet(text: String) {
        let set = PhraseSet(Self.phrases)
        #expect(set.firstPhrase(in: text) == Self.phrases.first { text.contains($0) })
        #expect(set.prefixes(of: text).map { Self.phrases[$0] } == Self.phrases.filter { text.hasPrefix($0) })
    }
}
