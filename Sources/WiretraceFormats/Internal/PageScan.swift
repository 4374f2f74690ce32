import Wiretrace
/// One walk over a parsed page that gathers what the reader needs: per element, its
/// visible text, link text and readability score; and the metadata the page declares in
/// `<head>` and in the body (`meta`, `link`, `itemprop`, `<time>`, date and byline elements).
struct PageScan {
    struct Element {
        var node: HTMLNode
        var tag: HTMLTag
        var parent: Int32
        var textBytes: Int32 = 0
        var linkBytes: Int32 = 0
        var commas: Int32 = 0
        var score: Float = 0
        var hasBlockChild = false
        /// Tag, class, id or role say "not the article" (nav, share bar, related stories...).
        var negativeReason: String?
        /// Class, id or itemprop say "the article's text".
        var positive = false
        var isArticleBody = false
        /// Class, id or itemprop name the article's lead (standfirst, teaser, intro, summary).
        var isLead = false

        var linkDensity: Float { textBytes == 0 ? 0 : Float(linkBytes) / Float(textBytes) }
    }

    struct TimeElement {
        var datetime: String?
        var text: String
        var pubdate: Bool
        var element: Int
    }

    var elements: [Element] = []
    /// `meta` key (property, name, itemprop or http-equiv, lower-cased) and content, in page order.
    var metas: [(key: String, content: String)] = []
    var links: [(rel: String, href: String)] = []
    var titleText: String?
    var language: String?
    /// `h1` texts and their elements.
    var headings: [(text: String, element: Int)] = []
    /// `itemprop` values of body elements: name, value, element.
    var itemprops: [(name: String, value: String, element: Int)] = []
    var timeElements: [TimeElement] = []
    /// Short texts of elements whose class or id speaks of dates, bylines or authors.
    var labelled: [(hint: String, text: String, element: Int)] = []
    /// Short texts outside links that look like a date ("06.12.2022", "5 March 2024"), with their element.
    var dateTexts: [(text: String, element: Int)] = []
    /// The first short texts inside links that may be dates (a teaser's), for pages with no other date.
    var linkedDateTexts: [(text: String, element: Int)] = []
    /// hAtom `class="published|updated" title="..."`.
    var microformatTimes: [(kind: String, value: String, element: Int)] = []
    var bodyIndex: Int?

    init(root: HTMLNode) {
        elements.reserveCapacity(2048)
        visit(root, parent: -1, inLink: false)
    }

