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
        let built = document.withRoot { root -> (Article, String?, Int?) in
            let scan = PageScan(root: root)
            let metadata = HTMLMetadata(scan: scan, jsonLD: filtered.jsonLD)
            let main = MainText(scan: scan)
            return build(scan: scan, metadata: metadata, main: main)
        }
        guard let (article, country, localOffset) = built else { return nil }
        warnings += article.times.compactMap { time in time.problem.map { "\(name): \(time.kind.rawValue) time \"\(time.text)\" (\(time.source)): \($0)" } }
        return Output(article: article, warnings: warnings, charset: charset, country: country, localUTCOffsetMinutes: localOffset)
    }

    private func build(scan: PageScan, metadata: HTMLMetadata, main: MainText) -> (Article, String?, Int?) {
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

        var signals = metadata.times
        let titleKey = article.title.map(Normalization.normalize)
        let placement = DatePlacement(scan: scan, containers: main.containers, title: article.title)
        /// A visible date: ranked by where the page shows it, dropped when that is furniture.
        func visible(_ kind: ArticleTime.Kind, _ text: String, _ source: String, at element: Int,
                     tier: HTMLMetadata.TimeSignal.Tier = .visible, isShown: Bool = true) {
            guard let rank = placement.rank(element) else { return }
            signals.append(HTMLMetadata.TimeSignal(kind: kind, text: text, source: source, tier: tier, rank: rank, isShown: isShown))
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
                if let (kind, label, value) = HTMLReader.labelledTime(text) {
                    visible(kind, value, "label \"\(label)\"", at: block.element)
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
        HTMLReader.markHeadingsWithoutText(&article.paragraphs, headings: headings)

        // Visible times by the headline: labelled elements and <time>, ranked by placement.
        for (hint, text, element) in scan.labelled where hint != "byline" && placement.rank(element) != nil {
            if let line = PlainTextReader.metadataLine(text) {
                for (kind, value) in line.times { visible(kind, value, "metadata line", at: element) }
            } else if let (kind, label, value) = HTMLReader.labelledTime(text) {
                visible(kind, value, "label \"\(label)\"", at: element)
            } else {
                visible(hint == "updated" ? .updated : .created, text, "element marked \"\(hint)\"", at: element)
            }
        }
        for time in scan.timeElements where !time.pubdate {
            visible(.created, time.datetime.flatMap { $0.isEmpty ? nil : $0 } ?? time.text, "<time datetime>", at: time.element,
                    isShown: !time.text.trimmed.isEmpty)
        }
        // Nothing declared, marked or labelled: the best-placed text that is only a date, then a
        // date opening one of the text's first paragraphs ("29.11.2022 – ...", "Pressemitteilung vom 25. Januar 2022").
        var dated: [(text: String, rank: Int)] {
            scan.dateTexts.compactMap { date in placement.rank(date.element).map { (date.text, $0) } }.sorted { $0.rank < $1.rank }
        }
        if !signals.contains(where: { $0.kind == .created }) {
            for (text, rank) in dated {
                if text.split(separator: " ").count <= 5,
                   ArticleTime(kind: .created, text: text, source: "", context: TimeContext(dayMonthOrder: .dayFirst)) != nil {
                    signals.append(HTMLMetadata.TimeSignal(kind: .created, text: text, source: "date text", tier: .visible, rank: rank))
                    break
                }
            }
        }
        if !signals.contains(where: { $0.kind == .created }) && metadata.urlDate == nil {
            let openings = main.blocks.prefix(8).filter { $0.dropReason == nil }.map { String($0.text.prefix(48)) }
            for opening in openings + dated.map(\.text) {
                guard HTMLReader.digitCount(opening) >= 4,
                      ArticleTime(kind: .created, text: opening, source: "", context: TimeContext(dayMonthOrder: .dayFirst)) != nil
                else { continue }
                signals.append(HTMLMetadata.TimeSignal(kind: .created, text: opening, source: "date opening the text", tier: .url))
                break
            }
        }
        if let date = metadata.urlDate {
            signals.append(HTMLMetadata.TimeSignal(kind: .created, text: date, source: "URL", tier: .url))
        }

        var context = context
        if context.country == nil { context.country = country(metadata: metadata, outlet: article.outlet) }
        context.dayMonthOrder = context.dayMonthOrder ?? PlainTextReader.dayMonthOrder(of: signals.map(\.text))
        // A page in a language other than English, from no known country, writes the day first
        // (only the United States and a few Pacific states put the month first).
        if context.country == nil, context.dayMonthOrder == nil, let language = metadata.language?.lowercased(),
           language.count >= 2, !language.hasPrefix("en") {
            context.dayMonthOrder = .dayFirst
        }
        let chosen = HTMLReader.times(from: signals, context: context)
        article.times = chosen.times
        let writtenInUTC = article.times.contains(where: \.isWrittenInUTC)
        guard writtenInUTC else { return (article, context.country, nil) }
        var clock = HTMLReader.localOffset(in: signals, context: context)
        if let created = article.created, let instant = created.instant, created.isWrittenInUTC {
            let declared = CountryClock.pageOffset(declared: clock, country: context.country, at: instant)
            // Exactly midnight on the publisher's clock is a day entered without a time of day
            // (`2022-11-06T23:00:00Z` on a German page is 7 November); a page that prints the 6th
            // converted it to UTC.
            let enteredAsDay = declared.map { HTMLReader.wallSeconds(instant, at: $0) % 86_400 == 0 } ?? false
            if !enteredAsDay {
                clock = HTMLReader.shownClock(of: instant, shown: chosen.shown, candidates: [declared, 0].compactMap { $0 }) ?? clock
            }
        }
        return (article, context.country, clock)
    }

    /// Which of the `candidates` clocks (offsets from UTC in minutes) the page shows `instant`
    /// on, judged by the date it shows by its headline: the clock on which the instant reads
    /// as the shown time, or, when only a day is shown, the one clock on which it falls on
    /// that day. A CMS that writes `2022-05-06T02:00:00Z` in its metadata and `-05:00` in its
    /// JSON-LD may still print "6 May 2022 - 2:00 a.m." under the headline: its readers saw the 6th.
    static func shownClock(of instant: Timestamp, shown: [ArticleTime], candidates: [Int]) -> Int? {
        for time in shown {
            guard let shownInstant = time.instant else { continue }
            let wall = wallSeconds(shownInstant, at: time.utcOffsetMinutes ?? 0)
            if time.hasTimeOfDay {
                // Minutes are what pages print; a declared time may carry seconds.
                if let match = candidates.first(where: { abs(wallSeconds(instant, at: $0) - wall) < 60 }) { return match }
            } else {
                let matches = candidates.filter { wallSeconds(instant, at: $0) / 86_400 == wall / 86_400 }
                if Set(matches).count == 1 { return matches[0] }
            }
        }
        return nil
    }

    /// `instant` as the seconds since 1970 that a clock `offsetMinutes` from UTC reads: its
    /// wall-clock time, whose division by 86,400 numbers its calendar day.
    static func wallSeconds(_ instant: Timestamp, at offsetMinutes: Int) -> Int64 {
        instant.secondsSince1970 + Int64(offsetMinutes * 60)
    }

    /// The offset of the first time on the page, declared ones first, then the best-placed
    /// visible ones, that is written with a non-zero offset: the clock the publisher keeps.
    /// A CMS often writes its metadata in UTC and the visible `<time datetime>` in local time
    /// (`2022-05-04T03:37:37+00:00` and `2022-05-03T23:37:37-04:00`); the reader of the page
    /// saw the 3rd.
    static func localOffset(in signals: [HTMLMetadata.TimeSignal], context: TimeContext) -> Int? {
        let ordered = signals.indices.sorted { (signals[$0].tier, signals[$0].rank, $0) < (signals[$1].tier, signals[$1].rank, $1) }
        for index in ordered.prefix(12) {
            let text = signals[index].text
            // Only a text that can carry an offset is parsed: a sign or a zone after the digits.
            guard text.utf8.count < 120, text.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || ($0 >= 0x41 && $0 <= 0x5A) }),
                  let time = ArticleTime(kind: signals[index].kind, text: text, source: "", context: context),
                  let offset = time.utcOffsetMinutes, offset != 0, time.zone != nil, time.problem == nil
            else { continue }
            return offset
        }
        return nil
    }

    /// The created times of the best tier that has one, and likewise the updated times, with
    /// the publication date the page prints by its headline (`shown`, the evidence that settles
    /// conflicting declared times and the page's clock). A date in the URL is only used when
    /// nothing else dates the page, so it never overrides an explicit time.
    static func times(from signals: [HTMLMetadata.TimeSignal], context: TimeContext) -> (times: [ArticleTime], shown: [ArticleTime]) {
        /// Elements apart that still show one date: `<span class="date">Published <time datetime="…">5 March</time></span>`.
        let placementWindow = 4
        // Tiers are parsed best first, and a kind stops at the first tier that gives an instant:
        // parsing is the costly part, and lower tiers would not be used.
        var seen: Set<String> = []
        func parse(_ tier: HTMLMetadata.TimeSignal.Tier, _ kind: ArticleTime.Kind, shownOnly: Bool) -> [ArticleTime] {
            // Best-placed first; once one gives an instant, only those a few elements from it are
            // read (a label, its <time> and the time's text show one date): the rest are other stories' dates.
            var times: [ArticleTime] = []
            var best: Int?
            let candidates = signals.indices.filter { signals[$0].tier == tier && signals[$0].kind == kind && (signals[$0].isShown || !shownOnly) }
                .sorted { (signals[$0].rank, $0) < (signals[$1].rank, $1) }
            for signal in candidates.map({ signals[$0] }) {
                if let best, signal.rank - best > placementWindow || (signal.rank < DatePlacement.above) != (best < DatePlacement.above) {
                    break
                }
                let text = signal.text.trimmed
                guard !text.isEmpty, text.utf8.count < 480, text.count < 120, seen.insert("\(signal.kind)|\(text)|\(signal.source)").inserted,
                      let time = ArticleTime(kind: signal.kind, text: text, source: signal.source, context: context) else { continue }
                if best == nil, time.instant != nil { best = signal.rank }
                times.append(time)
            }
            return times
        }
        let tiers: [HTMLMetadata.TimeSignal.Tier] = [.declared, .marked, .visible, .url]
        /// The times of `kind` from the best tier that gives an instant (not `distrusted`), and that tier;
        /// `shownOnly` leaves out dates the reader does not see.
        func best(_ kind: ArticleTime.Kind, distrusting distrusted: HTMLMetadata.TimeSignal.Tier? = nil, shownOnly: Bool = false)
            -> (times: [ArticleTime], tier: HTMLMetadata.TimeSignal.Tier?) {
            var chosen: [ArticleTime] = []
            var chosenTier: HTMLMetadata.TimeSignal.Tier?
            var fallback: [ArticleTime] = []
            for tier in tiers where !(kind == .updated && tier == .url) && tier != distrusted {
                let times = parse(tier, kind, shownOnly: shownOnly)
                if times.contains(where: { $0.instant != nil }) { chosen = times; chosenTier = tier; break }
                if fallback.isEmpty { fallback = times }
            }
            if chosen.isEmpty { chosen = fallback }
            // A date alone ("5 March 2024") says less than the same tier's full time ("2024-03-05T09:15Z").
            if chosen.contains(where: { $0.hasTimeOfDay && $0.instant != nil }) { chosen.removeAll { !$0.hasTimeOfDay } }
            return (chosen, chosenTier)
        }
        var created = best(.created)
        let updated = best(.updated)
        // The publication date the page shows its reader by the headline.
        var shown: [ArticleTime] = []
        if created.tier == .declared {
            let visible = best(.created, distrusting: .declared, shownOnly: true)
            if visible.tier == .marked || visible.tier == .visible { shown = visible.times }
        } else if created.tier == .marked || created.tier == .visible {
            shown = created.times
        }
        /// The calendar day of a time on the clock it is written in (days since 1970).
        func writtenDay(_ time: ArticleTime) -> Int64? {
            time.instant.map { wallSeconds($0, at: time.utcOffsetMinutes ?? 0) / 86_400 }
        }
        // Declared publication times a day or more apart (a template's JSON-LD left from last
        // year's post beside the meta tags of this year's): those on the day the page shows by
        // its headline are the page's.
        if created.tier == .declared, let earliest = created.times.compactMap(\.instant).min(),
           let latest = created.times.compactMap(\.instant).max(), latest.secondsSince1970 - earliest.secondsSince1970 >= 86_400 {
            let shownDays = Set(shown.compactMap(writtenDay))
            let agreeing = created.times.filter { writtenDay($0).map(shownDays.contains) ?? false }
            if !agreeing.isEmpty { created.times = agreeing }
        }
        // A page is not modified before it is published. Declared created times all later than a
        // declared updated time may have been stamped when the page was regenerated (a static
        // build, a migration), not when the story first appeared; when the page shows a date by its
        // headline at least a day earlier, that is the first publication. (A scheduled post is
        // also "modified" before it goes out, and shows the day it went out: its declared time,
        // which says the time of day, is kept.)
        if created.tier == .declared, updated.tier == .declared,
           let earliest = created.times.compactMap(\.instant).min(), let latest = updated.times.compactMap(\.instant).max(),
           earliest > latest {
            if let first = shown.compactMap(\.instant).min(), first.secondsSince1970 + 86_400 <= earliest.secondsSince1970 {
                created = (shown, nil)
            }
        }
        return (created.times + updated.times, shown)
    }

    /// The page's country: the outlet's, the top-level domain's, or the region of `<html lang>`.
    private func country(metadata: HTMLMetadata, outlet: String?) -> String? {
        if let outlet, let country = Outlets.country(forOutlet: outlet) { return country }
        if let host = metadata.host {
            let labels = host.split(separator: ".")
            if labels.count >= 2, let country = Outlets.country(forOutlet: String(labels[labels.count - 2])) { return country }
            if let country = Outlets.country(forHost: host) { return country }
        }
        if let language = metadata.language {
            let parts = language.split(whereSeparator: { $0 == "-" || $0 == "_" })
            if parts.count >= 2, parts[1].count == 2 { return parts[1].lowercased() }
            // Languages written mainly in one country (or in neighbours on one clock).
            if let first = parts.first, let country = HTMLReader.languageCountries[first.lowercased()] { return country }
        }
        return nil
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

    /// Caption markers found inside a short line ("La bendición se realizará mañana. Foto: LN").
    private static let captionMarkers: [[UInt8]] = ["foto:", "fotos:", "photo:", "bild:", "crédito:", "credit:", "quelle:", "©"].map { Array($0.utf8) }
    /// Subscription prompts inside a short line ("To view the full story, please subscribe to ...").
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

    /// Time labels in the other languages of the pages Wiretrace reads, with the kind they give.
    private static let foreignTimeLabels: [(String, ArticleTime.Kind)] = [
        ("veröffentlicht am", .created), ("veröffentlicht", .created), ("erstellt am", .created), ("erschienen am", .created),
        ("aktualisiert am", .updated), ("aktualisiert", .updated), ("zuletzt aktualisiert", .updated), ("stand:", .updated),
        ("publicado el", .created), ("publicado", .created), ("actualizado el", .updated), ("actualizado", .updated),
        ("publicada em", .created), ("publicado em", .created), ("atualizado em", .updated), ("atualizado", .updated),
        ("publié le", .created), ("publié", .created), ("mis à jour le", .updated), ("mis à jour", .updated),
        ("pubblicato il", .created), ("pubblicato", .created), ("aggiornato il", .updated), ("aggiornato", .updated),
        ("opublikowano", .created), ("data publikacji", .created), ("aktualizacja", .updated), ("zaktualizowano", .updated),
        ("datum:", .created), ("fecha:", .created), ("data:", .created), ("date:", .created), ("posted:", .created),
    ]

    /// ``PlainTextReader/labelledTime(_:)``, then the labels of other languages.
    static func labelledTime(_ text: String) -> (ArticleTime.Kind, String, String)? {
        // A label is followed by a date, and a date has digits.
        guard text.utf8.count < 480, digitCount(text) >= 2 else { return nil }
        if mayStartTimeLabel(text), let found = PlainTextReader.labelledTime(text) { return found }
        let head = lowerHead(text)
        for (label, kind) in foreignTimeLabels where head.starts(with: label.utf8) {
            if let found = PlainTextReader.time(after: label, kind: kind, in: text) { return found }
        }
        return nil
    }

    /// The ASCII digits in `text`, counted on its bytes.
    static func digitCount(_ text: String) -> Int {
        var count = 0
        for byte in text.utf8 where byte >= 0x30 && byte <= 0x39 { count += 1 }
        return count
    }

    /// A cheap test before ``PlainTextReader/labelledTime(_:)``: its labels start with one of these letters.
    static func mayStartTimeLabel(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        return "flpucmdFLPUCMD".utf8.contains(first)
    }

    /// Languages whose pages come from one country, or from neighbours that keep its clock
    /// and date order (German from Germany, Austria and Switzerland). English, Spanish, French
    /// and Portuguese are written on several continents and are not here.
    static let languageCountries: [String: String] = [
        "de": "de", "it": "it", "nl": "nl", "pl": "pl", "cs": "cz", "sk": "sk", "hu": "hu", "sv": "se", "da": "dk", "nb": "no",
        "nn": "no", "no": "no", "fi": "fi", "el": "gr", "ro": "ro", "bg": "bg", "hr": "hr", "sl": "si", "ja": "jp", "ko": "kr",
        "hi": "in", "tr": "tr",
    ]

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
