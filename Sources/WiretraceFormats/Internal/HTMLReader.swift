import Wiretrace

/// Reads a saved HTML page into an ``Article``: the main text in paragraphs, classified
/// by the same ``ParagraphClassifier`` as plain text, and the metadata and times the page
/// declares, each time with where it was found.
struct HTMLReader {
    var context: TimeContext

    struct Output {
        var article: Article
        var warnings: [String]
        /// Where the character set came from.
        var charset: Charset
        /// The country the page was taken to be from.
        var country: String?
        /// The offset the page writes its local times in, when its times are written in UTC
        /// and another of its times gives an offset.
        var localUTCOffsetMinutes: Int?
    }

    func read(_ input: [UInt8], name: String) -> Output? {
        let (bytes, charset) = Charset.decide(input, name: name)
        let filtered = MarkupFilter.filter(bytes)
        guard let document = HTMLDocument(filtered.bytes, encoding: charset.encoding) else { return nil }
        var warnings: [String] = []
        if let warning = charset.warning { warnings.append(warning) }
        if document.conversionFailed { warnings.append("\(name): not valid \(charset.encoding) (the \(charset.source) declares it); the text after the first bad byte is lost") }
        let built = document.withRoot { root -> (Article, String?, Int?) in
            let scan = PageScan(root: root)
            let metadata = HTMLMetadata(scan: scan, jsonLD: filtered.jsonLD)
            let main = MainText(scan: scan)
            return build(scan: scan, metadata: metadata, main: main, page: bytes)
        }
        guard let (article, country, localOffset) = built else { return nil }
        warnings += article.times.compactMap { time in time.problem.map { "\(name): \(time.kind.rawValue) time \"\(time.text)\" (\(time.source)): \($0)" } }
        return Output(article: article, warnings: warnings, charset: charset, country: country, localUTCOffsetMinutes: localOffset)
    }

    private func build(scan: PageScan, metadata: HTMLMetadata, main: MainText, page: [UInt8]) -> (Article, String?, Int?) {
        var article = Article()
        article.title = metadata.title
        article.canonicalURL = metadata.canonicalURL
        article.outlet = metadata.siteName ?? metadata.host
        article.byline = metadata.byline
        for (author, location) in metadata.authors {
            for agency in HTMLReader.agencies(inByline: author) {
                article.credits.append(AgencyCredit(agency: agency, kind: .text, evidence: author, location: location))
            }
        }

        var times = PageTimes(declared: metadata.times, placement: DatePlacement(scan: scan, containers: main.containers, title: article.title))
        let titleKey = article.title.map(Normalization.normalize)
        /// A visible date: ranked by where the page shows it, dropped when that is furniture.
        func visible(_ kind: ArticleTime.Kind, _ text: String, _ source: String, at element: Int, isMarked: Bool = false) {
            times.addShown(kind, text, source, at: element, isMarked: isMarked)
        }
        /// Paragraphs read from headings, with their level.
        var headings: [(index: Int, level: Int)] = []
        for block in main.blocks {
            let text = block.text
            if let reason = block.dropReason ?? (block.tag == .figcaption ? "image caption" : nil) {
                // Only captions can carry an image credit, and disclaimers a syndication notice; other
                // furniture is not classified.
                if reason == "image caption", case .imageCredit(let agencies) = ParagraphClassifier.classify(text) {
                    for agency in agencies {
                        article.credits.append(AgencyCredit(agency: agency, kind: .image, evidence: text, location: "image credit"))
                    }
                    article.paragraphs.append(Paragraph(text, role: .boilerplate, reason: "image credit"))
                } else if reason == "disclaimer", case .syndicationNotice = ParagraphClassifier.classify(text) {
                    // An outlet's note that the text is syndicated often sits in a disclaimer box.
                    PlainTextReader.append(text, kind: ParagraphClassifier.classify(text), to: &article)
                } else {
                    article.paragraphs.append(Paragraph(text, role: .boilerplate, reason: reason))
                }
                continue
            }
            if text.utf8.count < 200, let reason = HTMLReader.furniture(text) {
                article.paragraphs.append(Paragraph(text, role: .boilerplate, reason: reason))
                continue
            }
            let size = text.utf8.count
            if size < 480 {
                if text.utf8.contains(UInt8(ascii: "|")), let line = PlainTextReader.metadataLine(text) {
                    for agency in line.agencies {
                        article.credits.append(AgencyCredit(agency: agency, kind: .text, evidence: text, location: "metadata line"))
                    }
                    for (kind, value) in line.times { visible(kind, value, "metadata line", at: block.element) }
                    continue
                }
                if let (kind, label, value) = PageTimes.labelledTime(text) {
                    visible(kind, value, "label \"\(label)\"", at: block.element, isMarked: true)
                    continue
                }
                if let titleKey, let titleSize = article.title?.utf8.count, size >= titleSize / 2, size <= titleSize * 2,
                   Normalization.normalize(text) == titleKey {
                    continue
                }
                // A line that is only a date ("5 March 2024", "12.07.2022 | 14:30") dates the page; it is not text.
                if size < 60, HTMLReader.digitCount(text) >= 4, text.split(separator: " ").count <= 6,
                   ArticleTime(kind: .created, text: text, source: "", context: TimeContext(dayMonthOrder: .dayFirst)) != nil {
                    visible(.created, text, "date line", at: block.element)
                    continue
                }
                if let byline = PlainTextReader.byline(text) {
                    if article.byline == nil { article.byline = byline }
                    for agency in HTMLReader.agencies(inByline: byline) {
                        article.credits.append(AgencyCredit(agency: agency, kind: .text, evidence: text, location: "byline"))
                    }
                    continue
                }
            }
            // Link density is judged by length: a short line needs fewer links to be a pointer
            // ("Timetables: see the port's site") than a paragraph that links a source in passing.
            if block.linkBytes * 2 > block.textBytes && block.textBytes < 600 || block.linkBytes * 3 > block.textBytes && block.textBytes < 100 {
                article.paragraphs.append(Paragraph(text, role: .boilerplate, reason: "links"))
                continue
            }
            if let level = block.tag.headingLevel { headings.append((article.paragraphs.count, level)) }
            PlainTextReader.append(text, kind: ParagraphClassifier.classify(text), to: &article)
        }

        HTMLReader.markListHeadings(&article.paragraphs)
        HTMLReader.markClosingSocialPrompts(&article.paragraphs)
        HTMLReader.markHeadingsWithoutText(&article.paragraphs, headings: headings)

        times.gatherMarked(scan: scan, main: main, urlDate: metadata.urlDate, imageDate: metadata.imageDate)
        let chosen = times.choose(context: context, metadata: metadata, outlet: article.outlet, page: page)
        article.times = chosen.times
        article.publishedDay = chosen.day
        return (article, chosen.country, chosen.clock)
    }

