import Foundation
import Testing
import Wiretrace
@testable import WiretraceFormats
import WiretraceTestSupport

private func read(_ name: String, reader: ArticleReader = ArticleReader()) throws -> ArticleReader.Result {
    let path = Fixtures.sample("html/" + name).path
    return try reader.read(try ArticleFile.load(path), name: path)
}

/// Reads a page written in the test; `name` stands for its path in messages.
private func readPage(_ html: String, name: String = "de.html") throws -> ArticleReader.Result {
    try ArticleReader().read(Array(html.utf8), name: name)
}

private let riverBody = [
    "The regional council approved a new budget for the river clean-up on Tuesday, after three months of debate over how to share the cost between towns upstream and downstream.",
    "Council members said the first dredging work would start in spring, and that water quality would be measured every month at six points along the river.",
]

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

@Suite("HTML pages: times and their evidence")
struct HTMLTimeTests {
    @Test("meta article:published_time and article:modified_time")
    func metaTimes() throws {
        let article = try read("time-meta.html").article
        #expect(article.created?.instant == Timestamp(year: 2024, month: 3, day: 5, hour: 9, minute: 15))
        #expect(article.created?.source == "meta article:published_time")
        #expect(article.updated?.instant == Timestamp(year: 2024, month: 3, day: 5, hour: 17, minute: 40))
        #expect(article.title == "River clean-up budget approved")
        #expect(article.outlet == "Valley Courier")
    }

    @Test("JSON-LD with @graph: the NewsArticle's dates win over the WebPage's, authors become credits")
    func jsonLDGraph() throws {
        let article = try read("time-jsonld-graph.html").article
        #expect(article.created?.instant == Timestamp(year: 2024, month: 3, day: 5, hour: 9, minute: 15))
        #expect(article.created?.source == "JSON-LD NewsArticle.datePublished")
        #expect(article.created?.utcOffsetMinutes == 60)
        #expect(article.updated?.source == "JSON-LD NewsArticle.dateModified")
        #expect(article.byline == "Ann Lee")
        #expect(article.textAgencies == ["AFP"])
        #expect(article.outlet == "Valley Courier")
    }

    @Test("itemprop datePublished on <time> and dateModified on <meta>")
    func itemprop() throws {
        let article = try read("time-itemprop.html").article
        #expect(article.created?.source == "itemprop datePublished")
        #expect(article.created?.instant == Timestamp(year: 2024, month: 3, day: 5, hour: 9, minute: 15))
        #expect(article.updated?.instant == Timestamp(year: 2024, month: 3, day: 5, hour: 17, minute: 40))
        #expect(article.bodyParagraphs.map(\.text) == riverBody)
    }

    @Test("a <time datetime> in the article header, and its visible date is not a paragraph")
    func timeElement() throws {
        let article = try read("time-element.html").article
        #expect(article.created?.source == "<time datetime>")
        #expect(article.created?.instant == Timestamp(year: 2024, month: 3, day: 5, hour: 9, minute: 15))
        #expect(article.bodyParagraphs.map(\.text) == riverBody)
    }

    @Test("visible labels in day-month order with IST read at an Indian outlet")
    func visibleLabels() throws {
        let article = try read("time-label.html").article
        #expect(article.created?.source == "label \"Published\"")
        #expect(article.created?.instant == Timestamp(year: 2024, month: 3, day: 5, hour: 14, minute: 45, utcOffsetMinutes: 330))
        #expect(article.updated?.instant == Timestamp(year: 2024, month: 3, day: 6, hour: 9, utcOffsetMinutes: 330))
        #expect(article.bodyParagraphs.map(\.text) == riverBody)
    }

    @Test("a date in the URL dates the page but does not override an explicit updated time")
    func urlDate() throws {
        let article = try read("time-url.html").article
        #expect(article.created?.source == "URL")
        #expect(article.created?.hasTimeOfDay == false)
        #expect(article.updated?.source == "meta article:modified_time")
        #expect(article.updated?.instant == Timestamp(year: 2024, month: 3, day: 4, hour: 12))
        #expect(article.times.filter { $0.kind == .updated }.count == 1)
    }
}

/// Two paragraphs of a German story, for pages whose dates are under test.
private let germanBody = "<p>Die Bundesregierung hat am Dienstag ein neues Programm für die Sanierung von Schulen beschlossen, das bis 2030 laufen soll.</p><p>Die Länder sollen die Hälfte der Kosten tragen, sagte die Ministerin in Berlin vor Journalisten.</p>"

@Suite("HTML pages: dates without metadata, and the publisher's day")
struct HTMLPublisherDayTests {

    @Test("a time written in UTC falls on the publisher's calendar day (German page, 23:00 UTC in November)")
    func utcOnPublishersDay() throws {
        let html = "<html lang=\"de\"><head><meta property=\"article:published_time\" content=\"2022-11-06T23:00:00.000Z\"></head><body><article>\(germanBody)</article></body></html>"
        let result = try readPage(html)
        #expect(result.country == "de")
        let created = try #require(result.article.created)
        #expect(created.instant == Timestamp(year: 2022, month: 11, day: 6, hour: 23))
        #expect(result.localDay(of: created) == "2022-11-07")
    }

