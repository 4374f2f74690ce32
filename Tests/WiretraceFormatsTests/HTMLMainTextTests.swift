import Testing
import Wiretrace
@testable import WiretraceFormats

/// The body paragraphs the reader finds in a page written in the test.
private func body(_ html: String, name: String = "page.html") throws -> [String] {
    try ArticleReader().read(Array(html.utf8), name: name).article.bodyParagraphs.map(\.text)
}

/// A page around `article`: a menu, a sidebar of teasers and a footer, as news sites have.
private func page(_ article: String) -> String {
    """
    <!DOCTYPE html><html lang="en"><head><title>Harbour ferry timetable changes</title></head><body>
    <nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/local">Local</a></li><li><a href="/sport">Sport</a></li></ul></nav>
    \(article)
    <aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">A bakery wins a regional prize for its rye bread</a></li>
    <li><a href="/b">Road works close the bridge for two weekends</a></li></ul></aside>
    <footer class="site-footer"><p>Contact the newsroom. Terms of use. Privacy settings.</p>
    <p>The Coastal Herald is published by a cooperative of its readers and staff, and has reported on the towns of the bay since the year the first bridge was built.</p>
    <p>Letters to the editor are read every week; we publish a selection, shortened where needed, with the writer's name and town.</p>
    <p>Corrections are printed on page two and added at the foot of the story online, with the date of the change.</p></footer>
    </body></html>
    """
}

private let ferryText = [
    "The harbour ferry will leave every twenty minutes from Monday, instead of every half hour, the port authority said on Wednesday.",
    "The change follows a count of passengers last autumn, which found queues of up to forty people at the pier on weekday mornings.",
    "Evening crossings stay as they are, and the night boat on Saturdays keeps its last departure at one in the morning.",
]

private var ferryParagraphs: String { ferryText.map { "<p>\($0)</p>" }.joined(separator: "\n") }

@Suite("HTML pages: choosing the article's text")
struct HTMLMainTextTests {
    @Test("a closing prompt to follow the outlet on a social network (a handle, a question, an exclamation) is not text; a post quoted in the story is")
    func closingSocialPrompts() throws {
        for prompt in ["Follow the Herald on Instagram @coastalherald and on Facebook.", "¿Sabías que tenemos un canal de Telegram? Únete aquí.",
                       "Ferry fans, watch our harbour videos on YouTube!", "Night editor. Find me on Twitter: @night_desk"] {
            let html = page("<article><h1>Harbour ferry timetable changes</h1>\(ferryParagraphs)<p>\(prompt)</p></article>")
            #expect(try body(html) == ferryText, "\(prompt)")
        }
        let quoted = "The port authority wrote on Twitter: \u{201C}More boats, shorter queues!\u{201D} @harbourport"
        let story = "The port announced the change on Facebook on Tuesday evening."
        let html = page("<article><h1>Harbour ferry timetable changes</h1>\(ferryParagraphs)<p>\(story)</p><p>\(quoted)</p></article>")
        #expect(try body(html) == ferryText + [story, quoted])
        // A text of two paragraphs is too short to tell a prompt from its ending.
        let short = "<article><h1>Harbour ferry timetable changes</h1><p>\(ferryText[0])</p><p>The port posts each change on Instagram @harbourport!</p></article>"
        #expect(try body("<html lang=\"en\"><body>\(short)</body></html>").count == 2)
    }

    @Test("the page's article mark wins over a negative wrapper around it (a sticky share bar)")
    func markInsideNegativeWrapper() throws {
        let html = page("""
            <div class="content-area"><h1>Harbour ferry timetable changes</h1>
            <div id="share-icons-sticky"><div class="entry-content">\(ferryParagraphs)</div></div></div>
            """)
        #expect(try body(html) == ferryText)
    }

    @Test("a negative layout wrapper inside the marked article body is read (a sidebar-and-content grid)")
    func negativeWrapperInsideMark() throws {
        let html = page("""
            <article><h1>Harbour ferry timetable changes</h1><div class="article-body" itemprop="articleBody">
            <div class="sidebar-and-content"><div class="subscribe-sidebar"><a href="/subscribe">Subscribe</a></div>
            <div class="content-body">\(ferryParagraphs)</div></div></div></article>
            """)
        #expect(try body(html) == ferryText)
    }

