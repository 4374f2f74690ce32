import Testing
import Wiretrace
@testable import WiretraceFormats
import WiretraceTestSupport

// The reader's times: where a page declares or shows them, which of them is the article's, and
// the day its readers saw. Every page here is written for the test.

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

/// Two paragraphs of an English story.
private let harbourBody = "<p>The harbour authority opened a second ferry pier on Monday, after two years of building work that closed the old quay to cars and most delivery vans.</p><p>Officials said the new pier would let the island's two ferries dock at the same time during the summer, cutting waits at the terminal by half.</p>"

@Suite("HTML pages: a page without article text, and the rules that date a page")
struct HTMLTimeRuleTests {
    @Test("a page without article text keeps its title, outlet and times; commands that need text refuse it, naming it")
    func noArticleText() throws {
        let html = "<html lang=\"en\"><head><title>Harbour pictures of the week</title><meta property=\"og:site_name\" content=\"Island Post\">"
            + "<meta property=\"article:published_time\" content=\"2024-03-05T09:15:00+01:00\"></head><body><div class=\"gallery\"><img src=\"a.jpg\"></div></body></html>"
        let result = try readPage(html, name: "gallery.html")
        #expect(result.content == .noArticleText)
        #expect(result.article.title == "Harbour pictures of the week")
        #expect(result.article.outlet == "Island Post")
        #expect(result.article.publishedDay == "2024-03-05")
        #expect(throws: ReadError(path: "gallery.html", reason: .noText)) { try result.requiringText(name: "gallery.html") }
        // A page that says nothing about itself either is no article at all.
        #expect(throws: ReadError(path: "blank.html", reason: .noText)) { try readPage("<html><body><div></div></body></html>", name: "blank.html") }
        let article = try readPage("<html><body><article>\(harbourBody)</article></body></html>")
        #expect(article.content == .articleText)
    }

    @Test("a generic date meta yields to the date shown between the headline and the text, not to dates inside the text")
    func genericDateMeta() throws {
        func page(header: String, inText: String = "") -> String {
            "<html lang=\"en-GB\"><head><meta name=\"date\" content=\"2024-03-09\"></head><body><article><h1>Second ferry pier opens</h1>\(header)"
                + harbourBody + inText + "</article></body></html>"
        }
        let shown = try #require(try readPage(page(header: "<div class=\"date\">5 March 2024</div>")).article.created)
        #expect(shown.instant?.day == "2024-03-05")
        let inside = try #require(try readPage(page(header: "", inText: "<p class=\"date\">30 April 2024</p>")).article.created)
        #expect(inside.source == "meta date")
        #expect(inside.instant?.day == "2024-03-09")
    }

    @Test("a generic date meta yields to a labelled publication anywhere, and to a <time> outside the text; a plain date in the text does not beat it")
    func genericDateMetaYieldsToMarkedDates() throws {
        func page(_ extra: String, after: String = "") -> String {
            "<html lang=\"en-GB\"><head><meta name=\"date\" content=\"2024-03-09\"></head><body><article><h1>Second ferry pier opens</h1>"
                + harbourBody + extra + "</article>\(after)</body></html>"
        }
        let labelled = try #require(try readPage(page("<p>Published on 5 March 2024</p>")).article.created)
        #expect(labelled.instant?.day == "2024-03-05")
        let sidebar = page("", after: "<aside class=\"sidebar\"><div class=\"meta\"><time datetime=\"2024-03-05\">5 March</time></div></aside>")
        #expect(try readPage(sidebar).article.publishedDay == "2024-03-05")
        let inText = try #require(try readPage(page("<p>The pier will close again on 30 April 2024 for repairs.</p>")).article.created)
        #expect(inText.source == "meta date")
    }

    @Test("a page that shows by its headline the day of its declared update, not of its publication, is dated by what it shows")
    func showsUpdateDay() throws {
        func page(shown: String) -> String {
            "<html lang=\"en-GB\"><head><meta property=\"article:published_time\" content=\"2024-03-01T08:00:00+00:00\">"
                + "<meta property=\"article:modified_time\" content=\"2024-03-05T10:00:00+00:00\"></head><body><article>"
                + "<h1>Second ferry pier opens</h1><span class=\"date\">\(shown)</span>\(harbourBody)</article></body></html>"
        }
        #expect(try readPage(page(shown: "5 March 2024")).article.publishedDay == "2024-03-05")
        // Showing the publication day, or another day, the declared publication stays.
        #expect(try readPage(page(shown: "1 March 2024")).article.publishedDay == "2024-03-01")
        #expect(try readPage(page(shown: "20 February 2024")).article.publishedDay == "2024-03-01")
    }