    /// Visits an element; returns its visible text bytes, link bytes and commas.
    private mutating func visit(_ node: HTMLNode, parent: Int32, inLink: Bool) {
        let tag = node.tag
        switch tag {
        case .head:
            readHead(node)
            return
        case .meta:
            readMeta(node)
            return
        case .link:
            if let rel = node.attribute("rel"), let href = node.attribute("href") { links.append((rel.lowercased(), href)) }
            return
        case .title:
            if titleText == nil { titleText = node.textContent }
            return
        case .html:
            language = node.attribute("lang") ?? node.attribute("xml:lang")
        default:
            if tag.isInvisible { return }
        }
        var hidden = false
        var role: String?, itemprop: String?
        var classHint = ClassHint()
        var hasClass = false
        node.forEachAttribute { name, value in
            if HTMLNode.name(name, is: "class") || HTMLNode.name(name, is: "id") {
                classHint.read(value)
                hasClass = true
            } else if HTMLNode.name(name, is: "style") {
                if PageScan.hidesElement(style: value) { hidden = true }
            } else if HTMLNode.name(name, is: "hidden") {
                hidden = true
            } else if HTMLNode.name(name, is: "role") {
                role = String(decoding: value, as: UTF8.self)
            } else if HTMLNode.name(name, is: "itemprop") {
                itemprop = String(decoding: value, as: UTF8.self)
            }
        }
        if hidden { return }
        classHint.finish()

        let index = elements.count
        node.mark = index + 1
        var element = Element(node: node, tag: tag, parent: parent)
        if tag == .body { bodyIndex = index }
        if parent >= 0, tag.isBlock { elements[Int(parent)].hasBlockChild = true }
        switch tag {
        case .nav: element.negativeReason = "navigation"
        case .footer: element.negativeReason = "footer"
        case .aside: element.negativeReason = "aside"
        case .header: element.negativeReason = "header"
        case .form: element.negativeReason = "form"
        case .menu: element.negativeReason = "menu"
        default: break
        }
        if let role {
            switch role {
            case "navigation", "menubar", "menu": element.negativeReason = "navigation"
            case "contentinfo": element.negativeReason = "footer"
            case "complementary": element.negativeReason = "aside"
            case "banner": element.negativeReason = "header"
            case "main", "article": element.positive = true
            default: break
            }
        }
        if hasClass {
            if classHint.isPositive { element.positive = true }
            if classHint.isLead { element.isLead = true }
            if let reason = classHint.negativeReason { element.negativeReason = reason }
        }
        if let itemprop {
            readItemprop(itemprop, node, index)
            if itemprop.contains("articleBody") || itemprop.contains("reviewBody") { element.isArticleBody = true; element.positive = true }
            if itemprop == "description" || itemprop == "abstract" { element.isLead = true }
        }
        if tag == .time {
            timeElements.append(TimeElement(datetime: node.attribute("datetime"), text: "", pubdate: node.hasAttribute("pubdate"), element: index))
        } else if tag == .abbr, let seconds = node.attribute("data-utime").flatMap({ Int64($0) }), seconds > 0 {
            // `<abbr title="Friday, 6 October 2017 at 04:00" data-utime="1507255200">`: a <time> by another
            // name, its instant in Unix seconds.
            timeElements.append(TimeElement(datetime: Timestamp(secondsSince1970: seconds).iso8601(), text: "", pubdate: false, element: index))
        }
        elements.append(element)

        let linked = inLink || tag == .a
        var text: Int32 = 0, commas: Int32 = 0, link: Int32 = 0
        var child = node.firstChild
        while let current = child {
            if current.isText {
                current.withText { bytes in
                    let visible = Int32(Whitespace.visibleCount(bytes))
                    text += visible
                    if linked { link += visible }
                    commas += PageScan.commaCount(bytes)
                    if visible >= 6, visible <= 60, PageScan.mayBeDate(bytes) {
                        if !linked, dateTexts.count < 40 {
                            dateTexts.append((String(decoding: bytes, as: UTF8.self).trimmed, index))
                        } else if linked, linkedDateTexts.count < 8 {
                            linkedDateTexts.append((String(decoding: bytes, as: UTF8.self).trimmed, index))
                        }
                    }
                }
            } else if current.isElement {
                let before = elements.count
                visit(current, parent: Int32(index), inLink: linked)
                if elements.count > before {
                    text += elements[before].textBytes
                    link += elements[before].linkBytes
                    commas += elements[before].commas
                }
            }
            child = current.nextSibling
        }
        elements[index].textBytes = text
        elements[index].linkBytes = link
        elements[index].commas = commas
        // A form that holds text (a shop's product page, an ASP.NET page wrapped in one) is not a search box.
        if tag == .form, elements[index].negativeReason == "form", text >= 300, link * 2 <= text {
            elements[index].negativeReason = nil
        }

        if tag == .time || tag == .abbr, let last = timeElements.indices.last, timeElements[last].element == index, text < 200 {
            timeElements[last].text = node.textContent
        }
        if hasClass, text < 160, labelled.count < 40, let hint = classHint.metadataHint {
            if text > 0 { labelled.append((hint, node.textContent, index)) }
            // The hAtom `published`/`updated` title, also on an empty element (`<span class="updated" title="…">`).
            if hint == "published" || hint == "updated", let title = node.attribute("title") {
                microformatTimes.append((hint, title, index))
            }
        }
        if tag == .h1, text > 0, headings.count < 8 { headings.append((node.textContent, index)) }
    }

    private mutating func readHead(_ head: HTMLNode) {
        var child = head.firstChild
        while let current = child {
            if current.isElement {
                switch current.tag {
                case .meta: readMeta(current)
                case .link:
                    if let rel = current.attribute("rel"), let href = current.attribute("href") { links.append((rel.lowercased(), href)) }
                case .title: if titleText == nil { titleText = current.textContent }
                default: break
                }
            }
            child = current.nextSibling
        }
    }

    private mutating func readMeta(_ node: HTMLNode) {
        guard let content = node.attribute("content") else { return }
        if let itemprop = node.attribute("itemprop") {
            itemprops.append((itemprop, content, node.parent?.mark ?? 0 - 1))
        }
        guard let key = node.attribute("property") ?? node.attribute("name") ?? node.attribute("http-equiv") else { return }
        metas.append((key.lowercased().trimmed, content.trimmed))
    }

