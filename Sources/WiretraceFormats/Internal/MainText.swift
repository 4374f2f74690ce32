/// Finds the article's text in a page and cuts it into paragraphs.
///
/// The container is, in order of preference: the element marked `itemprop="articleBody"`
/// when it holds a fair share of the text; otherwise the deepest element that still holds
/// 90% of the page's paragraph text (paragraph-like blocks with at least 20 bytes of their
/// own text and under half of it in links, outside navigation, footers, asides, comments,
/// related stories and the like), preceded by the lead paragraph when the page sets it just
/// before. Text spread over several sections of one element is kept whole that way, which a
/// single best-scoring block (the Readability method, still used when no paragraph text
/// exists) misses. Inside the container, navigation, share bars, newsletter boxes,
/// related-story teasers, comments, bylines, captions, scripts and forms are marked as
/// boilerplate with the reason.
///
/// Paragraph boundaries come from block elements (`p`, `div`, `li`, headings, `blockquote`,
/// two `br` in a row), the same boundaries a plain-text copy of the story has as blank lines.
struct MainText {
    struct Block {
        var text: String
        var textBytes: Int
        var linkBytes: Int
        var tag: HTMLTag
        /// Why the block is not the article's text, when the page says so (class, tag).
        var dropReason: String?
        /// The element the block came from.
        var element: Int
    }

    /// The elements the text was taken from (the container, and siblings joined to it).
    var containers: [Int]
    var blocks: [Block]

    init(scan: PageScan) {
        let holdsArticle = MainText.ancestorsOfMarkedArticle(scan)
        containers = MainText.chooseContainers(scan, holdsArticle: holdsArticle)
        var extractor = Extractor(scan: scan, holdsArticle: holdsArticle)
        for container in containers { extractor.extract(container) }
        blocks = extractor.blocks
    }

    // MARK: Choosing the container

    /// The share of the page's paragraph text the container must hold. Measured on the
    /// evaluation pages (with the furniture rules of the reader): 0.7 gave F1 0.900, 0.8
    /// 0.904, 0.85 0.906, 0.9 0.908, 0.93 0.907, 0.96 0.903, the whole body 0.879.
    static let coverage: Float = 0.9