    @Test("only a time written in UTC moves to the page's clock; a local zone at UTC (WET) is the page's clock already",
          arguments: [("Z", true), ("+00:00", true), ("gmt", true), ("UTC", true), ("WET", false), ("+01:00", false), (nil, false)])
    func writtenInUTC(zone: String?, inUTC: Bool) {
        let offset = zone == "+01:00" ? 60 : 0
        let time = ArticleTime(kind: .created, text: "", source: "test", instant: Timestamp(year: 2022, month: 11, day: 6, hour: 23),
                               utcOffsetMinutes: zone == nil ? nil : offset, zone: zone)
        #expect(time.isWrittenInUTC == inUTC)
        // On a German page (one hour east of UTC in November), 23:00 written in UTC is the 7th.
        let page = ArticleReader.Result(article: Article(paragraphs: []), format: .html, warnings: [], country: "de")
        #expect(page.localDay(of: time) == (inUTC ? "2022-11-07" : offset == 60 ? "2022-11-07" : "2022-11-06"))
    }

    @Test("summer time: 22:30 UTC in July is already the next day in Berlin, 21:30 UTC is not")
    func summerTime() throws {
        for (text, day) in [("2022-07-10T22:30:00Z", "2022-07-11"), ("2022-07-10T21:30:00Z", "2022-07-10")] {
            let html = "<html lang=\"de-DE\"><head><meta property=\"article:published_time\" content=\"\(text)\"></head><body><article>\(germanBody)</article></body></html>"
            let result = try readPage(html)
            #expect(result.localDay(of: try #require(result.article.created)) == day)
        }
    }

    @Test("with no metadata, a short text that is only a date near the story dates it, day first on a German page")
    func dateText() throws {
        let html = "<html lang=\"de\"><body><div class=\"topline\"><span>06.12.2022</span></div><article>\(germanBody)</article></body></html>"
        let result = try readPage(html)
        let created = try #require(result.article.created)
        #expect(created.source == "date text")
        #expect(result.localDay(of: created) == "2022-12-06")
    }

    @Test("with nothing else, a date opening the first paragraph dates the page")
    func dateOpeningText() throws {
        let html = "<html lang=\"de\"><body><article><p>29.11.2022 – Die Bundesregierung hat am Dienstag ein neues Programm für die Sanierung von Schulen beschlossen.</p><p>Die Länder sollen die Hälfte der Kosten tragen, sagte die Ministerin in Berlin vor Journalisten.</p></article></body></html>"
        let article = try readPage(html).article
        #expect(article.created?.source == "date opening the text")
        #expect(article.created?.instant == Timestamp(year: 2022, month: 11, day: 29))
    }
}

@Suite("HTML pages: which of a page's dates is the article's")
struct HTMLDatePlacementTests {

    @Test("the date under the headline wins over teaser dates in the menu, an event teaser above the headline and related stories")
    func dateUnderHeadline() throws {
        let result = try read("time-teasers.html")
        let created = try #require(result.article.created)
        #expect(result.localDay(of: created) == "2022-12-20")
        #expect(created.source == "element marked \"date\"")
        #expect(result.article.times.filter { $0.kind == .created }.count == 1)
    }

    @Test("dates in a navigation menu are not the article's: a dateline opening the text dates it")
    func menuDatesIgnored() throws {
        let html = "<html lang=\"de\"><body><nav><ul><li><a href=\"/a\">Preise</a> <span class=\"newsitem-time\">12.07.2022</span></li></ul></nav><article><h1>Entlastungen auf einen Blick</h1><p>(21. November 2022) Die Bundesregierung hat am Dienstag ein neues Programm für die Sanierung von Schulen beschlossen, das bis 2030 laufen soll.</p><p>Die Länder sollen die Hälfte der Kosten tragen, sagte die Ministerin in Berlin vor Journalisten.</p></article></body></html>"
        let result = try readPage(html)
        let created = try #require(result.article.created)
        #expect(created.source == "date opening the text")
        #expect(result.localDay(of: created) == "2022-11-21")
    }

    @Test("a press release's dateline with places and a bar dates it when nothing else does")
    func pressReleaseDateline() throws {
        let html = "<html lang=\"de\"><body><nav><span class=\"date\">Archiv</span></nav><article><h1>Acht Produkte prämiert</h1><p>Hofheim am Taunus | Wiesbaden, 11. November 2021</p>\(germanBody)</article></body></html>"
        let result = try readPage(html)
        let created = try #require(result.article.created)
        #expect(result.localDay(of: created) == "2021-11-11")
    }

    @Test("a time written in UTC falls on the day of the clock the page's other times give (-04:00), not the UTC day")
    func pageClock() throws {
        let result = try read("time-utc-local-clock.html")
        let created = try #require(result.article.created)
        #expect(created.source == "meta article:published_time")
        #expect(created.instant == Timestamp(year: 2022, month: 5, day: 4, hour: 3, minute: 37, second: 37))
        #expect(result.localUTCOffsetMinutes == -240)
        #expect(result.localDay(of: created) == "2022-05-03")
    }