    private mutating func readItemprop(_ name: String, _ node: HTMLNode, _ index: Int) {
        switch name {
        case "datePublished", "dateModified", "dateCreated", "uploadDate", "dateUpdated":
            let value = node.attribute("content") ?? node.attribute("datetime") ?? node.textContent
            itemprops.append((name, value, index))
        case "author", "creator":
            if let content = node.attribute("content") { itemprops.append((name, content, index)) } else {
                itemprops.append((name, node.textContent, index))
            }
        case "headline", "name", "publisher", "url":
            if let content = node.attribute("content") ?? (name == "url" ? node.attribute("href") : nil) {
                itemprops.append((name, content, index))
            } else if name == "headline" {
                itemprops.append((name, node.textContent, index))
            }
        default: break
        }
    }

    /// At least four digits, and a year-like run of four: cheap before a real parse.
    static func mayBeDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = 0, run = 0, longest = 0
        for byte in bytes {
            if byte &- 0x30 < 10 { digits += 1; run += 1; longest = max(longest, run) } else { run = 0 }
        }
        return digits >= 4 && longest >= 2 && digits <= 14
    }

    /// `display:none` or `visibility:hidden` in a `style` attribute.
    static func hidesElement(style: UnsafeBufferPointer<UInt8>) -> Bool {
        var compact: [UInt8] = []
        compact.reserveCapacity(style.count)
        for byte in style where !Whitespace.isSpace(byte) { compact.append(byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0)) }
        return compact.withUnsafeBufferPointer { buffer in
            MarkupFilter.findSequence(Array("display:none".utf8), in: buffer, from: 0) != nil
                || MarkupFilter.findSequence(Array("visibility:hidden".utf8), in: buffer, from: 0) != nil
        }
    }

    static func commaCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        var count: Int32 = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ",") { count += 1 }
            // '،' (D8 8C) and '，' (EF BC 8C), '、' (E3 80 81)
            else if byte == 0xD8, index + 1 < bytes.count, bytes[index + 1] == 0x8C { count += 1 }
            else if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBC, bytes[index + 2] == 0x8C { count += 1 }
            else if byte == 0xE3, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x81 { count += 1 }
            index += 1
        }
        return count
    }

    /// Whether element `index` lies inside element `ancestor` (or is it).
    func isInside(_ index: Int, _ ancestor: Int) -> Bool {
        var current = index
        while current >= 0 {
            if current == ancestor { return true }
            current = Int(elements[current].parent)
        }
        return false
    }
}

/// What the words of a `class` or `id` say about an element.
///
/// Each class name (and the id) is split into words at '-' and '_', lower-cased; camelCase
/// is lower-cased whole. A name with a negative word ("article-comments", "post-footer") is
/// negative; one with only positive words ("entry-content") is positive and wins over
/// negative names beside it ("entry-content share-enabled"). Words are compared as bytes.
struct ClassHint {
    var isPositive = false
    var negativeReason: String?
    /// "published", "updated", "date", "byline" for elements that hold such metadata.
    var metadataHint: String?
    /// A word names the article's lead ("article-intro", "Post__lead", "standfirst").
    var isLead = false

    private var anyPurelyPositive = false

