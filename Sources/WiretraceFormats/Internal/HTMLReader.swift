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
    }

    func read(_ input: [UInt8], name: String) -> Output? {
        let (bytes, charset) = Charset.decide(input, name: name)
        let filtered = MarkupFilter.filter(bytes)
        guard let document = HTMLDocument(filtered.bytes, encoding: charset.encoding) else { return nil }
        var warnings: [String] = []
        if let warning = charset.warning { warnings.append(warning) }
        let article = document.withRoot { root -> Article in
            let scan = PageScan(root: root)
            let metadata = HTMLMetadata(scan: scan, jsonLD: filtered.jsonLD)
            let main = MainText(scan: scan)
            return build(scan: scan, metadata: metadata, main: main)
        }
        guard let article else { return nil }
        warnings += article.times.compactMap { time in time.problem.map { "\(name): \(time.kind.rawValue) time \"\(time.text)\" (\(time.source)): \($0)" } }
        return Output(article: article, warnings: warnings, charset: charset)
    }

    private func build(scan: PageScan, metadata: HTMLMetadata, main: MainText) -> Article {
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
        for block in main.blocks {
            let text = block.text
            if let reason = block.dropReason {
                article.paragraphs.append(Paragraph(text, role: .boilerplate, reason: reason))
                continue
            }
            let size = text.utf8.count
            if size < 480 {
                if text.utf8.contains(UInt8(ascii: "|")), let line = PlainTextReader.metadataLine(text) {
                    for agency in line.agencies {
                        article.credits.append(AgencyCredit(agency: agency, kind: .text, evidence: text, location: "metadata line"))
                    }
                    signals += line.times.map { HTMLMetadata.TimeSignal(kind: $0.0, text: $0.1, source: "metadata line", tier: .visible) }
                    continue
                }
                if HTMLReader.mayStartTimeLabel(text), let (kind, label, value) = PlainTextReader.labelledTime(text) {
                    signals.append(HTMLMetadata.TimeSignal(kind: kind, text: value, source: "label \"\(label)\"", tier: .visible))
                    continue
                }
                if let titleKey, let titleSize = article.title?.utf8.count, size >= titleSize / 2, size <= titleSize * 2,
                   Normalization.normalize(text) == titleKey {
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
            if block.linkBytes * 2 > block.textBytes && block.textBytes < 600 {
                article.paragraphs.append(Paragraph(text, role: .boilerplate, reason: "links"))
                continue
            }
            PlainTextReader.append(text, to: &article)
        }

        // Visible times near the article: labelled elements and <time> before or inside the text.
        let firstContainer = main.containers.min() ?? 0
        func isNearText(_ element: Int) -> Bool {
            main.containers.contains { scan.isInside(element, $0) } || element < firstContainer
        }
        for (hint, text, element) in scan.labelled where hint != "byline" && isNearText(element) {
            if let line = PlainTextReader.metadataLine(text) {
                signals += line.times.map { HTMLMetadata.TimeSignal(kind: $0.0, text: $0.1, source: "metadata line", tier: .visible) }
            } else if let (kind, label, value) = PlainTextReader.labelledTime(text) {
                signals.append(HTMLMetadata.TimeSignal(kind: kind, text: value, source: "label \"\(label)\"", tier: .visible))
            } else {
                signals.append(HTMLMetadata.TimeSignal(kind: hint == "updated" ? .updated : .created, text: text,
                                                       source: "element marked \"\(hint)\"", tier: .visible))
            }
        }
        if let time = scan.timeElements.first(where: { isNearText($0.element) && !$0.pubdate }) {
            let value = time.datetime.flatMap { $0.isEmpty ? nil : $0 } ?? time.text
            signals.append(HTMLMetadata.TimeSignal(kind: .created, text: value, source: "<time datetime>", tier: .visible))
        }
        if let date = metadata.urlDate {
            signals.append(HTMLMetadata.TimeSignal(kind: .created, text: date, source: "URL", tier: .url))
        }

        var context = context
        if context.country == nil { context.country = country(metadata: metadata, outlet: article.outlet) }
        context.dayMonthOrder = context.dayMonthOrder ?? PlainTextReader.dayMonthOrder(of: signals.map(\.text))
        article.times = HTMLReader.times(from: signals, context: context)
        return article
    }

    /// The created times of the best tier that has one, and likewise the updated times. A
    /// date in the URL is only used when nothing else dates the page, so it never overrides
    /// an explicit time.
    static func times(from signals: [HTMLMetadata.TimeSignal], context: TimeContext) -> [ArticleTime] {
        var parsed: [(HTMLMetadata.TimeSignal.Tier, ArticleTime)] = []
        var seen: Set<String> = []
        for signal in signals {
            let text = signal.text.trimmed
            guard !text.isEmpty, text.count < 120, seen.insert("\(signal.kind)|\(text)|\(signal.source)").inserted,
                  let time = ArticleTime(kind: signal.kind, text: text, source: signal.source, context: context) else { continue }
            parsed.append((signal.tier, time))
        }
        var result: [ArticleTime] = []
        for kind in [ArticleTime.Kind.created, .updated] {
            let ofKind = parsed.filter { $0.1.kind == kind }
            let usable = ofKind.filter { $0.1.instant != nil }
            guard let tier = (usable.isEmpty ? ofKind : usable).map(\.0).min() else { continue }
            if kind == .updated && tier == .url { continue }
            result += ofKind.filter { $0.0 == tier }.map(\.1)
        }
        // A URL date never stands beside an explicit updated time as the only created time of a later day.
        return result
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
        }
        return nil
    }

    /// A cheap test before ``PlainTextReader/labelledTime(_:)``: its labels start with one of these letters.
    static func mayStartTimeLabel(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        return "flpucmdFLPUCMD".utf8.contains(first)
    }

    /// Agencies a byline or author field names: "Reuters", "PTI", "By AFP", "Jane Doe, Reuters".
    static func agencies(inByline text: String) -> [String] {
        guard text.count <= 120 else { return [] }
        if let agency = Agencies.agency(named: text) { return [agency] }
        return Agencies.agencies(mentionedIn: text)
    }
}