    @Test("a page whose times are all in UTC keeps the country's clock")
    func noPageClock() throws {
        let html = "<html lang=\"de\"><head><meta property=\"article:published_time\" content=\"2022-11-06T23:00:00Z\"><meta property=\"article:modified_time\" content=\"2022-11-07T08:00:00Z\"></head><body><article>\(germanBody)</article></body></html>"
        let result = try readPage(html)
        #expect(result.localUTCOffsetMinutes == nil)
        #expect(result.localDay(of: try #require(result.article.created)) == "2022-11-07")
    }

    @Test("declared published after declared modified (a regenerated page): the headline's date months earlier is the publication")
    func regeneratedPage() throws {
        let result = try read("time-regenerated.html")
        let created = try #require(result.article.created)
        #expect(result.localDay(of: created) == "2022-03-09")
        #expect(created.source == "<time datetime>")
        #expect(result.article.updated?.source == "meta article:modified_time")
    }

    @Test("a page that prints its UTC time under the headline was read on the UTC day, whatever offset its JSON-LD gives")
    func shownUTCClock() throws {
        func page(header: String) -> String {
            "<html lang=\"es\"><head><meta property=\"article:published_time\" content=\"2022-05-06T02:00:00.824Z\">"
                + "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2022-05-05T21:00:00-05:00\"}</script></head>"
                + "<body><article>\(header)<h1>Así serán los macrocasos</h1><p>La Jurisdicción Especial para la Paz anunció el jueves que abrirá tres nuevos macrocasos, uno de ellos sobre crímenes cometidos por la fuerza pública.</p><p>Los magistrados dijeron que las primeras audiencias se celebrarán antes de fin de año en Bogotá.</p></article></body></html>"
        }
        let shown = try readPage(page(header: "<div class=\"Datetime\">6 May 2022 - 2:00 a.\u{a0}m.</div>"), name: "co.html")
        #expect(shown.localUTCOffsetMinutes == 0)
        #expect(shown.localDay(of: try #require(shown.article.created)) == "2022-05-06")
        // Printing the local time, or nothing, the page keeps the clock its JSON-LD gives.
        let local = try readPage(page(header: "<div class=\"Datetime\">5 May 2022 - 9:00 p.m.</div>"), name: "co.html")
        #expect(local.localUTCOffsetMinutes == -300)
        #expect(local.localDay(of: try #require(local.article.created)) == "2022-05-05")
        let silent = try readPage(page(header: ""), name: "co.html")
        #expect(silent.localDay(of: try #require(silent.article.created)) == "2022-05-05")
    }

    @Test("local midnight written in UTC is a day entered without a time: the 7th, though the page prints the 6th")
    func midnightEnteredAsDay() throws {
        let html = "<html lang=\"de\"><head><meta property=\"article:published_time\" content=\"2022-11-06T23:00:00.000Z\"></head><body><article><time class=\"date\" datetime=\"2022-11-06T23:00:00.000Z\">6.11.22</time><h1>Schulen werden saniert</h1>\(germanBody)</article></body></html>"
        let result = try readPage(html)
        #expect(result.localDay(of: try #require(result.article.created)) == "2022-11-07")
    }

    @Test("declared publication times a year apart: the one on the day printed under the headline is the page's")
    func conflictingDeclaredTimes() throws {
        func page(shown: String) -> String {
            "<html lang=\"de\"><head><meta property=\"article:published_time\" content=\"2022-12-15T09:13:00+01:00\">"
                + "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"datePublished\":\"2021-12-06T14:36:00+01:00\"}</script></head>"
                + "<body><article><h1>Schulen werden saniert</h1>\(shown)\(germanBody)</article></body></html>"
        }
        let created = try #require(try readPage(page(shown: "<p class=\"date\">15.12.2022</p>")).article.created)
        #expect(created.source == "meta article:published_time")
        #expect(created.instant == Timestamp(year: 2022, month: 12, day: 15, hour: 8, minute: 13))
        // A <time> with no text shows the reader nothing; with no date shown the earliest declared time stays.
        for shown in ["<time datetime=\"2022-12-15T09:13:00+01:00\"></time>", ""] {
            let article = try readPage(page(shown: shown)).article
            #expect(article.created?.source == "JSON-LD Article.datePublished", "shown: \(shown)")
            #expect(article.times.filter { $0.kind == .created }.count == 2)
        }
    }

    @Test("a scheduled post (modified before published) showing the same day keeps its declared time of day")
    func scheduledPost() throws {
        let html = "<html><head><meta property=\"article:published_time\" content=\"2024-03-05T12:00:00+01:00\"><meta property=\"article:modified_time\" content=\"2024-03-04T18:30:00+01:00\"></head><body><article><h1>Schulen werden saniert</h1><time datetime=\"2024-03-05\">5. März 2024</time>\(germanBody)</article></body></html>"
        let created = try #require(try readPage(html).article.created)
        #expect(created.source == "meta article:published_time")
        #expect(created.instant == Timestamp(year: 2024, month: 3, day: 5, hour: 11))
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
