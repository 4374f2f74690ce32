import Wiretrace

/// What a page declares about itself, read from `<head>`, JSON-LD, microdata and the URL.
struct HTMLMetadata {
    /// A time the page declares, before it is parsed.
    struct TimeSignal {
        /// How much a signal is trusted: declared metadata, then marked elements, then visible
        /// labels and the first `<time>`, then the URL. Only the best tier with a created time is used.
        enum Tier: Int, Comparable {
            case declared = 0, marked, visible, url
            static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }
        }
        var kind: ArticleTime.Kind
        var text: String
        var source: String
        var tier: Tier
        /// For visible dates, the ``DatePlacement`` rank of where the page shows it; within a
        /// tier only the best-placed dates are used. Declared times all rank 0.
        var rank = 0
        /// Whether a reader sees the date: false for a `<time datetime>` with no text.
        var isShown = true
        /// A declared date that does not say which date it is (``HTMLMetadata/genericDateKeys``):
        /// ranked as if shown where the article's text begins (``PageTimes``).
        var isGeneric = false
        /// A publication time in the vocabularies made for it (Open Graph's
        /// `article:published_time`, schema.org's `datePublished`): other declared created
        /// times (`dcterms.created`, `pubdate`, ...) yield to it.
        var isPrimary = false
        /// A date the page labels as its publication ("Published", "Erstellt am"), or marks as a
        /// date (`<time>`, a class naming a date) outside the text: a bare `date` meta yields to it (``PageTimes``).
        var isMarked = false
    }

    var title: String?
    var siteName: String?
    var canonicalURL: String?
    var byline: String?
    /// Author names from metadata, with where they were found (for agency credits).
    var authors: [(name: String, location: String)] = []
    var times: [TimeSignal] = []
    var language: String?
    /// The page's Open Graph locale (`en_US`), whose region names its country when `<html lang>` does not.
    var locale: String?
    /// The page's share image (`og:image`), whose path often carries the upload day.
    var imageURL: String?
    /// Where a `<meta http-equiv="refresh">` sends the reader.
    var refreshURL: String?

    init(scan: PageScan, jsonLD: [[UInt8]]) {
        language = scan.language
        var ogTitle: String?, twitterTitle: String?, ogURL: String?
        var metaAuthor: String?
        for (key, content) in scan.metas where !content.isEmpty {
            switch key {
            case "og:title": ogTitle = ogTitle ?? content
            case "twitter:title": twitterTitle = twitterTitle ?? content
            case "og:site_name", "application-name", "al:android:app_name", "twitter:app:name:iphone":
                siteName = siteName ?? content
            case "og:url", "twitter:url": ogURL = ogURL ?? content
            case "og:image", "twitter:image": imageURL = imageURL ?? content.trimmed
            case "og:locale": locale = locale ?? content
            case "refresh":
                // `0; url=https://…`: the address the page sends its reader to.
                let bytes = Array(content.utf8)
                let lower = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
                if let start = lower.withUnsafeBufferPointer({ MarkupFilter.findSequence(Array("url=".utf8), in: $0, from: 0) }) {
                    let target = String(decoding: bytes[(start + 4)...], as: UTF8.self)
                        .trimmed.trimmingPrefix { $0 == "'" || $0 == "\"" }.prefix { $0 != "'" && $0 != "\"" }
                    if !target.isEmpty { refreshURL = refreshURL ?? String(target) }
                }
            case "author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author", "dcterms.creator":
                if !content.hasPrefix("http") { metaAuthor = metaAuthor ?? content }
            default:
                if HTMLMetadata.genericDateKeys.contains(key) {
                    // A bare "date" is whatever the CMS stamped (often the last change): a date shown
                    // between the headline and the text says more; dates inside the text do not.
                    times.append(TimeSignal(kind: .created, text: content, source: "meta \(key)", tier: .visible,
                                            rank: DatePlacement.above - 1, isGeneric: true))
                } else if let kind = HTMLMetadata.metaTimeKeys[key] {
                    times.append(TimeSignal(kind: kind, text: content, source: "meta \(key)", tier: .declared,
                                            isPrimary: HTMLMetadata.primaryPublishedKeys.contains(key)))
                }
            }
        }
        for (rel, href) in scan.links where rel.split(separator: " ").contains("canonical") && !href.isEmpty {
            canonicalURL = canonicalURL ?? href
        }
        if canonicalURL == nil || !(canonicalURL!.hasPrefix("http")), let ogURL, ogURL.hasPrefix("http") { canonicalURL = ogURL }

        // JSON-LD: the article object's dates, headline, author and publisher.
        var ldHeadline: String?
        for object in HTMLMetadata.articleObjects(jsonLD) {
            let type = object.type
            if let published = object.value["datePublished"]?.string {
                times.append(TimeSignal(kind: .created, text: published, source: "JSON-LD \(type).datePublished", tier: .declared,
                                        isPrimary: true))
            } else if let created = object.value["dateCreated"]?.string {
                times.append(TimeSignal(kind: .created, text: created, source: "JSON-LD \(type).dateCreated", tier: .declared))
            }
            if let modified = object.value["dateModified"]?.string {
                times.append(TimeSignal(kind: .updated, text: modified, source: "JSON-LD \(type).dateModified", tier: .declared))
            }
            ldHeadline = ldHeadline ?? object.value["headline"]?.string
            for author in object.value["author"]?.elements ?? [] {
                if let name = author.string ?? author["name"]?.string, !name.isEmpty, !name.hasPrefix("http") {
                    authors.append((name.trimmed, "JSON-LD author"))
                }
            }
            if siteName == nil, let publisher = object.value["publisher"]?.elements.first, let name = publisher["name"]?.string {
                siteName = name
            }
            // Only the first article-like object speaks for the page.
            if object.isArticle { break }
        }
        // No article or page object dates the page: the first object of any type that has a
        // publication date (a HowTo, a recipe, a video page), below declared times.
        if !times.contains(where: { $0.kind == .created && $0.source.hasPrefix("JSON-LD") }),
           let (type, published) = HTMLMetadata.firstPublished(jsonLD) {
            times.append(TimeSignal(kind: .created, text: published, source: "JSON-LD \(type).datePublished", tier: .marked))
        }

        // Microdata and <time>.
        // dateCreated is when the record was made; with a datePublished beside it, that is the publication.
        let hasPublished = scan.itemprops.contains { $0.name == "datePublished" && !$0.value.isEmpty }
        for (name, value, _) in scan.itemprops where !value.isEmpty {
            switch name {
            case "datePublished", "dateCreated":
                if name == "dateCreated" && hasPublished { continue }
                times.append(TimeSignal(kind: .created, text: value, source: "itemprop \(name)", tier: .declared,
                                        isPrimary: name == "datePublished"))
            case "dateModified", "dateUpdated":
                times.append(TimeSignal(kind: .updated, text: value, source: "itemprop \(name)", tier: .declared))
            case "author", "creator":
                if value.count < 80 { authors.append((value, "itemprop \(name)")) }
            default: break
            }
        }
        for time in scan.timeElements where time.pubdate {
            times.append(TimeSignal(kind: .created, text: time.datetime ?? time.text, source: "<time pubdate>", tier: .marked))
        }
        for (kind, value, _) in scan.microformatTimes {
            times.append(TimeSignal(kind: kind == "updated" ? .updated : .created, text: value, source: "class \"\(kind)\" title", tier: .marked))
        }

        if let metaAuthor { authors.insert((metaAuthor, "meta author"), at: 0) }
        for (hint, text, _) in scan.labelled where hint == "byline" {
            if let name = HTMLMetadata.bylineName(text) { authors.append((name, "byline element")); break }
        }
        byline = authors.first?.name

        let site = siteName
        title = [ogTitle, twitterTitle, ldHeadline, scan.headings.first?.text, scan.titleText]
            .lazy.compactMap { $0?.trimmed }.first { !$0.isEmpty }
            .map { HTMLMetadata.removingSiteSuffix($0, site: site) }
    }

    /// The host of the canonical URL without `www.`.
    var host: String? {
        guard let url = canonicalURL, let range = url.firstRange(of: "://") else { return nil }
        var host = url[range.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        if host.hasPrefix("www.") { host = host.dropFirst(4) }
        return host.isEmpty ? nil : host.lowercased()
    }

    /// `/2019/10/19/`, `/2019-10-19/`, `/20191019/` in the canonical URL path.
    var urlDate: String? { canonicalURL.flatMap(HTMLMetadata.pathDate) }

    /// The upload day in the path of the share image: a CMS files uploads by day
    /// (`/uploads/2020/10/13/`) or names them by their time (`20201013094512.jpg`).
    var imageDate: String? {
        guard let url = imageURL else { return nil }
        if let day = HTMLMetadata.pathDate(url) { return day }
        // A file name opening with a timestamp, YYYYMMDDhhmmss.
        let name = url.split(separator: "/").last.map { $0.prefix { $0 != "?" && $0 != "." } } ?? ""
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        guard digits.count >= 14, let hour = Int(digits.dropFirst(8).prefix(2)), hour < 24,
              let minute = Int(digits.dropFirst(10).prefix(2)), minute < 60 else { return nil }
        return HTMLMetadata.pathDate("/" + digits.prefix(8) + "/")
    }

    /// The first date in a URL's path, in the ways CMSs write it.
    static func pathDate(_ url: String) -> String? {
        let path = url.firstRange(of: "://").map { String(url[$0.upperBound...].drop { $0 != "/" }) } ?? url
        let parts = path.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "_" || $0 == "." })
        for (index, part) in parts.enumerated() where part.count == 4 || part.count == 8 {
            guard part.allSatisfy({ $0.isASCII && $0.isNumber }) else { continue }
            if part.count == 8, let year = Int(part.prefix(4)), (1995...2100).contains(year),
               let month = Int(part.dropFirst(4).prefix(2)), (1...12).contains(month),
               let day = Int(part.suffix(2)), (1...31).contains(day) {
                return "\(part.prefix(4))-\(part.dropFirst(4).prefix(2))-\(part.suffix(2))"
            }
            guard let year = Int(part), (1995...2100).contains(year), index + 2 < parts.count,
                  parts[index + 1].count <= 2, let month = Int(parts[index + 1]), (1...12).contains(month),
                  parts[index + 2].count <= 2, let day = Int(parts[index + 2]), (1...31).contains(day)
            else { continue }
            return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        }
        return nil
    }

    /// Meta names of the publication time in Open Graph's vocabulary.
    static let primaryPublishedKeys: Set<String> = ["article:published_time", "og:article:published_time", "og:published_time"]

    /// Meta names that say "a date" without saying which: weaker than a date shown by the headline.
    static let genericDateKeys: Set<String> = ["date", "dc.date", "dcterms.date"]

    static let metaTimeKeys: [String: ArticleTime.Kind] = {
        let created = [
            "article:published_time", "article:published", "og:published_time", "og:article:published_time", "published_time",
            "article_date_original", "article.published", "article.created", "pubdate", "publishdate", "publish-date",
            "publish_date", "published-date", "published_date", "date_published", "datepublished", "date", "dc.date",
            "dc.date.issued", "dc.date.created", "dc.created", "dcterms.created", "dcterms.date", "dcterms.issued",
            "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime", "citation_publication_date", "citation_date",
            "originalpublicationdate", "bt:pubdate", "pub_date", "creation_date", "rnews:datepublished", "release_date",
            "article:post_date", "og:pubdate", "displaydate", "dateline", "publication_date", "created", "datecreated",
            "vr:published_time", "nv:date", "article_published_time", "pdate", "ptime", "created_at", "post_date",
        ]
        let updated = [
            "article:modified_time", "article:modified", "og:updated_time", "article:updated_time", "modified_time",
            "updated_time", "last-modified", "lastmod", "last_modified", "dcterms.modified", "dc.date.modified",
            "datemodified", "date_modified", "article.updated", "revised", "og:modified_time", "mtime", "utime",
            "sailthru.lastmodified", "parsely-updated", "updated", "updated_at", "last-updated", "article_modified_time",
        ]
        var table: [String: ArticleTime.Kind] = [:]
        for key in created { table[key] = .created }
        for key in updated { table[key] = .updated }
        return table
    }()

    // MARK: JSON-LD

    /// The type and `datePublished` of the first JSON-LD object, of any type, nested at most a
    /// few levels deep, that has one.
    static func firstPublished(_ blocks: [[UInt8]]) -> (String, String)? {
        func visit(_ value: JSONValue, depth: Int) -> (String, String)? {
            guard depth < 4 else { return nil }
            switch value {
            case .array(let values):
                for item in values { if let found = visit(item, depth: depth + 1) { return found } }
            case .object:
                if let published = value["datePublished"]?.string, !published.isEmpty {
                    return ((value["@type"]?.elements ?? []).compactMap(\.string).first ?? "Thing", published)
                }
                if let graph = value["@graph"] { return visit(graph, depth: depth + 1) }
            default: break
            }
            return nil
        }
        for block in blocks {
            for value in JSONValue.parseAll(block) { if let found = visit(value, depth: 0) { return found } }
        }
        return nil
    }

    struct LDObject {
        var value: JSONValue
        var type: String
        var isArticle: Bool
    }

    private static let articleTypes: Set<String> = [
        "NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
        "BackgroundNewsArticle", "ReviewNewsArticle", "LiveBlogPosting", "Report", "TechArticle", "ScholarlyArticle",
        "SocialMediaPosting", "DiscussionForumPosting", "Review", "Recipe", "Posting", "Blog",
    ]

    /// The objects that describe the page, article types first, then web pages.
    static func articleObjects(_ blocks: [[UInt8]]) -> [LDObject] {
        var found: [LDObject] = []
        func visit(_ value: JSONValue, depth: Int) {
            guard depth < 4 else { return }
            switch value {
            case .array(let values): for item in values { visit(item, depth: depth + 1) }
            case .object:
                if let graph = value["@graph"] { visit(graph, depth: depth + 1) }
                let types = (value["@type"]?.elements ?? []).compactMap(\.string)
                if let article = types.first(where: { articleTypes.contains($0) }) {
                    found.append(LDObject(value: value, type: article, isArticle: true))
                } else if let page = types.first(where: { $0.hasSuffix("WebPage") || $0 == "WebSite" }) {
                    if page != "WebSite" { found.append(LDObject(value: value, type: page, isArticle: false)) }
                    // An article declared as the page's main entity.
                    if let entity = value["mainEntity"] { visit(entity, depth: depth + 1) }
                }
            default: break
            }
        }
        for block in blocks {
            for value in JSONValue.parseAll(block) { visit(value, depth: 0) }
        }
        return found.filter(\.isArticle) + found.filter { !$0.isArticle }
    }

    // MARK: Text helpers

    /// "Storm hits coast | The Daily Ledger" → "Storm hits coast".
    static func removingSiteSuffix(_ title: String, site: String?) -> String {
        for separator in [" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · ", " • ", " / "] {
            guard let range = title.range(of: separator, options: .backwards) else { continue }
            let head = title[..<range.lowerBound].trimmed, tail = title[range.upperBound...].trimmed
            let tailWords = tail.split(separator: " ").count
            if let site, !site.isEmpty, tail.lowercased().contains(site.lowercased()) || site.lowercased().contains(tail.lowercased()) {
                return head
            }
            if tailWords <= 4 && head.split(separator: " ").count >= 3 && head.count > tail.count * 2 { return head }
        }
        return title
    }

    /// "By Jane Doe | Reuters" → "Jane Doe | Reuters"; `nil` for text that is not a byline.
    static func bylineName(_ text: String) -> String? {
        var name = text.trimmed
        for prefix in ["By ", "by ", "BY ", "Von ", "Par ", "Por ", "Di "] where name.hasPrefix(prefix) { name = String(name.dropFirst(prefix.count)) }
        name = name.trimmed
        guard !name.isEmpty, name.count <= 100, name.split(separator: " ").count <= 12 else { return nil }
        return name
    }
}

private extension String {
    /// The last occurrence of `separator`, searched on UTF-8 bytes: the generic
    /// `firstRange(of:)` compares characters and made this search a few percent of a scan.
    func range(of separator: String, options: BackwardsOption) -> Range<String.Index>? {
        let needle = Array(separator.utf8)
        let haystack = Array(utf8)
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var start = haystack.count - needle.count
        while start >= 0 {
            if haystack[start] == first && haystack[start..<(start + needle.count)].elementsEqual(needle) {
                let lower = utf8.index(startIndex, offsetBy: start)
                return lower..<utf8.index(lower, offsetBy: needle.count)
            }
            start -= 1
        }
        return nil
    }
}

private enum BackwardsOption { case backwards }