    @Test("declared publication names: datePublished and article:published_time win over dcterms.created and dateCreated")
    func primaryPublication() throws {
        let html = "<html lang=\"en-US\"><head><meta name=\"dcterms.created\" content=\"2024-03-04T20:00:00-05:00\">"
            + "<meta property=\"article:published_time\" content=\"2024-03-05T06:30:00-05:00\"></head><body><article>"
            + "<span itemprop=\"dateCreated\" content=\"2019-01-01\"></span><span itemprop=\"datePublished\" content=\"2024-03-05\"></span>\(harbourBody)</article></body></html>"
        let article = try readPage(html, name: "us.html").article
        #expect(article.publishedDay == "2024-03-05")
        #expect(!article.times.contains { $0.source.contains("dcterms.created") || $0.source.contains("dateCreated") })
    }

    @Test("a time of day printed without a zone under the headline gives the page's clock")
    func zonelessShownClock() throws {
        let html = "<html lang=\"en\"><head><meta property=\"article:published_time\" content=\"2024-03-06T02:40:00+00:00\"></head><body><article>"
            + "<h1>Second ferry pier opens</h1><div class=\"date\">March 5, 2024 | 9:40pm</div>\(harbourBody)</article></body></html>"
        let result = try readPage(html, name: "en.html")
        #expect(result.localUTCOffsetMinutes == -300)
        #expect(result.article.publishedDay == "2024-03-05")
    }

    @Test("a <time datetime> in UTC is no evidence of the page's clock; the date shown beside it is", arguments: [
        ("6 March 2024", "2024-03-06"), ("5 March 2024", "2024-03-05"),
    ])
    func utcTimeElementIsNoClock(shown: String, day: String) throws {
        // In Sydney 20:10 UTC on the 5th is already the 6th: the date the page prints says which clock it keeps.
        let html = "<html lang=\"en-AU\"><head><meta property=\"article:published_time\" content=\"2024-03-05T20:10:00Z\"></head><body><article>"
            + "<h1>Second ferry pier opens</h1><span class=\"date\">\(shown)</span><time datetime=\"2024-03-05T20:10:00Z\"></time>\(harbourBody)</article></body></html>"
        #expect(try readPage(html, name: "au.html").article.publishedDay == day)
    }

    @Test("the URL's day settles the clock of a UTC time, and gives the day when no candidate clock does")
    func urlDayAndUTC() throws {
        func page(url: String, lang: String) -> String {
            "<html lang=\"\(lang)\"><head><link rel=\"canonical\" href=\"https://news.example\(url)\">"
                + "<meta property=\"article:published_time\" content=\"2024-03-06T03:20:00Z\"></head><body><article>\(harbourBody)</article></body></html>"
        }
        // A German page (UTC+1) filed under the 5th: seen on the 5th, though its clock says the 6th.
        #expect(try readPage(page(url: "/2024/03/05/pier.html", lang: "de")).article.publishedDay == "2024-03-05")
        // Filed under the 6th: the clock's day.
        #expect(try readPage(page(url: "/2024/03/06/pier.html", lang: "de")).article.publishedDay == "2024-03-06")
        // Two days off is another story's date, not a zone shift.
        #expect(try readPage(page(url: "/2024/03/04/pier.html", lang: "de")).article.publishedDay == "2024-03-06")
    }

    @Test("with nothing else: a <time> in a column that reads as a sidebar, then a short date text, never a comment's date")
    func looseDates() throws {
        let sidebar = "<html lang=\"de\"><body><div class=\"sidebar\"><p class=\"teaser\">Neue Radwege</p><p><time datetime=\"2024-03-05\">5. März</time></p></div>"
            + "<article><h1>Neue Radwege im Kreis</h1>\(germanBody)</article></body></html>"
        #expect(try readPage(sidebar).article.publishedDay == "2024-03-05")
        let text = "<html lang=\"de\"><body><article><h1>Neue Radwege im Kreis</h1>\(germanBody)</article>"
            + "<div class=\"comments\"><time datetime=\"2024-04-01\">1. April</time></div><div class=\"info\"><span>5. März 2024 | Verkehr</span></div></body></html>"
        let created = try #require(try readPage(text).article.created)
        #expect(created.source == "date text")
        #expect(created.instant?.day == "2024-03-05")
        // An update label among them is not the publication; a phone number does not set the day order.
        let labelled = "<html lang=\"de\"><body><article><h1>Neue Radwege im Kreis</h1>\(germanBody)</article><footer class=\"info\">"
            + "<span>Letzte Änderung: 09.03.2024</span><span>Erschienen am: 05.03.2024</span><span>Tel. 0 61 51 / 405</span></footer></body></html>"
        #expect(try readPage(labelled).article.publishedDay == "2024-03-05")
    }

