/// What a file that is not an article is, as a crawler's mirror holds them beside the pages:
/// `wget --mirror` and HTTrack save everything a site serves. Recognised by content, with the
/// file name as a hint only where the content alone cannot tell (see ``ArticleReader``).
public enum NonArticleKind: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    /// CSS.
    case stylesheet
    /// JavaScript.
    case script
    /// A JSON document (an API answer, a manifest).
    case json
    /// An XML sitemap (`<urlset>`, `<sitemapindex>`).
    case sitemap
    /// A news feed: RSS (`<rss>`, RSS 1.0's `<rdf:RDF>`) or Atom (`<feed>`).
    case feed
    /// Other XML data (not XHTML).
    case xml
    /// A site's `robots.txt` rules.
    case robots
    /// A picture: PNG, JPEG, GIF, WebP, AVIF, SVG, icons.
    case image
    /// Any other binary file: PDF, archives, fonts, media, executables, databases.
    case binary
}