    /// Pointers to other pages and ad labels in the languages of the pages Wiretrace reads;
    /// the plain-text classifier knows the English ones.
    private static let furniturePrefixes: [(String, String)] = [
        ("lesen sie auch", "related link"), ("lies auch", "related link"), ("mehr zum thema", "related link"),
        ("siehe auch", "related link"), ("auch interessant", "related link"), ("das könnte sie auch", "related link"),
        ("das könnte dich auch", "related link"), ("weitere artikel", "related link"), ("weitere beiträge", "related link"),
        ("ähnliche beiträge", "related link"), ("ähnliche artikel", "related link"), ("verwandte themen", "related link"),
        ("mehr themen", "related link"), ("weiterlesen", "related link"), ("zobacz także", "related link"),
        ("zobacz też", "related link"), ("czytaj także", "related link"), ("czytaj też", "related link"),
        ("przeczytaj także", "related link"), ("lea también", "related link"), ("lee también", "related link"),
        ("lea más", "related link"), ("lee más", "related link"), ("notas relacionadas", "related link"),
        ("artículos relacionados", "related link"), ("noticias relacionadas", "related link"),
        ("te puede interesar", "related link"), ("leia também", "related link"), ("leia mais", "related link"),
        ("veja também", "related link"), ("lire aussi", "related link"), ("à lire aussi", "related link"),
        ("voir aussi", "related link"), ("leggi anche", "related link"), ("you might also like", "related link"),
        ("you may also like", "related link"), ("more from", "related link"), ("related articles", "related link"),
        ("related stories", "related link"), ("recommended", "related link"), ("síguenos", "share prompt"),
        ("siguenos", "share prompt"), ("folge uns", "share prompt"), ("teilen", "share prompt"), ("anzeige", "advertisement"),
        ("werbung", "advertisement"), ("*werbung", "advertisement"), ("reklama", "advertisement"), ("publicidad", "advertisement"),
        ("publicité", "advertisement"), ("pubblicità", "advertisement"), ("sponsored", "advertisement"),
        ("- anzeige", "advertisement"), ("newsletter", "newsletter prompt"), ("subscribe", "newsletter prompt"),
        ("suscríbete", "newsletter prompt"), ("abonniere", "newsletter prompt"), ("follow ", "share prompt"),
        ("únete", "share prompt"), ("get the latest", "app prompt"), ("download the", "app prompt"),
        ("meist gelesen", "related link"), ("meistgelesen", "related link"), ("zum weiterlesen", "related link"),
        ("kommentare", "comments"), ("beitragsbild", "image caption"), ("bild:", "image caption"), ("foto:", "image caption"),
        ("fotos:", "image caption"), ("crédito:", "image caption"), ("(foto:", "image caption"), ("(crédito", "image caption"),
        ("kontakt", "contact box"), ("contact", "contact box"), ("contacto", "contact box"), ("telefon:", "contact box"),
        ("weitere informationen", "related link"), ("more information", "related link"), ("further information", "related link"),
        ("más información", "related link"), ("plus d'informations", "related link"), ("zum newsletter", "newsletter prompt"),
        ("abonnieren sie", "newsletter prompt"), ("melde dich", "newsletter prompt"), ("jetzt abonnieren", "newsletter prompt"),
        ("lea:", "related link"), ("lee:", "related link"), ("leia:", "related link"), ("lire:", "related link"),
        ("dowiedz się więcej", "related link"), ("czytaj więcej", "related link"), ("więcej", "related link"),
        ("alle artikel", "related link"), ("mehr lesen", "related link"), ("weiter zu", "related link"),
        ("zur startseite", "navigation"), ("drukuj", "furniture"), ("impressum", "furniture"), ("category", "furniture"),
        ("kategorie", "furniture"),
    ]

