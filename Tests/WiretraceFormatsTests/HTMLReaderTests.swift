import Foundation
import Testing
import Wiretrace
@testable import WiretraceFormats
import WiretraceTestSupport

@Suite("HTML pages: main text and metadata")
struct HTMLReaderTests {
    @Test("the seed page reads as HTML with the story's body paragraphs and nothing of the page around them")
    func seedBody() throws {
        let result = try read("devdiscourse-baghdad-embassy.html")
        #expect(result.format == .html)
        let article = result.article
        // The teaser repeats the story's sentences as one paragraph, as in the text copy.
        #expect(Array(article.bodyParagraphs.map(\.text).dropFirst()) == Fixtures.seedBody)
        let all = article.paragraphs.map(\.text).joined(separator: "\n")
        for furniture in ["Headlines", "Trending", "Related Stories", "Privacy Policy", "Be the first to comment", "Search"] {
            #expect(!article.bodyParagraphs.contains { $0.text.contains(furniture) }, "\(furniture) in the body")
        }
        #expect(!all.contains("is not markup here"), "script text leaked")
        #expect(article.paragraphs.contains { $0.reason == "share bar" && $0.role == .boilerplate })
        #expect(article.syndicationNotice == "(This story has not been edited by Devdiscourse staff and is auto-generated from a syndicated feed.)")
    }

    @Test("the seed page's title, outlet, canonical URL, credits and times, each with its evidence")
    func seedMetadata() throws {
        let article = try read("devdiscourse-baghdad-embassy.html").article
        #expect(article.title == "US embassy in Baghdad attacked with rockets, no casualties")
        #expect(article.outlet == "Devdiscourse")
        #expect(article.canonicalURL == "https://www.devdiscourse.com/article/headlines/2743411-us-embassy-in-baghdad-attacked-with-rockets-no-casualties")
        #expect(article.textAgencies == ["Reuters"])
        #expect(article.credits.contains { $0.agency == "ANI" && $0.kind == .image && $0.evidence == "Representative Image Image Credit: ANI" })
        #expect(!article.credits.contains { $0.agency == "ANI" && $0.kind == .text })
        #expect(article.created?.instant == Timestamp(year: 2023, month: 12, day: 8, hour: 9, minute: 29))
        #expect(article.updated?.instant == Timestamp(year: 2023, month: 12, day: 8, hour: 9, minute: 30))
        #expect(article.created?.source == "meta article:published_time")
        #expect(article.times.contains { $0.source == "JSON-LD NewsArticle.dateModified" && $0.utcOffsetMinutes == 330 })
    }

    @Test("the seed page as HTML and the Reuters original as text are wholly derived")
    func seedAgainstOriginal() throws {
        let html = try read("devdiscourse-baghdad-embassy.html").article
        let textPath = Fixtures.sample("articles/reuters-baghdad-embassy.txt").path
        let text = try ArticleReader().read(try ArticleFile.load(textPath), name: textPath).article
        let comparison = Comparison(html, text)
        #expect(comparison.verdict == .whollyDerived)
        #expect(comparison.containmentOfAInB > 0.95 && comparison.containmentOfBInA > 0.95)
        // The body paragraphs hash alike whichever reader produced them.
        #expect(comparison.matches.filter { $0.kind == .exact }.count == 5)
    }

    @Test("the seed page as HTML and the seed as text fingerprint alike")
    func seedHTMLMatchesSeedText() throws {
        let html = try read("devdiscourse-baghdad-embassy.html").article
        let textPath = Fixtures.sample("articles/devdiscourse-reuters-baghdad-embassy.txt").path
        let text = try ArticleReader().read(try ArticleFile.load(textPath), name: textPath).article
        let htmlPrint = Fingerprint(of: html), textPrint = Fingerprint(of: text)
        let htmlHashes = htmlPrint.countedParagraphs.map { htmlPrint.paragraphs[$0].hash }
        let textHashes = textPrint.countedParagraphs.map { textPrint.paragraphs[$0].hash }
        #expect(htmlHashes == textHashes)
        #expect(htmlHashes.count == Fixtures.seedBody.count)
        #expect(Comparison(html, text).verdict == .whollyDerived)
    }

    @Test("a gzip-compressed page is inflated, then read as HTML")
    func gzip() throws {
        let compressed = try read("devdiscourse-baghdad-embassy.html.gz")
        let plain = try read("devdiscourse-baghdad-embassy.html")
        #expect(compressed.wasCompressed)
        #expect(compressed.format == .html)
        #expect(compressed.article == plain.article)
    }

    @Test("damaged gzip data is an error naming the file")
    func damagedGzip() throws {
        let path = Fixtures.sample("html/devdiscourse-baghdad-embassy.html.gz").path
        let bytes = try ArticleFile.load(path)
        #expect(throws: ReadError.self) { try ArticleReader().read(Array(bytes.prefix(200)), name: "cut.html.gz") }
        do {
            _ = try ArticleReader().read(Array(bytes.prefix(200)), name: "cut.html.gz")
        } catch {
            #expect(error.description.hasPrefix("cut.html.gz: damaged gzip data"))
        }
    }

    @Test("broken markup (unclosed tags, stray end tags, unquoted attributes) still gives the paragraphs")
    func brokenMarkup() throws {
        let article = try read("broken-markup.html").article
        #expect(article.bodyParagraphs.map(\.text) == riverBody)
        #expect(article.title == "River clean-up budget approved")
        #expect(article.outlet == "Valley Courier")
    }