    static func chooseContainers(_ scan: PageScan, holdsArticle: [Bool]) -> [Int] {
        let elements = scan.elements
        guard let body = scan.bodyIndex ?? (elements.isEmpty ? nil : 0) else { return [] }
        let total = max(1, elements[body].textBytes)
        // A negative element that holds most of the page (a layout wrapper named "sidebar-left"),
        // or the article the page marks as such, is not dropped.
        func isDropped(_ index: Int) -> Bool {
            let element = elements[index]
            guard element.negativeReason != nil, !holdsArticle[index] else { return false }
            return element.textBytes * 2 < total && element.tag != .body
        }
        var droppedAncestor = [Bool](repeating: false, count: elements.count)
        for index in elements.indices {
            let parent = Int(elements[index].parent)
            droppedAncestor[index] = isDropped(index) || (parent >= 0 && droppedAncestor[parent])
        }

        // Score paragraph-like blocks into their ancestors.
        var scores = [Float](repeating: 0, count: elements.count)
        var scored = [Bool](repeating: false, count: elements.count)
        for index in elements.indices where !droppedAncestor[index] {
            let element = elements[index]
            let paragraphLike: Bool
            switch element.tag {
            case .p, .pre, .td, .blockquote: paragraphLike = true
            case .div, .section, .li, .dd: paragraphLike = !element.hasBlockChild
            default: paragraphLike = false
            }
            guard paragraphLike, element.textBytes >= 25 else { continue }
            let own = element.textBytes - element.linkBytes
            guard own >= 20 else { continue }
            let score = 1 + Float(element.commas) + min(Float(element.textBytes) / 100, 3)
            var ancestor = Int(element.parent)
            var level = 0
            while ancestor >= 0, level < 3 {
                if !scored[ancestor] {
                    scored[ancestor] = true
                    scores[ancestor] += initialScore(elements[ancestor])
                }
                scores[ancestor] += score / (level == 0 ? 1 : level == 1 ? 2 : Float(level * 3))
                ancestor = Int(elements[ancestor].parent)
                level += 1
            }
        }
        var best = -1
        var bestScore: Float = 0
        for index in elements.indices where scored[index] {
            let final = scores[index] * (1 - elements[index].linkDensity)
            scores[index] = final
            if final > bestScore { bestScore = final; best = index }
        }

        // The page's own mark for the article text wins when it holds a fair share of it.
        let marked = elements.indices.filter { elements[$0].isArticleBody && !droppedAncestor[$0] }
        if let articleBody = marked.max(by: { elements[$0].textBytes < elements[$1].textBytes }),
           best < 0 || elements[articleBody].textBytes * 3 >= elements[best].textBytes || scan.isInside(best, articleBody) {
            // Several articleBody parts (split by ads) are read one after the other.
            let parts = marked.filter { index in !marked.contains { $0 != index && scan.isInside(index, $0) } }
            return parts.count > 1 ? parts : MainText.withLead(articleBody, scan, droppedAncestor)
        }
        guard best >= 0 else { return [body] }

        // The text may be spread over several sections that no single best block holds: take
        // the deepest element that still holds most of the page's good paragraph text.
        var mass = [Int32](repeating: 0, count: elements.count)
        for index in elements.indices where !droppedAncestor[index] {
            let element = elements[index]
            let paragraphLike: Bool
            switch element.tag {
            case .p, .pre, .blockquote, .h2, .h3, .h4, .li: paragraphLike = true
            // A cell or division that holds blocks is counted through them (a footer inside a cell is not text).
            case .div, .section, .dd, .td: paragraphLike = !element.hasBlockChild
            default: paragraphLike = false
            }
            guard paragraphLike, element.linkDensity < 0.5 else { continue }
            let own = element.textBytes - element.linkBytes
            guard own >= 20 else { continue }
            var ancestor = Int(element.parent)
            while ancestor >= 0 { mass[ancestor] += own; ancestor = Int(elements[ancestor].parent) }
        }
        if mass[body] > 0 {
            var node = body
            while true {
                var bestChild = -1
                var child = elements[node].node.firstChild
                while let current = child {
                    let index = current.mark - 1
                    if current.isElement, index >= 0, index < elements.count, elements[index].node.pointer == current.pointer,
                       !droppedAncestor[index], bestChild < 0 || mass[index] > mass[bestChild] {
                        bestChild = index
                    }
                    child = current.nextSibling
                }
                guard bestChild >= 0, Float(mass[bestChild]) >= Float(mass[body]) * MainText.coverage else { break }
                node = bestChild
            }
            // Measured against keeping the best-scoring block (widened when it held most of the
            // text): the covering element gave F1 0.869 against 0.849.
            return MainText.withLead(node, scan, droppedAncestor)
        }

        // Widen to a semantic ancestor (<article>, <main>, a body-classed element) when it adds little text.
        var top = best
        var ancestor = Int(elements[best].parent)
        while ancestor >= 0, ancestor != body {
            let element = elements[ancestor]
            let semantic = element.tag == .article || element.tag == .main || element.positive
            if semantic, !droppedAncestor[ancestor], element.linkDensity < 0.35,
               Float(element.textBytes) <= Float(elements[top].textBytes) * 1.6 {
                top = ancestor
            }
            ancestor = Int(element.parent)
        }

        // Siblings that score well join the container (text split by ads or images).
        let parent = Int(elements[top].parent)
        guard parent >= 0 else { return [top] }
        let threshold = max(10, scores[best] * 0.2)
        var containers: [Int] = []
        var child = elements[parent].node.firstChild
        while let node = child {
            defer { child = node.nextSibling }
            let index = node.mark - 1
            guard node.isElement, index >= 0, index < elements.count else { continue }
            if index == top { containers.append(index); continue }
            if droppedAncestor[index] { continue }
            let sibling = elements[index]
            if scored[index] && scores[index] >= threshold && sibling.linkDensity < 0.3 {
                containers.append(index)
            } else if sibling.tag == .p, sibling.linkDensity < 0.25, sibling.textBytes > 80 {
                containers.append(index)
            }
        }
        return containers
    }

