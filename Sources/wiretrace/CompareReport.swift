import Wiretrace
import WiretraceFormats

/// What `compare` prints: the model behind its text and JSON (``CompareJSON``).
struct CompareReport {

    struct Side: Encodable {
        var path: String
        var url: String?
        var format: String
        var title: String?
        var outlet: String?
        var syndicated: Bool
        var credits: [AgencyCredit]
        var created: ArticleTime?
        var updated: ArticleTime?
        var countedParagraphs: Int
        var countedWords: Int
    }

    struct Passage: Encodable {
        /// 1-based paragraph number in the article as read.
        var paragraph: Int
        var text: String
    }

    /// A run of words shared by A and B, where it stands in each (1-based paragraph and word).
    struct RunOut: Encodable {
        struct Place: Encodable {
            var paragraph: Int
            var word: Int
            var text: String?
        }
        var words: Int
        var a: Place
        var b: Place
    }

    struct MatchOut: Encodable {
        var kind: String
        var similarity: Double
        var a: Passage
        var b: Passage
    }

    struct Containment: Encodable {
        var aInB: Double
        var bInA: Double
    }

    struct Order: Encodable {
        var first: String
        var leadSeconds: Int64
    }

    struct ThresholdsOut: Encodable {
        var wholly: Double
        var whollyCoverage: Double
        var partially: Double
        var sharedRunWords: Int
        var resemblancePartially: Double
        var resemblanceWholly: Double
        var longWordCharacters: Double
    }

    var fingerprintVersion: String
    var verdict: String
    var sharesSource: Bool
    var score: Double
    var containment: Containment
    var resemblance: Double
    var longestSharedRun: Int
    var passageCoverage: Double
    var containingSide: String?
    var publishedFirst: Order
    var thresholds: ThresholdsOut
    var a: Side
    var b: Side
    var matches: [MatchOut]
    /// The longest shared runs of words: the evidence where no paragraph aligns.
    var sharedRuns: [RunOut]
    /// Whether the verdict rests on more than matched paragraphs, so the runs show the sharing.
    var sharedRunsAreEvidence: Bool
    var warnings: [String]

    init(pathA: String, _ resultA: ArticleReader.Result, pathB: String, _ resultB: ArticleReader.Result) {
        let pair = ArticleComparison(resultA.article, resultB.article)
        let comparison = pair.comparison, order = pair.publishedFirst
        fingerprintVersion = pair.a.fingerprint.version.description
        verdict = comparison.verdict.rawValue
        sharesSource = comparison.verdict.sharesSource
        score = Self.rounded(comparison.score)
        containment = Containment(aInB: Self.rounded(comparison.containmentOfAInB), bInA: Self.rounded(comparison.containmentOfBInA))
        resemblance = Self.rounded(comparison.resemblance)
        longestSharedRun = comparison.longestSharedRun
        passageCoverage = Self.rounded(comparison.passageCoverage)
        containingSide = comparison.containingSide?.rawValue
        publishedFirst = Order(first: order.first.rawValue, leadSeconds: order.leadSeconds)
        thresholds = ThresholdsOut(wholly: comparison.thresholds.wholly, whollyCoverage: comparison.thresholds.whollyCoverage, partially: comparison.thresholds.partially,
                                   sharedRunWords: comparison.thresholds.sharedRunWords,
                                   resemblancePartially: comparison.thresholds.resemblancePartially,
                                   resemblanceWholly: comparison.thresholds.resemblanceWholly,
                                   longWordCharacters: comparison.thresholds.longWordCharacters)
        a = Self.side(pathA, resultA, pair.a)
        b = Self.side(pathB, resultB, pair.b)
        matches = pair.shared.matches.map { match in
            MatchOut(kind: match.kind.rawValue, similarity: match.similarity,
                     a: Passage(paragraph: match.a.paragraph, text: match.a.text ?? ""),
                     b: Passage(paragraph: match.b.paragraph, text: match.b.text ?? ""))
        }
        sharedRuns = pair.shared.runs.map { run in
            RunOut(words: run.words, a: .init(paragraph: run.a.paragraph, word: run.a.word ?? 1, text: run.a.text),
                   b: .init(paragraph: run.b.paragraph, word: run.b.word ?? 1, text: run.b.text))
        }
        sharedRunsAreEvidence = pair.shared.runsAreEvidence
        warnings = resultA.warnings + resultB.warnings
    }

