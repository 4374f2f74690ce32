import Testing
import WiretraceFormats

/// The files a crawler saves beside the pages, told apart by content (fixtures written for
/// these tests, in the shapes such files take).
@Suite("files that are not articles")
struct NonArticleTests {
    /// The kind `ArticleReader` finds `text` to be, or nil when it reads it as an article or page.
    private func kind(_ text: String, name: String = "file") -> NonArticleKind? {
        kind(Array(text.utf8), name: name)
    }

    private func kind(_ bytes: [UInt8], name: String) -> NonArticleKind? {
        do throws(ReadError) {
            _ = try ArticleReader().read(bytes, name: name)
            return nil
        } catch {
            if case .notArticle(let kind, _) = error.reason { return kind }
            return nil
        }
    }

    private let article = """
        Council approves the new harbour budget

        Published: 2024-03-02 10:00

        The council voted on Tuesday to spend more on the harbour walls; the opposition said the plan came too late.

        Work will start in the summer and last two years, officials said.
        """

    @Test("a stylesheet is known by its rule blocks, with or without a .css name")
    func stylesheet() {
        let css = "/* site */\nbody { margin: 0; color: #222; }\n.byline { font-size: 0.9rem; }\n@media (max-width: 600px) { h1 { font-size: 1.5rem; } }\n"
        #expect(kind(css) == .stylesheet)
        #expect(kind(css, name: "assets/main.css?ver=3") == .stylesheet)
        #expect(kind("a{color:red}b{color:blue}", name: "x") == .stylesheet, "minified")
    }

    @Test("a script is known by its code and JavaScript's words; a .js name settles code without them")
    func script() {
        #expect(kind("(function () {\n  var menu = document.querySelector('nav');\n  menu.addEventListener('click', function () { menu.hidden = !menu.hidden; });\n})();\n") == .script)
        #expect(kind("window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}") == .script)
        #expect(kind("a{b:c}d{e:f}", name: "lib.js") == .script)
    }

    @Test("prose with semicolons and a bracketed note is still an article")
    func proseIsNotCode() {
        #expect(kind(article) == nil)
        #expect(kind("[Updated] " + article) == nil, "a bracket that opens no JSON")
        #expect(kind("{Breaking} " + article) == nil)
    }

    @Test("JSON is a whole JSON document; a .json name takes one cut short too")
    func json() {
        #expect(kind("{\n  \"weather\": { \"high\": 14, \"low\": 6 },\n  \"items\": [1, 2, 3]\n}\n") == .json)
        #expect(kind("[{\"title\": \"one\"}, {\"title\": \"two\"}]") == .json)
        #expect(kind("{\"items\": [1, 2", name: "api/data.json") == .json)
    }

    @Test("XML is told by its root element: sitemap, RSS, Atom, SVG, other data; XHTML is a page")
    func xml() {
        let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        #expect(kind(declaration + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>https://example.com/a</loc></url></urlset>") == .sitemap)
        #expect(kind(declaration + "<sitemapindex><sitemap><loc>https://example.com/s1.xml</loc></sitemap></sitemapindex>") == .sitemap)
        #expect(kind(declaration + "<?xml-stylesheet href=\"feed.xsl\"?>\n<!-- feed -->\n<rss version=\"2.0\"><channel><title>News</title></channel></rss>") == .feed)
        #expect(kind("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>News</title><entry><title>One</title></entry></feed>") == .feed)
        #expect(kind(declaration + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><channel/></rdf:RDF>") == .feed)
        #expect(kind("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><rect width=\"4\" height=\"4\"/></svg>") == .image)
        #expect(kind(declaration + "<oembed><type>video</type><title>Clip</title></oembed>") == .xml)
        let xhtml = declaration + "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Harbour budget</title></head><body><article><p>The council voted on Tuesday to spend more on the harbour walls, and the opposition said the plan came too late for this winter.</p></article></body></html>"
        #expect(kind(xhtml) == nil)
    }

    @Test("robots.txt is rules only: user agents, allow and disallow lines, sitemaps, comments")
    func robots() {
        #expect(kind("# rules\nUser-agent: *\nDisallow: /search\nAllow: /\n\nSitemap: https://example.com/sitemap.xml\n") == .robots)
        #expect(kind("Disallow: /search\n") == nil, "no user agent or sitemap named")
        #expect(kind("User-agent: *\nDisallow: /\nThe council voted on Tuesday.\n") == nil, "a line of prose")
    }

    @Test("binary formats are known by their magic numbers, whatever the name; unknown binary under a page's name is damage")
    func binaries() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        #expect(kind(png, name: "photo.html") == .image)
        #expect(kind(Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8), name: "x") == .image)
        #expect(kind(Array("%PDF-1.7\n".utf8), name: "report") == .binary)
        #expect(kind(Array("wOF2".utf8) + [0, 1, 0, 0], name: "font") == .binary)
        let zeros = [UInt8](repeating: 0, count: 64)
        #expect(kind(zeros, name: "blob.bin") == .binary)
        #expect(throws: ReadError(path: "page.html", reason: .binary("contains NUL bytes"))) { try ArticleReader().read(zeros, name: "page.html") }
        #expect(throws: ReadError(path: "notes.txt.gz", reason: .binary("contains NUL bytes"))) { try ArticleReader().read(zeros, name: "notes.txt.gz") }
    }

    @Test("the messages name the format")
    func messages() {
        #expect(ReadError(path: "a.png", reason: .notArticle(.image, "PNG image")).description == "a.png: binary file (PNG image), not an article")
        #expect(ReadError(path: "feed.xml", reason: .notArticle(.feed, "RSS feed")).description == "feed.xml: RSS feed, not an article")
    }
}
