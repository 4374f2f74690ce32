import Wiretrace

/// Reads plain-text articles: plain paragraphs separated by blank lines, and the layout of
/// syndicated feeds such as the seed article (a teaser block, the metadata line
/// `Reuters | Updated: 08-12-2023 15:00 IST | Created: 08-12-2023 14:59 IST`, the headline
/// again, an image credit, the body, a syndication notice).
struct PlainTextReader {
    var context: TimeContext

    /// Labels that introduce a time, longest first, with the kind of time they give.
    static let timeLabels: [(String, ArticleTime.Kind)] = [
        ("first published on", .created), ("first published", .created), ("last updated on", .updated),
        ("last updated", .updated), ("last modified", .updated), ("published on", .created), ("updated on", .updated),
        ("posted on", .created), ("published", .created), ("updated", .updated), ("created", .created),
        ("modified", .updated), ("posted", .created), ("date", .created),
    ]

    func read(_ text: String) -> Article {
        var article = Article()
        let blocks = Self.blocks(of: text)
        var pendingTimes: [(ArticleTime.Kind, String, String)] = []
        var titleKey: String?

        // A headline stands alone in the first block, or heads it above metadata lines only.
        if blocks.count > 1, let first = blocks.first, Self.looksLikeHeadline(first[0]),
           first.dropFirst().allSatisfy({ Self.metadataLine($0) != nil || Self.labelledTime($0) != nil || Self.byline($0) != nil }) {
            article.title = first[0]
            titleKey = Normalization.normalize(first[0])
        }
        for block in blocks {
            var bodyLines: [String] = []
            // The class of the block's one body line, when it has one: most blocks are a single
            // line, and classifying it again as a paragraph was a sixth of the reading time.
            var bodyLineKind: ParagraphClassifier.Kind?
            for line in block {
                if let metadata = Self.metadataLine(line) {
                    for agency in metadata.agencies {
                        article.credits.append(AgencyCredit(agency: agency, kind: .text, evidence: line, location: "metadata line"))
                    }
                    pendingTimes += metadata.times.map { ($0.0, $0.1, "metadata line") }
                    if let outlet = metadata.outlet, article.outlet == nil { article.outlet = outlet }
                    continue
                }
                if let (kind, label, value) = Self.labelledTime(line) {
                    pendingTimes.append((kind, value, "label \"\(label)\""))
                    continue
                }
                if article.byline == nil, let byline = Self.byline(line) {
                    article.byline = byline
                    continue
                }
                // Normalizing only lines about as long as the headline.
                if let titleKey, line.utf8.count <= 4 * titleKey.utf8.count + 16, Normalization.normalize(line) == titleKey { continue }
                // An image credit line inside a block stands alone; the rest joins into a paragraph.
                let kind = line.utf8.count < 800 ? ParagraphClassifier.classify(line) : nil
                if case .imageCredit(let agencies)? = kind {
                    for agency in agencies {
                        article.credits.append(AgencyCredit(agency: agency, kind: .image, evidence: line, location: "image credit"))
                    }
                    article.paragraphs.append(Paragraph(line, role: .boilerplate, reason: "image credit"))
                    continue
                }
                bodyLines.append(line)
                bodyLineKind = kind
            }
            guard !bodyLines.isEmpty else { continue }
            if bodyLines.count == 1 {
                Self.append(bodyLines[0], kind: bodyLineKind ?? ParagraphClassifier.classify(bodyLines[0]), to: &article)
            } else {
                let paragraph = bodyLines.joined(separator: " ")
                Self.append(paragraph, kind: ParagraphClassifier.classify(paragraph), to: &article)
            }
        }
        var context = context
        if context.country == nil { context.country = Self.country(of: article) }
        context.dayMonthOrder = context.dayMonthOrder ?? Self.dayMonthOrder(of: pendingTimes.map(\.1))
        article.times = pendingTimes.compactMap { kind, text, source in
            ArticleTime(kind: kind, text: text, source: source, context: context)
        }
        return article
    }

    /// Adds a paragraph with the role its class (``ParagraphClassifier/classify(_:)`` of its
    /// text) gives it, recording credits and notices.
    static func append(_ paragraph: String, kind: ParagraphClassifier.Kind, to article: inout Article) {
        switch kind {
        case .body:
            article.paragraphs.append(Paragraph(paragraph))
        case .syndicationNotice(let outlet):
            article.syndicationNotice = paragraph
            if article.outlet == nil { article.outlet = outlet }
            article.paragraphs.append(Paragraph(paragraph, role: .boilerplate, reason: "syndication notice"))
        case .textCredit(let agencies):
            for agency in agencies {
                article.credits.append(AgencyCredit(agency: agency, kind: .text, evidence: paragraph, location: "credit line"))
            }
            article.paragraphs.append(Paragraph(paragraph, role: .credit, reason: "credit line"))
        case .imageCredit(let agencies):
            for agency in agencies {
                article.credits.append(AgencyCredit(agency: agency, kind: .image, evidence: paragraph, location: "image credit"))
            }
            article.paragraphs.append(Paragraph(paragraph, role: .boilerplate, reason: "image credit"))
        case .boilerplate(let reason):
            article.paragraphs.append(Paragraph(paragraph, role: .boilerplate, reason: reason))
        }
    }