    /// Reads one attribute value (a list of class names, or an id).
    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) {
        var word: (UInt64, Int) = (ClassHint.offset, 0)
        var start = 0
        var nameNegative: String?, lastNegative: String?
        var sawWord = false, inModifier = false, stateName = false
        var namePositive = false
        var index = 0
        while index <= bytes.count {
            let byte = index < bytes.count ? bytes[index] : 0x20
            let endsName = Whitespace.isSpace(byte)
            if endsName || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") {
                // A BEM modifier ("o-section--has-ads", "Section--Ads") describes a state, not what
                // the element is: words after "--" are not read. Neither are state names
                // ("has-sidebar", "no-comments", "is-sticky").
                if byte == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") { inModifier = true }
                if word.1 > 0 && !inModifier && !stateName {
                    if !sawWord && word.1 <= 4 && ClassHint.stateWords.contains(word.0) {
                        stateName = true
                        nameNegative = nil
                    }
                }
                if word.1 > 0 && (inModifier || stateName) {
                    // Modifier and state words still say what metadata an element holds ("field--name-post-date").
                    _ = consider(word.0, UnsafeBufferPointer(rebasing: bytes[start..<index]))
                } else if word.1 > 0 {
                    let (negative, positive) = consider(word.0, UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    // Only the first real word or the last one names what an element is
                    // ("comments-area", "post-comments"); one in the middle describes a layout
                    // ("c-fixed-sidebar-layout", "has-sidebar-left").
                    if word.1 > 2 && !sawWord { nameNegative = negative; sawWord = true }
                    lastNegative = negative
                    namePositive = namePositive || positive
                }
                word = (ClassHint.offset, 0)
                start = index + 1
                if endsName {
                    if let negative = nameNegative ?? lastNegative {
                        negativeReason = negativeReason ?? negative
                    } else if namePositive {
                        anyPurelyPositive = true
                    }
                    nameNegative = nil
                    lastNegative = nil
                    sawWord = false
                    namePositive = false
                    inModifier = false
                    stateName = false
                }
            } else {
                let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                word = ((word.0 ^ UInt64(lower)) &* ClassHint.prime, word.1 + 1)
            }
            index += 1
        }
    }

    mutating func finish() {
        isPositive = anyPurelyPositive
        if anyPurelyPositive { negativeReason = nil }
    }

    /// First words of class names that state a condition rather than a kind.
    private static let stateWords: Set<UInt64> = Set(["has", "with", "no", "is", "show", "hide", "js"].map { word -> UInt64 in
        var value = offset
        for byte in word.utf8 { value = (value ^ UInt64(byte)) &* prime }
        return value
    })

    private static let offset: UInt64 = 0xcbf29ce484222325
    private static let prime: UInt64 = 0x100000001b3

    private static func hash(_ word: String) -> UInt64 {
        var value = offset
        for byte in word.utf8 { value = (value ^ UInt64(byte)) &* prime }
        return value
    }

    private struct Entry {
        var negative: String?
        var positive = false
        var metadata: String?
        var lead = false
    }

    private mutating func consider(_ key: UInt64, _ raw: UnsafeBufferPointer<UInt8>) -> (negative: String?, positive: Bool) {
        var negative: String?
        var positive = false
        if let entry = ClassHint.entry(for: key) {
            negative = entry.negative
            positive = entry.positive
            if metadataHint == nil { metadataHint = entry.metadata }
            if entry.lead { isLead = true }
        }
        if negative == nil && !positive && raw.count >= 4 {
            for (prefix, entry) in ClassHint.prefixes where raw.count >= prefix.count && ClassHint.hasPrefix(raw, prefix) {
                negative = negative ?? entry.negative
                positive = positive || entry.positive
                if metadataHint == nil { metadataHint = entry.metadata }
            }
            if metadataHint == nil && ClassHint.hasSuffix(raw, ClassHint.dateBytes) { metadataHint = "date" }
        }
        return (negative, positive)
    }

    private static func hasPrefix(_ raw: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        for index in 0..<prefix.count {
            let byte = raw[index]
            if (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) != prefix[index] { return false }
        }
        return true
    }

    private static func hasSuffix(_ raw: UnsafeBufferPointer<UInt8>, _ suffix: [UInt8]) -> Bool {
        guard raw.count >= suffix.count else { return false }
        let start = raw.count - suffix.count
        for index in 0..<suffix.count {
            let byte = raw[start + index]
            if (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) != suffix[index] { return false }
        }
        return true
    }

    private static let dateBytes = Array("date".utf8)

    private static let negativeWords: [String: String] = [
        "nav": "navigation", "navbar": "navigation", "menu": "navigation", "breadcrumb": "navigation", "breadcrumbs": "navigation",
        "pagination": "navigation", "pager": "navigation", "footer": "footer", "header": "header", "masthead": "header",
        "sidebar": "sidebar", "share": "share bar", "sharing": "share bar",
        "social": "share bar", "sharebar": "share bar", "sharethis": "share bar", "addthis": "share bar",
        "comment": "comments", "comments": "comments", "disqus": "comments", "respond": "comments", "replies": "comments",
        "related": "related stories", "recommended": "related stories", "recommendations": "related stories",
        "popular": "related stories", "trending": "related stories", "outbrain": "related stories", "taboola": "related stories",
        "newsletter": "newsletter box", "subscribe": "newsletter box", "subscription": "newsletter box", "signup": "newsletter box",
        "ad": "advertisement", "ads": "advertisement", "advert": "advertisement", "advertisement": "advertisement",
        "banner": "advertisement", "sponsored": "advertisement", "promo": "advertisement", "dfp": "advertisement",
        "cookie": "cookie notice", "cookies": "cookie notice", "consent": "cookie notice", "gdpr": "cookie notice",
        "popup": "popup", "modal": "popup", "overlay": "popup", "tags": "tags", "tagcloud": "tags", "keywords": "tags",
        "print": "furniture", "toolbar": "furniture", "rating": "furniture", "login": "furniture", "skip": "furniture",
        "bio": "author box", "author": "byline", "byline": "byline", "authors": "byline", "caption": "image caption",
        "credit": "image caption", "credits": "image caption", "wp-caption-text": "image caption", "readmore": "related stories", "teasers": "related stories",
        "noprint": "furniture", "jump": "navigation", "categories": "navigation",
        "breaking": "related stories", "ticker": "related stories",
        "ratings": "furniture", "disclaimer": "disclaimer", "disclosure": "disclaimer", "cta": "call to action",
        "paywall": "paywall", "aside": "aside", "copyright": "copyright", "legend": "image caption", "legende": "image caption",
    ]
    private static let negativePrefixes: [(String, String)] = [
        ("navig", "navigation"), ("breadcrumb", "navigation"), ("footer", "footer"), ("sidebar", "sidebar"),
        ("share", "share bar"), ("social", "share bar"), ("comment", "comments"), ("related", "related stories"),
        ("recommend", "related stories"), ("newsletter", "newsletter box"), ("subscri", "newsletter box"),
        ("advert", "advertisement"), ("sponsor", "advertisement"), ("outbrain", "related stories"), ("taboola", "related stories"),
        ("cookie", "cookie notice"), ("mostread", "related stories"), ("mostpopular", "related stories"),
        ("paywall", "paywall"), ("kommentar", "comments"),
    ]
    private static let positiveWords: [String] = [
        "article", "articlebody", "body", "content", "entry", "main", "post", "story", "text", "storybody", "postbody",
        "entrycontent", "postcontent", "articlecontent", "storycontent", "articletext", "richtext", "prose",
    ]
    private static let positivePrefixes = ["articlebody", "storybody", "postbody", "entrycontent", "articlecontent", "postcontent"]
    private static let metadataWords: [String: String] = [
        "pubdate": "published", "posted": "published", "postdate": "published", "time": "date", "timestamp": "date",
        "dateline": "date", "date": "date",
    ]
    /// What newsrooms call the paragraph set between the headline and the text.
    private static let leadWords = [
        "lead", "lede", "intro", "introduction", "standfirst", "teaser", "excerpt", "summary", "subtitle", "subheadline", "deck",
        "abstract", "description", "chapeau", "chapo", "vorspann",
    ]
    private static let metadataPrefixes: [(String, String)] = [
        ("publish", "published"), ("updated", "updated"), ("modified", "updated"), ("date", "date"), ("byline", "byline"),
        ("author", "byline"),
    ]

    /// The words' entries in an open-addressing table keyed by their FNV-1a hash (already
    /// well mixed, so its low bits index the table): a `Dictionary` lookup hashed the hash again
    /// and was a tenth of the page walk.
    private static let table: (keys: [UInt64], entries: [Entry?]) = {
        var keys = [UInt64](repeating: 0, count: 1024)
        var entries = [Entry?](repeating: nil, count: 1024)
        for (key, entry) in words {
            var slot = Int(key & 1023)
            while entries[slot] != nil { slot = (slot + 1) & 1023 }
            keys[slot] = key
            entries[slot] = entry
        }
        return (keys, entries)
    }()

    @inline(__always) private static func entry(for key: UInt64) -> Entry? {
        var slot = Int(key & 1023)
        while let entry = table.entries[slot] {
            if table.keys[slot] == key { return entry }
            slot = (slot + 1) & 1023
        }
        return nil
    }

    private static let words: [UInt64: Entry] = {
        var table: [UInt64: Entry] = [:]
        for (word, reason) in negativeWords { table[hash(word), default: Entry()].negative = reason }
        for word in positiveWords { table[hash(word), default: Entry()].positive = true }
        for (word, hint) in metadataWords { table[hash(word), default: Entry()].metadata = hint }
        for (prefix, hint) in metadataPrefixes { table[hash(prefix), default: Entry()].metadata = hint }
        for word in leadWords { table[hash(word), default: Entry()].lead = true }
        return table
    }()

    private static let prefixes: [([UInt8], Entry)] = {
        var list: [([UInt8], Entry)] = []
        for (prefix, reason) in negativePrefixes { list.append((Array(prefix.utf8), Entry(negative: reason))) }
        for prefix in positivePrefixes { list.append((Array(prefix.utf8), Entry(positive: true))) }
        for (prefix, hint) in metadataPrefixes { list.append((Array(prefix.utf8), Entry(metadata: hint))) }
        return list
    }()
}