    @Test("an unclosed menu that the parser wraps around the rest of the page does not hide the article")
    func unclosedMenu() throws {
        // The sub-menus' <div>s are never closed, so the parser nests everything after them in the menu.
        let menu = (1...6).map { "<li class=\"menu-item\"><a href=\"/s\($0)\">Section \($0)</a><div class=\"sub-menu\"><ul>" }.joined()
        let html = """
            <!DOCTYPE html><html><head><title>Harbour ferry timetable changes</title></head><body>
            <header class="site-header"><nav class="navigation"><ul class="menu">\(menu)</ul></nav></header>
            <main><article class="post type-post"><h1>Harbour ferry timetable changes</h1><div class="wysiwyg">\(ferryParagraphs)</div></article></main>
            <footer><p>Contact the newsroom.</p></footer></body></html>
            """
        #expect(try body(html) == ferryText)
    }

    @Test("a mark outside the article (a comment form named main-comment-form) does not pull in its negative ancestors")
    func weakMarkOutsideArticle() throws {
        let consent = "I agree that the newsroom stores my name and e-mail address to publish my comment under this story, as described in the privacy notice."
        let html = page("""
            <div class="story-content"><h1>Harbour ferry timetable changes</h1>\(ferryParagraphs)
            <div class="comments"><form class="main-comment-form"><div class="form-check">\(consent)</div></form></div></div>
            """)
        let text = try body(html)
        #expect(text == ferryText)
    }

    @Test("the lead set above the marked article body is read before it, past a picture between them")
    func leadBeforeArticleBody() throws {
        let lead = "Passengers will wait less at the pier: the port authority adds crossings on weekday mornings."
        let html = page("""
            <div class="news-single"><h1>Harbour ferry timetable changes</h1>
            <div class="teaser-text" itemprop="description"><p>\(lead)</p></div>
            <div class="media"><img src="/ferry.jpg" alt=""></div>
            <div class="news-text" itemprop="articleBody">\(ferryParagraphs)</div></div>
            """)
        #expect(try body(html) == [lead] + ferryText)
    }

    @Test("a lead the page names (article-intro, p.lead, excerpt) in the article's header is read before the text")
    func namedLeadInHeader() throws {
        let lead = "From Monday the harbour ferry runs more often in the morning rush, after a winter of long queues at the pier."
        for (tag, attribute) in [("div", "class=\"article-intro\""), ("p", "class=\"lead\""), ("div", "class=\"Post__excerpt\"")] {
            let html = page("""
                <article class="story"><header class="story-header"><h1>Harbour ferry timetable changes</h1>
                <\(tag) \(attribute)>\(lead)</\(tag)><p class="byline">By Ana Ruiz</p></header>
                <div class="story-body">\(ferryParagraphs)</div></article>
                """)
            #expect(try body(html) == [lead] + ferryText, "\(tag) \(attribute)")
        }
    }

    @Test("a subtitle right under the headline is read; a teaser in a related box of the article is not")
    func subtitleAndRelatedTeaser() throws {
        let subtitle = "More crossings on weekday mornings, evening boats unchanged"
        let html = page("""
            <article class="story"><header><h1>Harbour ferry timetable changes</h1><h2>\(subtitle)</h2></header>
            <div class="story-body">\(ferryParagraphs)\(ferryParagraphs)</div>
            <div class="related-box"><div class="teaser">A new pier for the island ferry is planned for the summer after next.</div></div></article>
            """)
        let text = try body(html)
        #expect(text == [subtitle] + ferryText + ferryText)
    }

    @Test("a negative wrapper that holds most of the page's text is read; one that holds most of it in links is not")
    func pageWideWrapper() throws {
        let html = """
            <!DOCTYPE html><html><head><title>Harbour ferry timetable changes</title></head><body>
            <nav><a href="/">Home</a> <a href="/local">Local</a></nav>
            <aside class="pa-direct-content"><section class="ar-detail"><h1>Harbour ferry timetable changes</h1>\(ferryParagraphs)</section></aside>
            <footer><p>Contact the newsroom.</p></footer></body></html>
            """
        #expect(try body(html) == ferryText)
        let links = (1...40).map { "<li><a href=\"/s\($0)\">A story from the archive of the harbour, number \($0)</a></li>" }.joined()
        let sidebar = page("""
            <div class="story-page"><h1>Harbour ferry timetable changes</h1>\(ferryParagraphs)</div>
            <div class="sidebar-links"><ul>\(links)</ul><p>Thank you for reading and sharing our local reporting.</p></div>
            """)
        #expect(try body(sidebar) == ferryText)
    }