    /// Blocks of non-blank lines, each line trimmed. Lines are found on the bytes: splitting
    /// a long article by `Character` was a third of the reading time.
    static func blocks(of text: String) -> [[String]] {
        var blocks: [[String]] = []
        var current: [String] = []
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                let line = trimmedLine(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                if line.isEmpty {
                    if !current.isEmpty { blocks.append(current); current = [] }
                } else {
                    current.append(line)
                }
                start = end + 1
            }
        }
        if !current.isEmpty { blocks.append(current) }
        return blocks
    }

    /// The line without white space at either end: ASCII white space on the bytes, any other
    /// (a non-breaking space, an ideographic space) by `Character`.
    private static func trimmedLine(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var lower = 0, upper = bytes.count
        func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        while lower < upper && isASCIISpace(bytes[lower]) { lower += 1 }
        while upper > lower && isASCIISpace(bytes[upper - 1]) { upper -= 1 }
        let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
        guard lower < upper, bytes[lower] >= 0x80 || bytes[upper - 1] >= 0x80 else { return line }
        return line.trimmed
    }

    static func looksLikeHeadline(_ line: String) -> Bool {
        // Words counted on the bytes and only as far as the limit: an article without a
        // headline opens with a long paragraph.
        let words = line.wordCount(upTo: 31)
        guard words <= 30, line.count <= 250, let last = line.last else { return false }
        return !".。।۔!\"”:".contains(last) || words <= 12 && last == "!"
    }

    /// The country of the source, from the evidence the article carries: its outlet, credits
    /// to national agencies whose copy is stamped in local time (PTI, ANI, IANS, UNI: India;
    /// APP: Pakistan), or its script. `nil` when nothing says.
    static func country(of article: Article) -> String? {
        if let outlet = article.outlet, let country = Outlets.country(forOutlet: outlet) { return country }
        let agencies = Set((article.credits + article.datelineCredits()).filter { $0.kind == .text }.map(\.agency))
        if !agencies.isDisjoint(with: ["PTI", "ANI", "IANS", "UNI"]) { return "in" }
        if agencies.contains("APP") { return "pk" }
        return Outlets.country(forScriptOf: article.paragraphs.lazy.filter { $0.role == .body }.prefix(3).map(\.text).joined())
    }

    /// `Reuters | Updated: 08-12-2023 15:00 IST | Created: 08-12-2023 14:59 IST`
    static func metadataLine(_ line: String) -> (agencies: [String], outlet: String?, times: [(ArticleTime.Kind, String)])? {
        guard line.containsByte(UInt8(ascii: "|")) else { return nil }
        let parts = line.split(separator: "|").map(\.trimmed)
        guard parts.count >= 2 else { return nil }
        var agencies: [String] = []
        var times: [(ArticleTime.Kind, String)] = []
        var outlet: String?
        for part in parts {
            if let (kind, _, value) = labelledTime(part) {
                times.append((kind, value))
            } else if let agency = Agencies.agency(named: part) {
                agencies.append(agency)
            } else if part.split(separator: " ").count <= 3 {
                outlet = outlet ?? part
            } else {
                return nil
            }
        }
        return times.isEmpty ? nil : (agencies, agencies.isEmpty ? outlet : nil, times)
    }

    /// `Updated: 08-12-2023 15:00 IST`, `Published on Dec 8, 2023`, `Last updated 9:41 GMT, 8 December 2023`.
    static func labelledTime(_ line: String) -> (ArticleTime.Kind, String, String)? {
        // Every label starts with one of these letters; most lines are prose and stop here.
        guard let first = line.utf8.first, "cdflmpuCDFLMPU".utf8.contains(first), line.utf8.count <= 480, line.count <= 120
        else { return nil }
        let lower = line.lowercased()
        for (label, kind) in timeLabels where lower.hasPrefix(label) {
            if let found = time(after: label, kind: kind, in: line) { return found }
        }
        return nil
    }

    /// The time that follows `label` (and a colon, dash or spaces) at the start of `line`:
    /// the kind, the label as written and the time's text, when that text reads as a time.
    static func time(after label: String, kind: ArticleTime.Kind, in line: String) -> (ArticleTime.Kind, String, String)? {
        var value = Substring(line.dropFirst(label.count))
        while let first = value.first, first == ":" || first == " " || first == "-" { value = value.dropFirst() }
        let text = String(value)
        guard !text.isEmpty, ArticleTime(kind: kind, text: text, source: "", context: TimeContext(dayMonthOrder: .dayFirst)) != nil
        else { return nil }
        return (kind, String(line.prefix(label.count)), text)
    }

    /// `By Jane Doe`, `By Jane Doe and John Roe, Reuters`.
    static func byline(_ line: String) -> String? {
        guard line.hasPrefix("By ") || line.hasPrefix("BY "), line.split(separator: " ").count <= 10, line.last != "." else { return nil }
        return String(line.dropFirst(3)).trimmed
    }

    /// The day order of a source, from its own numeric dates: one with a first number above
    /// 12 settles day-first for all of them, one with a second number above 12 month-first.
    static func dayMonthOrder(of texts: [String]) -> TimeContext.DayMonthOrder? {
        for text in texts {
            let numbers = text.split(whereSeparator: { !$0.isNumber }).prefix(3).compactMap { Int($0) }
            guard numbers.count == 3, numbers[2] > 31 else { continue }
            if numbers[0] > 12 && numbers[1] <= 12 { return .dayFirst }
            if numbers[1] > 12 && numbers[0] <= 12 { return .monthFirst }
        }
        return nil
    }
}