    /// The share of the page's paragraph text an element the page marks as its article must
    /// hold for its ancestors to be kept whatever their class says.
    static let markedShare: Int32 = 3

    /// For each element, whether it holds an element the page marks as its article
    /// (`itemprop="articleBody"`, a class such as `entry-content` or `post-body`; not a bare
    /// `<article>`, which is also what comments and teasers are written in) that has at least a
    /// third of the page's paragraph text. Pages wrap their whole article in elements whose class
    /// reads negative (a sticky share bar, a "sidebar-and-content" layout, an ASP.NET form, a menu
    /// left unclosed so that the parser nests the rest of the page in it): the mark inside wins.
    static func ancestorsOfMarkedArticle(_ scan: PageScan) -> [Bool] {
        let elements = scan.elements
        var paragraphText = [Int32](repeating: 0, count: elements.count)
        var pageText: Int32 = 0
        for index in elements.indices {
            let element = elements[index]
            guard element.tag == .p || element.tag == .blockquote || element.tag == .pre || (element.tag == .div && !element.hasBlockChild),
                  element.linkDensity < 0.5 else { continue }
            let own = element.textBytes - element.linkBytes
            guard own >= 20 else { continue }
            pageText += own
            var ancestor = Int(element.parent)
            while ancestor >= 0 { paragraphText[ancestor] += own; ancestor = Int(elements[ancestor].parent) }
        }
        var holds = [Bool](repeating: false, count: elements.count)
        guard pageText > 0 else { return holds }
        let marked = elements.indices.filter { index in
            let element = elements[index]
            return (element.isArticleBody || (element.positive && element.tag != .body)) && element.negativeReason == nil
                && paragraphText[index] >= 200 && paragraphText[index] * markedShare >= pageText
        }
        // The mark with the most text is the article, and so is a mark inside it that holds most of
        // its text (the post body of an article). Others (a comment form named "main-comment-form",
        // a teaser) are not.
        guard let best = marked.max(by: { paragraphText[$0] < paragraphText[$1] }) else { return holds }
        for index in marked where paragraphText[index] * 2 > paragraphText[best] && scan.isInside(index, best) {
            // A <header> around an article is one the parser left open (a forum's posts nest in the
            // previous post's header), and a popup shows another page: they and what is above them
            // stay as they read.
            var ancestor = index
            while ancestor >= 0, !holds[ancestor], elements[ancestor].tag != .header, elements[ancestor].negativeReason != "popup" {
                holds[ancestor] = true
                ancestor = Int(elements[ancestor].parent)
            }
        }
        return holds
    }