    @Test("with no other date, a date inside a link dates the page; any unlinked date comes first")
    func linkedDate() throws {
        let teasers = "<html lang=\"de\"><body><article><h1>Neue Radwege im Kreis</h1>\(germanBody)</article><div class=\"more\"><a href=\"/a\"><span>05.03.2024</span> Radwege im Nachbarkreis</a></div></body></html>"
        let created = try #require(try readPage(teasers).article.created)
        #expect(created.source == "linked date text")
        #expect(created.instant?.day == "2024-03-05")
        let both = "<html lang=\"de\"><body><article><h1>Neue Radwege im Kreis</h1>\(germanBody)</article><div class=\"more\"><a href=\"/a\"><span>05.03.2024</span> Radwege</a></div><div class=\"info\"><span>Stand 07.03.2024</span></div></body></html>"
        #expect(try readPage(both).article.created?.instant?.day == "2024-03-07")
    }

    @Test("with nothing else, the publication time in a script's data; never before a date the page declares or shows")
    func scriptData() throws {
        let state = "<script>window.__STATE__ = {\"story\":{\"id\":7,\"createdAt\" : \"2024-03-05T10:00:00+01:00\",\"views\":12}};</script>"
        let bare = try #require(try readPage("<html lang=\"de\"><head>\(state)</head><body><article>\(germanBody)</article></body></html>").article.created)
        #expect(bare.source == "script \"createdAt\"")
        #expect(bare.instant?.day == "2024-03-05")
        let declared = "<html lang=\"de\"><head><meta property=\"article:published_time\" content=\"2024-03-01T10:00:00+01:00\">\(state)</head><body><article>\(germanBody)</article></body></html>"
        #expect(try readPage(declared).article.publishedDay == "2024-03-01")
        #expect(PageTimes.scriptDate(in: Array("{\"createdAt\":\"yesterday\",\"publishedAt\":\"2024-03-05\"}".utf8))?.0 == "publishedAt")
    }

    @Test("a page that only redirects is dated by the address it sends to, from a refresh or a script; never over a declared date")
    func redirectTarget() throws {
        let shield = "<html><body><p>You will be taken to the story in a moment.</p><script>var t=1;location.href=\"https://news.example/2024/03/05/harbour-opens\";</script></body></html>"
        let scripted = try #require(try readPage(shield, name: "en.html").article.created)
        #expect(scripted.source == "redirect URL")
        #expect(scripted.instant?.day == "2024-03-05")
        let refresh = "<html><head><meta http-equiv=\"refresh\" content=\"0; URL='/news/20240306/harbour'\"></head><body><p>Moved.</p></body></html>"
        #expect(try readPage(refresh, name: "en.html").article.publishedDay == "2024-03-06")
        let declared = "<html><head><meta property=\"article:published_time\" content=\"2024-03-01T10:00:00Z\"></head><body><p>Moved.</p><script>location.replace(\"/2024/03/05/x\")</script></body></html>"
        #expect(try readPage(declared, name: "en.html").article.publishedDay == "2024-03-01")
    }

    @Test("with nothing else, the first date and time of day written in the machine's form anywhere in the markup; a version number is none")
    func markupTimestamp() throws {
        let forum = "<html lang=\"de\"><body><table><tr><td><script>showDate(\"2024/03/05 14:20:09\")</script></td></tr></table><article>\(germanBody)</article><p>Forum 4.8.12</p></body></html>"
        let created = try #require(try readPage(forum).article.created)
        #expect(created.source == "timestamp in the markup")
        #expect(created.instant?.day == "2024-03-05")
        #expect(PageTimes.markupTimestamp(in: Array("v2.4.12 build 20240305 1234-56-78 12:00 and 2024-13-01 10:00".utf8)) == nil)
        #expect(PageTimes.markupTimestamp(in: Array("id=92024-03-05 10:00; at 2024-03-06T08:15 then".utf8)) == "2024-03-06T08:15")
    }

    @Test("a page declaring a legacy character set but saved as UTF-8 is read as UTF-8, and keeps its date and text")
    func transcodedPage() throws {
        let html = "<html lang=\"ko\"><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\"></head><body><article>"
            + "<h1>항구에 새 부두</h1><p class=\"date\">2024-03-05 16:20</p><p>항만청은 월요일 두 번째 여객선 부두를 열었다. 공사는 이 년 동안 이어졌고 옛 부두는 차량 통행이 막혀 있었다.</p></article></body></html>"
        let result = try readPage(html, name: "kr.html")
        #expect(result.article.publishedDay == "2024-03-05")
        #expect(result.article.bodyParagraphs.first?.text.hasPrefix("항만청은") == true)
    }