    @Test("a short heading after the end of the text heads furniture; headings within the text and long ones stay text")
    func headingAfterText() throws {
        let html = page("""
            <article class="story"><h1>Harbour ferry timetable changes</h1><div class="story-body">
            <p>\(ferryText[0])</p><h2>What changes for commuters</h2><p>\(ferryText[1])</p><p>\(ferryText[2])</p>
            <h3>Our partners</h3><img src="/logo-a.png" alt=""><img src="/logo-b.png" alt="">
            <h3>Upcoming events</h3></div></article>
            """)
        let article = try ArticleReader().read(Array(html.utf8), name: "page.html").article
        #expect(article.bodyParagraphs.map(\.text) == [ferryText[0], "What changes for commuters", ferryText[1], ferryText[2]])
        #expect(article.paragraphs.filter { $0.reason == "heading after the text" }.map(\.text) == ["Our partners", "Upcoming events"])

        let closing = "The ferry company says it will review the new timetable again in the autumn, after a second count of passengers."
        let longHeading = try body(page("""
            <article class="story"><h1>Harbour ferry timetable changes</h1><div class="story-body">\(ferryParagraphs)<h4>\(closing)</h4></div></article>
            """))
        #expect(longHeading == ferryText + [closing])
    }

    @Test("boxes named for furniture inside the article are not its text", arguments: [
        "paywallBox", "content-paywall", "post-ratings", "editorial-disclaimer", "ad-disclosure", "letters-cta", "kommentarModul",
        "aside right-column", "copyright", "image-legend",
    ])
    func namedFurnitureBoxes(_ name: String) throws {
        let box = "Readers who want to go on reading can choose one of our offers, or write to us with their thoughts on this story."
        let html = page("""
            <article class="story"><h1>Harbour ferry timetable changes</h1><div class="story-body">\(ferryParagraphs)
            <div class="\(name)"><div>\(box)</div></div></div></article>
            """)
        #expect(try body(html) == ferryText)
    }

    @Test("a paragraph whose class names a caption, a disclaimer or a newsletter is not text; one named for a share quote is")
    func paragraphClasses() throws {
        let quote = "We counted the queues every morning for six weeks before we changed anything, the harbour master said."
        let html = page("""
            <article class="story"><h1>Harbour ferry timetable changes</h1><div class="story-body">
            <p>\(ferryText[0])</p><figure><img src="/pier.jpg" alt=""></figure>
            <p class="media__caption">Morning queue at the east pier, seen from the ticket office.</p>
            <p>\(ferryText[1])</p><p class="share-quote">\(quote)</p><p>\(ferryText[2])</p>
            <p class="disclaimer">Opinions in letters printed below are the writers' own and not the newsroom's.</p>
            <p class="newsletter-teaser">Get the harbour news in your mailbox every Friday morning, free of charge.</p>
            </div></article>
            """)
        let text = try body(html)
        #expect(text == [ferryText[0], ferryText[1], quote, ferryText[2]])
    }

    @Test("a text file whose first line is a stray <title> is text; a page opening with a long <style> is HTML", arguments: [
        ("<title>Harbour ferry timetable changes</title>\nThe harbour ferry will leave every twenty minutes from Monday.\n\nEvening crossings stay.", false),
        ("<title>Harbour ferry</title>\n<p>The harbour ferry will leave every twenty minutes.</p>", true),
        ("<style>" + String(repeating: ".story p { margin: 0 0 1em; } ", count: 200) + "</style>\n<!DOCTYPE html><html><body><p>Text.</p></body></html>", true),
        ("<script>var a = 1;</script><div>Text.</div>", true),
    ])
    func sniffing(_ sample: (String, Bool)) {
        #expect(FormatSniffer.isHTML(Array(sample.0.utf8)) == sample.1)
    }

    @Test("a short line that is mostly a link points elsewhere; a paragraph with a link in passing is text")
    func linkDensityByLength() throws {
        let passing = "The port authority published the <a href=\"/count\">passenger count</a> on its site, with figures for every crossing of the last autumn."
        let html = page("""
            <article class="story"><h1>Harbour ferry timetable changes</h1><div class="story-body">\(ferryParagraphs)
            <p>\(passing)</p><p>Full timetable at the <a href="/timetable">port authority site</a></p></div></article>
            """)
        let article = try ArticleReader().read(Array(html.utf8), name: "page.html").article
        #expect(article.bodyParagraphs.map(\.text) == ferryText + [
            "The port authority published the passenger count on its site, with figures for every crossing of the last autumn.",
        ])
        #expect(article.paragraphs.contains { $0.text == "Full timetable at the port authority site" && $0.reason == "links" })
    }

    @Test("a template script inside the article body (a blog engine inserts the post with it) is read as markup; others are not")
    func templateInArticleBody() throws {
        let html = page("""
            <div class='post'><h1>Harbour ferry timetable changes</h1><div class='post-body'>
            <div class='post-content' itemprop='articleBody'><script type='text/template'>\(ferryParagraphs)</script></div></div>
            <script type="text/template"><p>Template of a comment box: write your comment here and sign it with your name.</p></script></div>
            """)
        #expect(try body(html) == ferryText)
    }
}
