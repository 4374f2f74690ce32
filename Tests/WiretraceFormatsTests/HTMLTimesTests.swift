import Testing
import Wiretrace
@testable import WiretraceFormats
import WiretraceTestSupport

// The reader's times: where a page declares or shows them, which of them is the article's, and
// the day its readers saw. Every page here is written for the test.

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
        let html = "<html lang=\"de\"><head><meta property=\"article:published_time\" content=\"2022-11-13T23:00:00.000Z\"></head><body><article>\(germanBody)</article></body></html>"
        let result = try readPage(html)
        #expect(result.country == "de")
        let created = try #require(result.article.created)
        #expect(created.instant == Timestamp(year: 2022, month: 11, day: 13, hour: 23))
        #expect(result.localDay(of: created) == "2022-11-14")
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
        let html = "<html lang=\"de\"><body><article><p>28.11.2022 – Die Bundesregierung hat am Dienstag ein neues Programm für die Sanierung von Schulen beschlossen.</p><p>Die Länder sollen die Hälfte der Kosten tragen, sagte die Ministerin in Berlin vor Journalisten.</p></article></body></html>"
        let article = try readPage(html).article
        #expect(article.created?.source == "date opening the text")
        #expect(article.created?.instant == Timestamp(year: 2022, month: 11, day: 28))
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
        let html = "<html lang=\"de\"><body><nav><ul><li><a href=\"/a\">Preise</a> <span class=\"teaser-date\">12.07.2022</span></li></ul></nav><article><h1>Schulen werden saniert</h1><p>(21. November 2022) Die Bundesregierung hat am Dienstag ein neues Programm für die Sanierung von Schulen beschlossen, das bis 2030 laufen soll.</p><p>Die Länder sollen die Hälfte der Kosten tragen, sagte die Ministerin in Berlin vor Journalisten.</p></article></body></html>"
        let result = try readPage(html)
        let created = try #require(result.article.created)
        #expect(created.source == "date opening the text")
        #expect(result.localDay(of: created) == "2022-11-21")
    }

    @Test("a press release's dateline with places and a bar dates it when nothing else does")
    func pressReleaseDateline() throws {
        let html = "<html lang=\"de\"><body><nav><span class=\"date\">Archiv</span></nav><article><h1>Neue Radwege im Kreis</h1><p>Lindenau | Kreisstadt, 11. November 2021</p>\(germanBody)</article></body></html>"
        let result = try readPage(html)
        let created = try #require(result.article.created)
        #expect(result.localDay(of: created) == "2021-11-11")
    }

    @Test("a time written in UTC falls on the day of the clock the page's other times give (-04:00), not the UTC day")
    func pageClock() throws {
        let result = try read("time-utc-local-clock.html")
        let created = try #require(result.article.created)
        #expect(created.source == "meta article:published_time")
        #expect(created.instant == Timestamp(year: 2022, month: 5, day: 4, hour: 2, minute: 14, second: 9))
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
            "<html lang=\"es\"><head><meta property=\"article:published_time\" content=\"2022-05-06T03:00:00.410Z\">"
                + "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2022-05-05T22:00:00-05:00\"}</script></head>"
                + "<body><article>\(header)<h1>La ciudad amplía su red de bibliotecas</h1><p>La alcaldía anunció el jueves que abrirá tres nuevas bibliotecas de barrio, una de ellas junto al mercado central, con salas de lectura para niños.</p><p>Los funcionarios dijeron que las obras terminarán antes de fin de año y que los horarios se ampliarán los sábados.</p></article></body></html>"
        }
        let shown = try readPage(page(header: "<div class=\"Datetime\">6 May 2022 - 3:00 a.\u{a0}m.</div>"), name: "co.html")
        #expect(shown.localUTCOffsetMinutes == 0)
        #expect(shown.localDay(of: try #require(shown.article.created)) == "2022-05-06")
        // Printing the local time, or nothing, the page keeps the clock its JSON-LD gives.
        let local = try readPage(page(header: "<div class=\"Datetime\">5 May 2022 - 10:00 p.m.</div>"), name: "co.html")
        #expect(local.localUTCOffsetMinutes == -300)
        #expect(local.localDay(of: try #require(local.article.created)) == "2022-05-05")
        let silent = try readPage(page(header: ""), name: "co.html")
        #expect(silent.localDay(of: try #require(silent.article.created)) == "2022-05-05")
    }

    @Test("local midnight written in UTC is a day entered without a time: the 14th, though the page prints the 13th")
    func midnightEnteredAsDay() throws {
        let html = "<html lang=\"de\"><head><meta property=\"article:published_time\" content=\"2022-11-13T23:00:00.000Z\"></head><body><article><time class=\"date\" datetime=\"2022-11-13T23:00:00.000Z\">13.11.22</time><h1>Schulen werden saniert</h1>\(germanBody)</article></body></html>"
        let result = try readPage(html)
        #expect(result.localDay(of: try #require(result.article.created)) == "2022-11-14")
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