    @Test("a publication label inside a short line beats an update label opening it")
    func innerPublicationLabel() throws {
        #expect(PageTimes.labelledTime("Updated: 9 March 2024 · Published: 5 March 2024")?.2 == "5 March 2024")
        #expect(PageTimes.labelledTime("Letzte Änderung: 09.03.2024 Erschienen am: 05.03.2024")?.0 == .created)
        #expect(PageTimes.labelledTime("Letzte Änderung: 09.03.2024")?.0 == .updated)
        #expect(PageTimes.labelledTime("Veröffentlichung: 05.03.2024")?.0 == .created)
    }

    @Test("with nothing else, the share image's upload day, and the datePublished of a JSON-LD object of any type")
    func imageAndAnyJSONLD() throws {
        for image in ["https://cdn.example/uploads/2024/03/05/pier.jpg", "https://cdn.example/large/20240305101500123.jpg"] {
            let html = "<html lang=\"en\"><head><meta property=\"og:image\" content=\"\(image)\"></head><body><article>\(harbourBody)</article></body></html>"
            let created = try #require(try readPage(html).article.created, "\(image)")
            #expect(created.source == "og:image path")
            #expect(created.instant?.day == "2024-03-05")
        }
        let howTo = "<html lang=\"en\"><head><script type=\"application/ld+json\">{\"@type\":\"HowTo\",\"name\":\"Tie a bowline\",\"datePublished\":\"2024-03-05T10:00:00Z\"}</script></head><body><article>\(harbourBody)</article></body></html>"
        #expect(try readPage(howTo).article.created?.source == "JSON-LD HowTo.datePublished")
    }

    @Test("the Open Graph locale's region names the country when <html lang> has none: en_US keeps New York's clock")
    func openGraphLocale() throws {
        let html = "<html lang=\"en\"><head><meta property=\"og:locale\" content=\"en_US\"><meta property=\"article:published_time\" content=\"2024-03-06T02:40:00Z\"></head><body><article>\(harbourBody)</article></body></html>"
        let result = try readPage(html, name: "en.html")
        #expect(result.country == "us")
        #expect(result.article.publishedDay == "2024-03-05")
    }

    @Test("an <abbr data-utime> is a <time>; an empty element marked published carries its time in its title")
    func abbrAndEmptyMicroformat() throws {
        let abbr = "<html lang=\"de\"><body><article><h1>Neue Radwege im Kreis</h1><abbr title=\"Dienstag\" data-utime=\"1709629200\">Dienstag</abbr>\(germanBody)</article></body></html>"
        #expect(try readPage(abbr).article.created?.instant == Timestamp(year: 2024, month: 3, day: 5, hour: 9))
        let empty = "<html lang=\"de\"><body><article><h1>Neue Radwege im Kreis</h1><span class=\"published\" title=\"2024-03-05T10:00:00+01:00\"></span>\(germanBody)</article></body></html>"
        #expect(try readPage(empty).article.publishedDay == "2024-03-05")
    }

    @Test("published an hour after its declared update, beside a list of teaser dates: the declared publication stays")
    func scheduledBesideTeaserList() throws {
        let html = "<html lang=\"de\"><head><meta property=\"article:published_time\" content=\"2024-03-05T09:55:00+01:00\">"
            + "<meta property=\"article:modified_time\" content=\"2024-03-05T08:20:00+01:00\"></head><body><article><h1>Neue Radwege im Kreis</h1>"
            + "<ul><li><p>01.03.2024</p></li><li><p>28.02.2024</p></li><li><p>29.02.2024</p></li></ul>\(germanBody)</article></body></html>"
        #expect(try readPage(html).article.publishedDay == "2024-03-05")
    }

    @Test("fractions of many digits, East Asian dates, Arabic and Russian month names on pages")
    func pageDateForms() throws {
        for (meta, lang, day) in [("2024-03-05T10:00:00.1234567Z", "en-GB", "2024-03-05"), ("2024年3月5日 10:00", "ja", "2024-03-05"),
                                  ("الثلاثاء، 05 مارس 2024", "ar-EG", "2024-03-05"), ("5 марта 2024", "ru", "2024-03-05")] {
            let html = "<html lang=\"\(lang)\"><head><meta property=\"article:published_time\" content=\"\(meta)\"></head><body><article>\(harbourBody)</article></body></html>"
            #expect(try readPage(html).article.publishedDay == day, "\(meta)")
        }
    }
}