    /// Caption markers found inside a short line ("El puente nuevo, visto desde el río. Foto: Archivo").
    private static let captionMarkers: [[UInt8]] = ["foto:", "fotos:", "photo:", "bild:", "crédito:", "credit:", "quelle:", "©"].map { Array($0.utf8) }
    /// Subscription prompts inside a short line ("Subscribers read the rest of this report ...").
    private static let promptMarkers: [[UInt8]] = [
        "subscribe", "subscriber", "abonnieren", "newsletter", "suscr", "download the", "follow us", "follow the", "síguenos",
        "siguenos", "folge uns", "folgt uns",
    ].map { Array($0.utf8) }

    /// The reason a short paragraph is furniture, from ``furniturePrefixes``.
    static func furniture(_ text: String) -> String? {
        guard let first = text.utf8.first, first != 0x20 else { return nil }
        // A line that is only a clock time ("3:59 PM") belongs to a comment or a feed, not the text.
        if text.utf8.count <= 8, text.utf8.contains(UInt8(ascii: ":")), digitCount(text) >= 3,
           text.utf8.allSatisfy({ $0 &- 0x30 < 10 || $0 == UInt8(ascii: ":") || $0 == 0x20 || "APMapm.".utf8.contains($0) }) {
            return "time of day"
        }
        let head = lowerHead(text)
        for (prefix, reason) in furnitureTable where head.starts(with: prefix) {
            if reason == "advertisement" || reason == "comments" || reason == "contact box" || reason == "furniture"
                || prefix.count <= 8 && reason == "related link" {
                // "Anzeige" alone, not "Anzeigen zeigen, dass ..."
                if text.utf8.count > prefix.count + 40 { continue }
            }
            return reason
        }
        if text.utf8.count < 160 {
            let lower = Array(text.asciiLowercased.utf8)
            for marker in captionMarkers where lower.withUnsafeBufferPointer({ MarkupFilter.findSequence(marker, in: $0, from: 0) != nil }) {
                return "image caption"
            }
            for marker in promptMarkers where lower.withUnsafeBufferPointer({ MarkupFilter.findSequence(marker, in: $0, from: 0) != nil }) {
                return "newsletter prompt"
            }
        }
        return nil
    }

    private static let furnitureTable: [([UInt8], String)] = furniturePrefixes.map { (Array($0.0.utf8), $0.1) }

    /// The first 40 bytes of `text` in lower case (ASCII and Latin-1 letters), for prefix tests on bytes.
    static func lowerHead(_ text: String) -> [UInt8] {
        var head: [UInt8] = []
        head.reserveCapacity(40)
        var previous: UInt8 = 0
        for byte in text.utf8.prefix(40) {
            var lowered = byte
            if byte >= 0x41 && byte <= 0x5A { lowered = byte | 0x20 }
            // Latin-1 capitals À–Þ (U+00C0–U+00DE, not ×) are C3 80–9E in UTF-8; lower case is +0x20.
            else if previous == 0xC3 && byte >= 0x80 && byte <= 0x9E && byte != 0x97 { lowered = byte + 0x20 }
            head.append(lowered)
            previous = byte
        }
        return head
    }