    @Test("HTML is told from text by content, not by name", arguments: [
        ("<!DOCTYPE html><p>x</p>", true), ("  <html><body>x</body></html>", true), ("<div class=a>x</div>", true),
        ("Plain text that mentions <div> in prose.", false), ("Headline\n\nBody text.", false),
    ])
    func sniffing(_ sample: (String, Bool)) {
        #expect(FormatSniffer.isHTML(Array(sample.0.utf8)) == sample.1)
    }

    @Test("furniture lines in the languages of the pages are not text", arguments: [
        ("Lesen Sie auch: Die Bahn erhöht die Preise", "related link"), ("Zobacz także", "related link"),
        ("Lea también: Cierran el puente por obras", "related link"), ("Anzeige", "advertisement"), ("Reklama", "advertisement"),
        ("El puerto abre una nueva terminal. Foto: Archivo", "image caption"), ("3:59 PM", "time of day"),
        ("Subscribe now to our digital edition for the full story.", "newsletter prompt"), ("Kontakt:", "contact box"),
    ])
    func furnitureLines(_ sample: (String, String)) {
        #expect(HTMLReader.furniture(sample.0) == sample.1)
    }

    @Test("sentences that start like furniture but are text stay text", arguments: [
        "Anzeigen gegen den Bürgermeister wurden am Montag von der Staatsanwaltschaft geprüft und zurückgewiesen.",
        "The council approved the budget on Tuesday after three months of debate.",
        "Kontaktbeschränkungen gelten nach dem Beschluss der Landesregierung noch bis zum Ende des Monats in allen Landkreisen.",
    ])
    func notFurniture(_ text: String) {
        #expect(HTMLReader.furniture(text) == nil)
    }

    @Test("block elements and two line breaks end paragraphs; one line break does not")
    func paragraphBoundaries() throws {
        let html = """
            <html><body><article><h1>Title here</h1><div>First paragraph of the story, long enough to count as text here.<br>Same paragraph after one break.<br><br>Second paragraph after two breaks, also long enough to count.</div>
            <ul><li>A list item that is a sentence of its own in the story.</li><li>Another list item with enough words to be read as text.</li></ul>
            <blockquote>A quotation set apart from the text, with words enough to matter.</blockquote></article></body></html>
            """
        let article = try readPage(html, name: "inline.html").article
        #expect(article.bodyParagraphs.map(\.text) == [
            "First paragraph of the story, long enough to count as text here. Same paragraph after one break.",
            "Second paragraph after two breaks, also long enough to count.",
            "A list item that is a sentence of its own in the story.",
            "Another list item with enough words to be read as text.",
            "A quotation set apart from the text, with words enough to matter.",
        ])
    }
}

@Suite("HTML pages: character sets")
struct HTMLCharsetTests {
    static let expected = "Café owners in the old town said on Friday that the “new rules” on terraces would cost them a season’s income, and asked the mayor to delay them until next year."

    @Test("BOM, meta charset, plain UTF-8 and the Windows-1252 fallback all give the same text", arguments: [
        ("charset-bom.html", "BOM"), ("charset-meta.html", "meta charset"), ("charset-utf8.html", "UTF-8 check"),
        ("charset-fallback.html", "fallback"),
    ])
    func charsetPaths(_ sample: (String, String)) throws {
        let path = Fixtures.sample("html/" + sample.0).path
        let bytes = try ArticleFile.load(path)
        #expect(Charset.decide(bytes, name: path).charset.source == sample.1)
        let article = try ArticleReader().read(bytes, name: path).article
        #expect(article.bodyParagraphs.first?.text == Self.expected)
        #expect(article.title == "Café owners protest terrace rules")
    }

    @Test("http-equiv Content-Type with ISO-8859-1")
    func httpEquiv() throws {
        let path = Fixtures.sample("html/charset-http-equiv.html").path
        let bytes = try ArticleFile.load(path)
        #expect(Charset.decide(bytes, name: path).charset.source == "http-equiv")
        let article = try ArticleReader().read(bytes, name: path).article
        #expect(article.bodyParagraphs.last?.text == "The mayor's office replied that the rules had been discussed for two years and that naïve hopes of a delay were misplaced.")
    }

    @Test("bytes that are not UTF-8 and declare nothing are read as Windows-1252, with a warning naming the file")
    func fallbackWarning() throws {
        let path = Fixtures.sample("html/charset-fallback.html").path
        let result = try ArticleReader().read(try ArticleFile.load(path), name: path)
        #expect(result.warnings.contains { $0.hasPrefix(path + ": not UTF-8 at byte ") && $0.hasSuffix("read as Windows-1252") })
    }

    @Test("a page that declares UTF-8 but has a bad byte keeps UTF-8 and replaces the byte")
    func declaredUTF8Repaired() throws {
        var bytes = Array("<html><head><meta charset=\"utf-8\"></head><body><p>Naïve café text that is long enough to be a paragraph of the story.</p></body></html>".utf8)
        bytes.insert(0xFF, at: 57)
        let result = try ArticleReader().read(bytes, name: "bad.html")
        #expect(result.warnings.contains { $0.hasPrefix("bad.html: not valid UTF-8 at byte 57") })
        #expect(result.article.bodyParagraphs.first?.text.contains("café") == true)
    }
}
