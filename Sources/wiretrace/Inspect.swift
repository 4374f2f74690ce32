import ArgumentParser
import Wiretrace
import WiretraceFormats

extension WiretraceCommand {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what Wiretrace reads in an article: title, outlet, agencies, times with their evidence, paragraphs.",
            discussion: """
                Each paragraph is marked body, boilerplate or credit, with the reason. Times show the text \
                as found and where it was found (meta tag, JSON-LD, label, URL). Exit status: 0 when every \
                file was read, 2 for trouble.
                """
        )

        @Argument(help: "Article files (HTML, plain text, or either gzip- or Zstandard-compressed); a WARC file lists its records, FILE.warc#URI reads one capture.") var files: [String]
        @Option(help: ArgumentHelp("Read record N of a WARC file given without #URI (repeatable: one for each such file, in order).", valueName: "N"))
        var record: [Int] = []
        @OptionGroup var output: OutputOptions
        @OptionGroup var times: TimeOptions
        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one file") }
        }

        func run() throws {
            let reader = try times.reader()
            var picks = try RecordPicks(record)
            var reports: [InspectReport] = []
            var listings: [WARCListing] = []
            var texts: [String] = []
            var failed = false
            for path in files {
                let argument = ArticleArgument(path)
                let pick = picks.next(for: argument)
                do throws(ReadError) {
                    if argument.selector == nil && pick == nil && argument.isWARC {
                        let listing = try WARCListing(path: path)
                        listings.append(listing)
                        texts.append(listing.text(style: output.style))
                        continue
                    }
                    let read = try argument.read(with: reader, record: pick)
                    for damage in read.damages { Terminal.complain("warning: \(damage)") }
                    for warning in read.result.warnings { Terminal.complain("warning: \(warning)") }
                    var report = InspectReport(path: read.name, read.result)
                    report.capture = read.capture.map(CaptureOut.init)
                    reports.append(report)
                    texts.append(report.text(style: output.style))
                } catch {
                    Terminal.complain("\(error)")
                    failed = true
                }
            }
            try picks.checkAllUsed()
            if output.json {
                if reports.count == 1 && files.count == 1 {
                    Terminal.standardOutput.write(try JSONOutput.encode(Versioned(InspectJSON(reports[0]))))
                } else if listings.count == 1 && files.count == 1 {
                    Terminal.standardOutput.write(try JSONOutput.encode(Versioned(listings[0])))
                } else {
                    Terminal.standardOutput.write(try JSONOutput.encode(
                        Versioned(InspectManyJSON(articles: reports.map(InspectJSON.init), archives: listings))))
                }
            } else {
                Terminal.standardOutput.write(texts.joined(separator: "\n"))
            }
            if failed { throw ExitCode(2) }
        }
    }
}

/// What `inspect` prints for one article: the model behind its text and JSON (``InspectJSON``).
struct InspectReport {
    struct ParagraphOut: Encodable {
        var role: String
        var reason: String?
        var text: String
    }

    var path: String
    var format: String
    var compressed: Bool
    /// `gzip` or `zstd` when the file was compressed.
    var compression: String?
    /// `articleText`, or `noArticleText` for a page that only declares things about itself.
    var content: String
    /// The country the source was taken to be from; it decides zones and day order.
    var country: String?
    /// The publication day on the source's calendar (`YYYY-MM-DD`).
    var publishedDay: String?
    /// The offset (`-05:00`) of the clock the page shows its UTC times on, when its other
    /// times or the date it prints by the headline tell; else its country's clock is used.
    var pageClock: String?
    var title: String?
    var outlet: String?
    var canonicalURL: String?
    var byline: String?
    var syndicationNotice: String?
    var credits: [AgencyCredit]
    var created: ArticleTime?
    var updated: ArticleTime?
    var times: [ArticleTime]
    var paragraphs: [ParagraphOut]
    var warnings: [String]
    /// The WARC record the article was read from.
    var capture: CaptureOut?

    init(path: String, _ result: ArticleReader.Result) {
        let article = result.article
        self.path = path
        format = result.format.rawValue
        compressed = result.wasCompressed
        compression = result.compression?.rawValue
        content = result.content.rawValue
        country = result.country
        publishedDay = article.publishedDay
        pageClock = result.localUTCOffsetMinutes.map { Timestamp.offsetText($0) }
        title = article.title
        outlet = article.outlet
        canonicalURL = article.canonicalURL
        byline = article.byline
        syndicationNotice = article.syndicationNotice
        credits = article.credits(including: Fingerprint(of: article))
        created = article.created
        updated = article.updated
        times = article.times
        paragraphs = article.paragraphs.map { ParagraphOut(role: $0.role.rawValue, reason: $0.reason, text: $0.text) }
        warnings = result.warnings
    }

    func text(style: Style) -> String {
        var lines: [String] = [style.bold(shown(path)) + "  (\(format)\(compression.map { ", \($0)" } ?? ""))"]
        func field(_ label: String, _ value: String?) {
            lines.append("  " + style.dim(label.padding(10)) + (value.map(shown) ?? style.dim("—")))
        }
        lines += capture?.lines(style: style) ?? []
        field("title", title.map { "\"\($0)\"" })
        field("outlet", outlet)
        field("canonical", canonicalURL)
        field("byline", byline)
        field("country", country)
        field("published", publishedDay.map { day in pageClock.map { "\(day)  (UTC times read on the page's clock, \($0))" } ?? day })
        if credits.isEmpty { field("agencies", nil) }
        for (index, credit) in credits.enumerated() {
            let kind = credit.kind == .image ? style.yellow("image only") : style.green("text")
            lines.append("  " + style.dim((index == 0 ? "agencies" : "").padding(10))
                + "\(style.bold(shown(credit.agency))) (\(kind), \(credit.location)): \"\(excerpt(shown(credit.evidence), 70))\"")
        }
        if times.isEmpty { field("times", nil) }
        for (index, time) in times.enumerated() {
            var text = "\(time.kind.rawValue.padding(8))\(shown(time.localDescription))"
            if let instant = time.instant, time.hasTimeOfDay { text += " = \(instant)" }
            text += style.dim("  [\(shown(time.source)): \"\(excerpt(shown(time.text), 60))\"]")
            if let problem = time.problem { text += style.yellow("  ⚠ \(shown(problem))") }
            lines.append("  " + style.dim((index == 0 ? "times" : "").padding(10)) + text)
        }
        if let syndicationNotice { field("syndicated", "\"\(excerpt(syndicationNotice, 80))\"") }
        if content == ArticleReader.Result.Content.noArticleText.rawValue {
            lines.append("  " + style.dim("text".padding(10)) + style.yellow("no article text found (only what the page declares)"))
        }
        lines.append("  " + style.dim("paragraphs"))
        for (index, paragraph) in paragraphs.enumerated() {
            let role: String
            switch paragraph.role {
            case "body": role = style.green("body".padding(12))
            case "credit": role = style.cyan("credit".padding(12))
            default: role = style.yellow("boilerplate".padding(12))
            }
            let reason = paragraph.reason.map { style.dim("(\(shown($0))) ") } ?? ""
            lines.append("  ¶\(index + 1)".padding(6) + " " + role + reason + excerpt(shown(paragraph.text), 100))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func excerpt(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}

private extension String {
    func padding(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