    /// The container, preceded by the lead ("standfirst", teaser paragraph) when the page sets it
    /// just before the text: a previous sibling of the container, or of its parent, holding
    /// a little plain text and few links.
    static func withLead(_ container: Int, _ scan: PageScan, _ dropped: [Bool]) -> [Int] {
        let found = previousLead(container, scan, dropped)
        let marked = markedLeads(container, scan, dropped)
        return (marked + found).reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }.sorted()
    }

    /// Leads the page names as such (`class="article-intro"`, `p.lead`, `itemprop="description"`)
    /// in the article around the container and before it, and a subtitle set under the headline;
    /// they often sit in the article's header, apart from the text.
    static func markedLeads(_ container: Int, _ scan: PageScan, _ dropped: [Bool]) -> [Int] {
        let elements = scan.elements
        // The article: the nearest <article> or article-named element a few levels up that adds
        // little text to the container's.
        var scope = -1
        var ancestor = Int(elements[container].parent)
        var level = 0
        while ancestor >= 0, level < 5, elements[ancestor].tag != .body {
            let element = elements[ancestor]
            if element.textBytes > elements[container].textBytes * 2 + 400 { break }
            if element.tag == .article || element.positive { scope = ancestor }
            ancestor = Int(element.parent)
            level += 1
        }
        guard scope >= 0 else { return [] }
        var leads: [Int] = []
        var index = scope + 1
        while index < container {
            let element = elements[index]
            // Elements are in document order: a lead is before the container and not around it.
            guard !scan.isInside(container, index) else { index += 1; continue }
            var isLead = element.isLead && element.textBytes >= 40 && element.linkDensity < 0.2
            if !isLead, element.tag == .h2 || element.tag == .h3, element.textBytes >= 30, element.linkDensity < 0.2 {
                // A subtitle: the heading right after the headline.
                var previous = element.node.pointer.pointee.prev
                while let node = previous, HTMLNode(node).isText { previous = node.pointee.prev }
                isLead = previous.map { HTMLNode($0).tag == .h1 } ?? false
            }
            if isLead, !MainText.hasNegativeAncestor(index, below: scope, scan) {
                leads.append(index)
                // Skip what lies inside it.
                var next = index + 1
                while next < container, scan.isInside(next, index) { next += 1 }
                index = next
                continue
            }
            index += 1
        }
        return leads
    }

    /// Whether an element between `index` and `scope` (both excluded), or `index` itself, reads
    /// negative, a header apart (the article's own header holds its lead).
    private static func hasNegativeAncestor(_ index: Int, below scope: Int, _ scan: PageScan) -> Bool {
        var current = index
        while current >= 0, current != scope {
            if let reason = scan.elements[current].negativeReason, reason != "header" { return true }
            current = Int(scan.elements[current].parent)
        }
        return false
    }

    /// A previous sibling of the container, or of its parent, holding a little plain text and few links.
    static func previousLead(_ container: Int, _ scan: PageScan, _ dropped: [Bool]) -> [Int] {
        let elements = scan.elements
        var node = container
        for _ in 0..<2 {
            var sibling = elements[node].node.pointer.pointee.prev
            var looked = 0
            while let current = sibling, looked < 3 {
                sibling = current.pointee.prev
                let candidate = HTMLNode(current)
                guard candidate.isElement else { continue }
                looked += 1
                let index = candidate.mark - 1
                guard index >= 0, index < elements.count, elements[index].node.pointer == current, !dropped[index] else { continue }
                let element = elements[index]
                if element.textBytes == 0 { continue }
                if element.tag.isHeading { continue }
                guard element.textBytes >= 60, element.textBytes < elements[container].textBytes / 2, element.linkDensity < 0.2,
                      element.negativeReason == nil else { return [container] }
                return [index, container]
            }
            let parent = Int(elements[node].parent)
            guard parent >= 0, elements[parent].tag != .body else { break }
            node = parent
        }
        return [container]
    }

    private static func initialScore(_ element: PageScan.Element) -> Float {
        var score: Float
        switch element.tag {
        case .div, .article, .main: score = 5
        case .pre, .td, .blockquote, .section: score = 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: score = -3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: score = -5
        default: score = 0
        }
        if element.positive { score += 25 }
        if element.negativeReason != nil { score -= 25 }
        return score
    }

    /// Reasons a class gives that hold for a paragraph too.
    static let neverText: Set<String> = [
        "image caption", "advertisement", "disclaimer", "paywall", "comments", "cookie notice", "popup", "newsletter box",
    ]

    // MARK: Extracting paragraphs

    private struct Extractor {
        let scan: PageScan
        let holdsArticle: [Bool]
        let pageText: Int32
        var blocks: [Block] = []
        var current: [UInt8] = []
        var currentLinks = 0
        var currentVisible = 0
        var currentTag: HTMLTag = .p
        var currentElement = 0
        var currentReason: String?
        var pendingBreak = false

        init(scan: PageScan, holdsArticle: [Bool]) {
            self.scan = scan
            self.holdsArticle = holdsArticle
            pageText = scan.bodyIndex.map { scan.elements[$0].textBytes } ?? 0
            current.reserveCapacity(1024)
        }

        mutating func extract(_ container: Int) {
            let element = scan.elements[container]
            currentTag = element.tag
            currentElement = container
            walk(element.node, inLink: element.tag == .a, reason: nil)
            flush()
        }

        private mutating func flush() {
            pendingBreak = false
            while current.last == 0x20 { current.removeLast() }
            defer {
                current.removeAll(keepingCapacity: true)
                currentLinks = 0
                currentVisible = 0
            }
            guard currentVisible > 0 else { return }
            blocks.append(Block(text: String(decoding: current, as: UTF8.self), textBytes: currentVisible, linkBytes: currentLinks,
                                tag: currentTag, dropReason: currentReason, element: currentElement))
        }

        private mutating func walk(_ node: HTMLNode, inLink: Bool, reason: String?) {
            var child = node.firstChild
            while let current = child {
                defer { child = current.nextSibling }
                if current.isText {
                    current.withText { bytes in
                        let visible = Whitespace.visibleCount(bytes)
                        guard visible > 0 || !self.current.isEmpty else { return }
                        if visible > 0 && pendingBreak { pendingBreak = false }
                        Whitespace.appendCollapsed(bytes, to: &self.current)
                        currentVisible += visible
                        if inLink { currentLinks += visible }
                    }
                    continue
                }
                guard current.isElement else { continue }
                let index = current.mark - 1
                // Unmarked elements were skipped by the scan: invisible or hidden.
                guard index >= 0, index < scan.elements.count, scan.elements[index].node.pointer == current.pointer else { continue }
                let element = scan.elements[index]
                let tag = element.tag
                if tag == .br {
                    // One <br> is a line break inside a paragraph; two in a row end it.
                    if pendingBreak { flush() } else {
                        pendingBreak = true
                        if !self.current.isEmpty, self.current.last != 0x20 { self.current.append(0x20) }
                    }
                    continue
                }
                // An article's own header (title, lead, byline) is kept; the page's header is not in the container.
                // Paragraphs and headings are text whatever their class or id says ("nav_1" anchors,
                // "share-quote"), unless they are mostly links or the class names what no article's
                // text is (a caption, an ad, a disclaimer, a paywall).
                let textual = (tag == .p || tag.isHeading) && !MainText.neverText.contains(element.negativeReason ?? "")
                // Nor is a negative element around the article the page marks (a "sidebar-and-content"
                // wrapper, a sticky share bar around the text), or one that holds most of the page's text
                // and few links (as when the container is chosen).
                let wrapper = holdsArticle[index] || element.textBytes * 2 >= pageText && element.linkDensity < 0.5
                let ownReason = (element.negativeReason == "header" || textual) && element.linkDensity < 0.5 || wrapper
                    ? nil : element.negativeReason
                let dropReason = reason ?? ownReason
                if tag.isBlock || tag == .img {
                    flush()
                    let (savedTag, savedElement, savedReason) = (currentTag, currentElement, currentReason)
                    currentTag = tag
                    currentElement = index
                    currentReason = dropReason
                    walk(current, inLink: inLink || tag == .a, reason: dropReason)
                    flush()
                    (currentTag, currentElement, currentReason) = (savedTag, savedElement, savedReason)
                } else {
                    // An inline share widget, ad or tag list inside a paragraph: skip its text.
                    if reason == nil && ownReason != nil { continue }
                    pendingBreak = false
                    walk(current, inLink: inLink || tag == .a, reason: reason)
                }
            }
        }
    }
}