    /// A short line without a full stop just before links or furniture ("Mehr zum Thema",
    /// "Weitere Informationen:") heads a list of pointers, not the article's text; so does one
    /// that ends the text.
    static func markListHeadings(_ paragraphs: inout [Paragraph]) {
        let listReasons: Set<String> = ["links", "related stories", "related link", "navigation", "tags", "sidebar"]
        let original = paragraphs
        for index in original.indices where original[index].role == .body {
            let text = original[index].text
            guard text.utf8.count < 80, let last = text.unicodeScalars.last, !".!?…\"“”»)".unicodeScalars.contains(last) else { continue }
            let next = original[(index + 1)...].first
            if let next, next.role == .boilerplate, listReasons.contains(next.reason ?? "") {
                paragraphs[index].role = .boilerplate
                paragraphs[index].reason = "heading of a list of links"
            } else if last == ":", !original[(index + 1)...].contains(where: { $0.role == .body }) {
                paragraphs[index].role = .boilerplate
                paragraphs[index].reason = "heading of a list of links"
            }
        }
    }

    /// Social networks whose names an outlet's follow prompt carries, in every language.
    private static let socialNetworks: [[UInt8]] = [
        "twitter", "instagram", "facebook", "telegram", "youtube", "whatsapp", "tiktok", "linkedin", "mastodon", "bluesky",
    ].map { Array($0.utf8) }

    /// The text's last two paragraphs, when short and naming a social network with a handle
    /// (`@name`) or as a question or an exclamation ("Follow us on Instagram @outlet", "Did you
    /// know we have a Telegram channel?", an author's "find me on Twitter: @name"), are the
    /// outlet's or author's prompt to follow them, not the story. A quotation is the story's
    /// own (what someone posted), and stays.
    static func markClosingSocialPrompts(_ paragraphs: inout [Paragraph]) {
        let bodyIndices = paragraphs.indices.filter { paragraphs[$0].role == .body }
        // Only after a text: the one paragraph of a page is never its own prompt.
        guard bodyIndices.count >= 3 else { return }
        for index in bodyIndices.suffix(2) {
            let text = paragraphs[index].text
            guard text.utf8.count < 320 else { continue }
            let lower = Array(text.asciiLowercased.utf8)
            guard socialNetworks.contains(where: { network in lower.withUnsafeBufferPointer { MarkupFilter.findSequence(network, in: $0, from: 0) != nil } }),
                  !text.unicodeScalars.contains(where: { "\"“”„«»".unicodeScalars.contains($0) }) else { continue }
            let trimmed = text.trimmed
            let asksOrCalls = trimmed.hasSuffix("?") || trimmed.hasSuffix("!") || trimmed.hasPrefix("¿") || trimmed.hasPrefix("¡")
            let hasHandle = zip(lower, lower.dropFirst()).enumerated().contains { offset, pair in
                pair.0 == UInt8(ascii: "@") && (pair.1 &- 0x61 < 26 || pair.1 == UInt8(ascii: "_"))
                    && (offset == 0 || lower[offset - 1] == 0x20 || lower[offset - 1] == UInt8(ascii: ":"))
            }
            if asksOrCalls || hasHandle {
                paragraphs[index].role = .boilerplate
                paragraphs[index].reason = "share prompt"
            }
        }
    }

    /// A short heading after the end of the text ("You may also like", "Latest articles",
    /// "Comments" at the foot of the article) heads furniture: no text follows it, only other
    /// headings or furniture. Headings that are long sentences are text written in headings.
    static func markHeadingsWithoutText(_ paragraphs: inout [Paragraph], headings: [(index: Int, level: Int)]) {
        guard let first = headings.first?.index else { return }
        let headingIndices = Set(headings.map(\.index))
        guard let lastText = paragraphs.indices.last(where: { paragraphs[$0].role == .body && !headingIndices.contains($0) }),
              lastText > first else { return }
        for heading in headings where heading.index > lastText && paragraphs[heading.index].role == .body {
            guard paragraphs[heading.index].text.utf8.count < 100 else { continue }
            paragraphs[heading.index].role = .boilerplate
            paragraphs[heading.index].reason = "heading after the text"
        }
    }

    /// The ASCII digits in `text`, counted on its bytes.
    static func digitCount(_ text: String) -> Int {
        var count = 0
        for byte in text.utf8 where byte >= 0x30 && byte <= 0x39 { count += 1 }
        return count
    }

    /// Agencies a byline or author field names: "Reuters", "PTI", "By AFP", "Jane Doe, Reuters".
    ///
    /// Each part between separators, and each word, is looked up by name: cheaper than
    /// `Agencies.agencies(mentionedIn:)` and enough for the short fields bylines are.
    static func agencies(inByline text: String) -> [String] {
        guard text.utf8.count <= 160 else { return [] }
        var found: [String] = []
        func take(_ candidate: Substring) {
            if let agency = Agencies.agency(named: String(candidate)), !found.contains(agency) { found.append(agency) }
        }
        for part in text.split(whereSeparator: { ",;/|()[]–—&+".contains($0) }) {
            take(part)
            let words = part.split(separator: " ")
            if words.count > 1 { for word in words where word != "and" && word != "By" && word != "by" { take(word) } }
        }
        return found
    }
}