    private static func side(_ path: String, _ result: ArticleReader.Result, _ side: ArticleComparison.Side) -> Side {
        let article = side.article
        return Side(path: path, url: article.canonicalURL, format: result.format.rawValue, title: article.title, outlet: article.outlet,
                    syndicated: article.isSyndicated, credits: side.credits, created: side.created, updated: side.updated,
                    countedParagraphs: side.fingerprint.countedParagraphs.count, countedWords: side.fingerprint.countedWordCount)
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    // MARK: Text

    func text(style: Style) -> String {
        var lines: [String] = []
        let verdictText = sharesSource ? style.green(style.bold(verdict)) : style.yellow(style.bold(verdict))
        let meaning = sharesSource ? "these articles share a source" : "no shared source found"
        lines.append("\(verdictText)  score \(percent(score))  (\(meaning))")
        lines.append("")
        for (label, side) in [("A", a), ("B", b)] {
            lines.append("\(style.bold(label)) \(shown(side.path))")
            var facts: [String] = []
            if let title = side.title { facts.append("\"\(shown(title))\"") }
            if let outlet = side.outlet { facts.append(shown(outlet)) }
            if side.syndicated { facts.append("syndicated") }
            if !facts.isEmpty { lines.append("  " + facts.joined(separator: " · ")) }
            lines.append("  credits: " + creditsText(side.credits))
            if let created = side.created { lines.append("  created: " + timeText(created)) }
            if let updated = side.updated { lines.append("  updated: " + timeText(updated)) }
        }
        lines.append("")
        lines.append("containment: \(percent(containment.aInB)) of A is in B, \(percent(containment.bInA)) of B is in A; longest shared run \(longestSharedRun) words; \(percent(passageCoverage)) of the more derived text is in matched paragraphs; resemblance \(percent(resemblance))")
        if let containingSide {
            let other = containingSide == "a" ? "B" : "A"
            lines.append("direction: \(other) reads as cut from \(containingSide.uppercased()) (\(containingSide.uppercased()) holds more of \(other) than the reverse)")
        }
        lines.append("published first: " + orderText())
        if !matches.isEmpty {
            lines.append("")
            lines.append(style.bold("Matched passages") + " (A ¶ ↔ B ¶; differences marked [-A only-] {+B only+})")
            for group in matchGroups() {
                let left = group.a.map { "¶\($0.paragraph)" }.joined(separator: "+")
                let right = group.b.map { "¶\($0.paragraph)" }.joined(separator: "+")
                let exact = group.kinds == ["exact"]
                let shape = group.a.count > 1 ? " (merged in B)" : group.b.count > 1 ? " (split in B)" : ""
                let kind = exact ? style.green("exact") : style.yellow("edited") + shape
                lines.append("  \(left) \(exact ? "=" : "~") \(right)  \(kind)")
                let textA = shown(group.a.map(\.text).joined(separator: " ")), textB = shown(group.b.map(\.text).joined(separator: " "))
                lines.append("    " + (exact ? style.dim(excerpt(textA)) : condensedDiff(from: textA, to: textB, style: style)))
            }
        }
        // Where the verdict rests on more than matched paragraphs (a rewrite, a passage lifted
        // into other text), the shared runs show what is shared.
        if sharedRunsAreEvidence {
            lines.append("")
            lines.append(style.bold("Longest shared runs") + " (A ¶ word ↔ B ¶ word, normalized text)")
            for run in sharedRuns {
                lines.append("  ¶\(run.a.paragraph) w\(run.a.word) ↔ ¶\(run.b.paragraph) w\(run.b.word)  \(run.words) words")
                if let text = run.a.text { lines.append("    " + style.dim(excerpt(text))) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Matches joined where they share a paragraph, so merges and splits read as one passage.
    private func matchGroups() -> [(a: [Passage], b: [Passage], kinds: Set<String>)] {
        var groups: [(a: [Passage], b: [Passage], kinds: Set<String>)] = []
        for match in matches {
            if let index = groups.firstIndex(where: { group in
                group.a.contains { $0.paragraph == match.a.paragraph } || group.b.contains { $0.paragraph == match.b.paragraph }
            }) {
                if !groups[index].a.contains(where: { $0.paragraph == match.a.paragraph }) { groups[index].a.append(match.a) }
                if !groups[index].b.contains(where: { $0.paragraph == match.b.paragraph }) { groups[index].b.append(match.b) }
                groups[index].kinds.insert(match.kind)
            } else {
                groups.append(([match.a], [match.b], [match.kind]))
            }
        }
        return groups
    }

    /// The word diff of two passages with long unchanged runs elided.
    private func condensedDiff(from a: String, to b: String, style: Style) -> String {
        let context = 4
        let segments = WordDiff.segments(from: a, to: b)
        if segments.allSatisfy({ $0.kind == .same }) { return style.dim(excerpt(a)) + " (same words)" }
        return segments.enumerated().map { index, segment -> String in
            switch segment.kind {
            case .removed: return style.enabled ? style.red(segment.text) : "[-\(segment.text)-]"
            case .added: return style.enabled ? style.green(segment.text) : "{+\(segment.text)+}"
            case .same:
                let words = segment.text.split(separator: " ")
                guard words.count > 2 * context + 2 else { return segment.text }
                let head = index == 0 ? [] : words.prefix(context)
                let tail = words.suffix(context)
                return (head + ["…"] + tail).joined(separator: " ")
            }
        }.joined(separator: " ")
    }

    private func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

    private func excerpt(_ text: String, limit: Int = 110) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    private func creditsText(_ credits: [AgencyCredit]) -> String {
        guard !credits.isEmpty else { return "none" }
        return credits.map { credit in
            credit.kind == .image ? "\(shown(credit.agency)) (image only, \(credit.location))" : "\(shown(credit.agency)) (\(credit.location))"
        }.joined(separator: ", ")
    }

    private func timeText(_ time: ArticleTime) -> String {
        var text = shown(time.localDescription)
        if let instant = time.instant, time.hasTimeOfDay, time.utcOffsetMinutes != 0 { text += " = \(instant) UTC".replacingZ() }
        text += "  [\(shown(time.source)): \"\(shown(time.text))\"]"
        if let problem = time.problem { text += "  ⚠ \(shown(problem))" }
        return text
    }

    private func orderText() -> String {
        switch publishedFirst.first {
        case "a": "A, \(PublicationOrder.durationText(publishedFirst.leadSeconds)) before B"
        case "b": "B, \(PublicationOrder.durationText(publishedFirst.leadSeconds)) before A"
        case "same": "same time"
        default: "unknown (a created time is missing on one side)"
        }
    }
}

private extension String {
    /// `2023-12-08T09:29:00Z UTC` reads better as `2023-12-08 09:29 UTC`.
    func replacingZ() -> String {
        guard let t = firstIndex(of: "T"), hasSuffix("Z UTC") else { return self }
        var text = self
        text.replaceSubrange(t...t, with: " ")
        return text.replacing(":00Z UTC", with: " UTC").replacing("Z UTC", with: " UTC")
    }
}
