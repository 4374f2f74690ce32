import Wiretrace

/// The times of an HTML page: gathered from every signal it offers (declared metadata, marked
/// elements, dates shown by the headline, the URL), then the best of them chosen, with the
/// clock the page shows its UTC times on.
///
/// ``HTMLReader`` hands over what its walk over the text finds (a metadata line, a labelled
/// time, a line that is only a date) through ``addShown(_:_:_:at:)``; the rest is read here.
struct PageTimes {
    /// Every time signal found so far, declared ones first.
    private(set) var signals: [HTMLMetadata.TimeSignal]
    /// The date in the page's URL (`YYYY-MM-DD`), if any.
    private(set) var urlDate: String?
    let placement: DatePlacement

    init(declared: [HTMLMetadata.TimeSignal], placement: DatePlacement) {
        signals = declared
        self.placement = placement
    }

    /// A date the page shows at `element`: ranked by where it is, dropped when that is furniture.
    mutating func addShown(_ kind: ArticleTime.Kind, _ text: String, _ source: String, at element: Int,
                           tier: HTMLMetadata.TimeSignal.Tier = .visible, isShown: Bool = true, isMarked: Bool = false) {
        guard let rank = placement.rank(element) else { return }
        signals.append(HTMLMetadata.TimeSignal(kind: kind, text: text, source: source, tier: tier, rank: rank, isShown: isShown,
                                               isMarked: isMarked))
    }

    /// The signals of the page's markup: labelled elements and `<time>` by the headline, and,
    /// when nothing else dates the page, a date text, a date opening the text, the URL's date.
    mutating func gatherMarked(scan: PageScan, main: MainText, urlDate: String?, imageDate: String?) {
        self.urlDate = urlDate
        // A generic declared date ranks where the text begins: dates shown between the headline
        // and the first paragraph (the article's header) beat it, dates inside the text do not.
        if let first = main.blocks.first(where: { $0.dropReason == nil }), let rank = placement.rank(first.element) {
            for index in signals.indices where signals[index].isGeneric { signals[index].rank = rank }
        }
        // Visible times by the headline: labelled elements and <time>, ranked by placement.
        for (hint, text, element) in scan.labelled where hint != "byline" && placement.rank(element) != nil {
            if let line = PlainTextReader.metadataLine(text) {
                for (kind, value) in line.times { addShown(kind, value, "metadata line", at: element) }
            } else if let (kind, label, value) = PageTimes.labelledTime(text) {
                addShown(kind, value, "label \"\(label)\"", at: element, isMarked: true)
            } else {
                addShown(hint == "updated" ? .updated : .created, text, "element marked \"\(hint)\"", at: element)
            }
        }
        for time in scan.timeElements where !time.pubdate {
            addShown(.created, time.datetime.flatMap { $0.isEmpty ? nil : $0 } ?? time.text, "<time datetime>", at: time.element,
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
        if !signals.contains(where: { $0.kind == .created }) && urlDate == nil {
            let openings = main.blocks.prefix(8).filter { $0.dropReason == nil }.map { String($0.text.prefix(48)) }
            for opening in openings + dated.map(\.text) {
                guard HTMLReader.digitCount(opening) >= 4,
                      ArticleTime(kind: .created, text: opening, source: "", context: TimeContext(dayMonthOrder: .dayFirst)) != nil
                else { continue }
                signals.append(HTMLMetadata.TimeSignal(kind: .created, text: opening, source: "date opening the text", tier: .url))
                break
            }
        }
        if let date = urlDate {
            signals.append(HTMLMetadata.TimeSignal(kind: .created, text: date, source: "URL", tier: .url))
        } else if let date = imageDate, !signals.contains(where: { $0.kind == .created }) {
            // The day the share image was uploaded: the page was made that day or soon after.
            signals.append(HTMLMetadata.TimeSignal(kind: .created, text: date, source: "og:image path", tier: .url))
        }
        // When nothing above gives a date: a <time> or an element marked as a date anywhere but
        // in comments, nearest the headline first (a page whose header sits in a column that
        // reads as a sidebar, or after what was taken for its text). Below the URL's date; the
        // tiers are read best first, so these are parsed only when all else fails.
        do {
            var loose: [(text: String, source: String, rank: Int, isMarked: Bool)] = []
            for time in scan.timeElements {
                let text = time.datetime.flatMap { $0.isEmpty ? nil : $0 } ?? time.text
                if let rank = placement.looseRank(time.element) { loose.append((text, "<time datetime>", rank, placement.rank(time.element) == nil)) }
            }
            for (hint, text, element) in scan.labelled where hint != "byline" && hint != "updated" {
                if let rank = placement.looseRank(element) { loose.append((text, "element marked \"\(hint)\"", rank, placement.rank(element) == nil)) }
            }
            // Then short texts holding a date ("21. Januar 2022 | Politik", "am 20.09.2020").
            for date in scan.dateTexts {
                if let rank = placement.looseRank(date.element) { loose.append((date.text, "date text", rank + DatePlacement.above, false)) }
            }
            // Last, a date inside a link (a page that is only teasers, a byline linking its author), nearest the headline first.
            for date in scan.linkedDateTexts {
                if let rank = placement.looseRank(date.element) {
                    loose.append((date.text, "linked date text", rank + 2 * DatePlacement.above, false))
                }
            }
            for (text, source, rank, isMarked) in loose {
                // A labelled update ("Letzte Änderung: ...") is not the publication.
                if let (kind, label, value) = PageTimes.labelledTime(text) {
                    if kind == .created {
                        signals.append(HTMLMetadata.TimeSignal(kind: .created, text: value, source: "label \"\(label)\"", tier: .url, rank: rank,
                                                               isMarked: true))
                    }
                    continue
                }
                signals.append(HTMLMetadata.TimeSignal(kind: .created, text: text, source: source, tier: .url, rank: rank, isMarked: isMarked))
            }
        }
        // A bare `date` meta is whatever the CMS stamped, often the last change. A date the page
        // labels as its publication ("Erstellt am ..."), or marks as a date (`<time>`, a class
        // naming a date) outside the text (in a header column read as a sidebar, after the text),
        // beats it wherever it stands; it then dates the page only when nothing else does.
        if signals.contains(where: { $0.isMarked && $0.kind == .created && !$0.isGeneric }) {
            for index in signals.indices where signals[index].isGeneric {
                signals[index].tier = .url
                signals[index].rank = Int.max / 2
            }
        }
    }

    /// The chosen times, the page's country, the offset of the clock it shows its UTC times on
    /// (when its times are written in UTC and another signal gives a clock), and the publication
    /// day when the page's own evidence settles it otherwise than that clock would (`day`).
    func choose(context: TimeContext, metadata: HTMLMetadata, outlet: String?, page: [UInt8])
        -> (times: [ArticleTime], country: String?, clock: Int?, day: String?) {
        var context = context
        if context.country == nil { context.country = PageTimes.country(metadata: metadata, outlet: outlet) }
        // The day order from the page's dates, not from the last-resort texts (a phone number is no date).
        context.dayMonthOrder = context.dayMonthOrder ?? PlainTextReader.dayMonthOrder(of: signals.filter { $0.tier != .url }.map(\.text))
        // A page in a language other than English, from no known country, writes the day first
        // (only the United States and a few Pacific states put the month first).
        if context.country == nil, context.dayMonthOrder == nil, let language = metadata.language?.lowercased(),
           language.count >= 2, !language.hasPrefix("en") {
            context.dayMonthOrder = .dayFirst
        }
        var chosen = PageTimes.times(from: signals, context: context)
        // Nothing dates the page: the publication time a script's data carries (an app's JSON
        // state, a JSON-LD block too broken to parse), searched in the page's bytes only now.
        if !chosen.times.contains(where: { $0.kind == .created && $0.instant != nil }), let (key, value) = PageTimes.scriptDate(in: page),
           let time = ArticleTime(kind: .created, text: value, source: "script \"\(key)\"", context: context), time.instant != nil {
            chosen.times.append(time)
        }
        // Still nothing: a page that only sends its reader on (a redirect, a DDoS shield's
        // "connecting you" page) is dated by the address it sends to; then a full date and time
        // of day written in the markup's own form (`2024/03/05 14:20`, in a script call or an
        // attribute), the first in the page: a shown or scripted stamp, never a version number.
        if !chosen.times.contains(where: { $0.kind == .created && $0.instant != nil }) {
            let fallbacks = [PageTimes.redirectTarget(in: page, metadata: metadata).flatMap(HTMLMetadata.pathDate).map { ("redirect URL", $0) },
                             PageTimes.markupTimestamp(in: page).map { ("timestamp in the markup", $0) }]
            for case let (source, value)? in fallbacks {
                if let time = ArticleTime(kind: .created, text: value, source: source, context: context), time.instant != nil {
                    chosen.times.append(time)
                    break
                }
            }
        }
        guard chosen.times.contains(where: \.isWrittenInUTC) else { return (chosen.times, context.country, nil, nil) }
        var clock = PageTimes.localOffset(in: signals, context: context)
        if let created = Article(times: chosen.times).created, let instant = created.instant, created.isWrittenInUTC {
            let declared = CountryClock.pageOffset(declared: clock, country: context.country, at: instant)
            // Exactly midnight on the publisher's clock is a day entered without a time of day
            // (`2022-11-06T23:00:00Z` on a German page is 7 November); a page that prints the 6th
            // converted it to UTC.
            let enteredAsDay = declared.map { PageTimes.wallSeconds(instant, at: $0) % 86_400 == 0 } ?? false
            // The URL's day is what the outlet filed the story under: evidence like a date shown alone.
            let urlTime = urlDate.flatMap { ArticleTime(kind: .created, text: $0, source: "URL", context: context) }
            if !enteredAsDay {
                clock = PageTimes.shownClock(of: instant, shown: chosen.shown + [urlTime].compactMap { $0 },
                                             candidates: [declared, 0].compactMap { $0 }) ?? clock
            }
            // A URL dated the day before or after the UTC day, on a clock some country keeps
            // (-12 to +14 hours), when neither candidate clock gives it: the outlet's readers saw the URL's day.
            if let urlTime, let urlInstant = urlTime.instant {
                let utcDay = instant.secondsSince1970 / 86_400, urlDay = urlInstant.secondsSince1970 / 86_400
                let secondOfDay = instant.secondsSince1970 - utcDay * 86_400
                let clockDay = PageTimes.wallSeconds(instant, at: clock ?? declared ?? 0) / 86_400
                if clockDay != urlDay, (urlDay == utcDay - 1 && secondOfDay < 12 * 3600) || (urlDay == utcDay + 1 && secondOfDay >= 10 * 3600) {
                    return (chosen.times, context.country, clock, urlTime.instant.map { String($0.iso8601().prefix(10)) })
                }
            }
        }
        return (chosen.times, context.country, clock, nil)
    }

    /// Keys of a publication time in the data that scripts carry, most specific first.
    private static let scriptDateKeys: [[UInt8]] = [
        "datePublished", "publishedAt", "published_at", "publishDate", "publish_date", "publicationDate", "firstPublished",
        "createdAt", "created_at",
    ].map { Array("\"\($0)\"".utf8) }

    /// The first `"key": "2024-03-05T…"` of ``scriptDateKeys`` in `page` whose value opens with a
    /// four-digit year: the key and the value.
    static func scriptDate(in page: [UInt8]) -> (String, String)? {
        page.withUnsafeBufferPointer { buffer -> (String, String)? in
            for key in scriptDateKeys {
                var from = 0
                while let start = MarkupFilter.findSequence(key, in: buffer, from: from) {
                    from = start + key.count
                    var index = from
                    while index < buffer.count, buffer[index] == 0x20 || buffer[index] == UInt8(ascii: ":") { index += 1 }
                    guard index + 11 < buffer.count, buffer[index] == UInt8(ascii: "\""),
                          (index + 1...index + 4).allSatisfy({ buffer[$0] &- 0x30 < 10 }) else { continue }
                    let valueStart = index + 1
                    var end = valueStart
                    while end < buffer.count, end - valueStart < 40, buffer[end] != UInt8(ascii: "\"") { end += 1 }
                    guard end < buffer.count, buffer[end] == UInt8(ascii: "\"") else { continue }
                    let name = String(decoding: key.dropFirst().dropLast(), as: UTF8.self)
                    return (name, String(decoding: buffer[valueStart..<end], as: UTF8.self))
                }
            }
            return nil
        }
    }

    /// Where a page sends its reader: a `<meta http-equiv="refresh" content="0; url=…">`, or a
    /// script that sets `location.href = "…"` or calls `location.replace("…")`.
    static func redirectTarget(in page: [UInt8], metadata: HTMLMetadata) -> String? {
        if let refresh = metadata.refreshURL { return refresh }
        let openers: [[UInt8]] = ["location.href=\"", "location.href = \"", "location.replace(\"", "location=\"", "location = \""]
            .map { Array($0.utf8) }
        return page.withUnsafeBufferPointer { buffer -> String? in
            for opener in openers {
                guard let start = MarkupFilter.findSequence(opener, in: buffer, from: 0) else { continue }
                var end = start + opener.count
                while end < buffer.count, end - start < 600, buffer[end] != UInt8(ascii: "\"") { end += 1 }
                guard end < buffer.count, buffer[end] == UInt8(ascii: "\"") else { continue }
                let target = String(decoding: buffer[(start + opener.count)..<end], as: UTF8.self)
                if target.hasPrefix("http") || target.hasPrefix("/") { return target }
            }
            return nil
        }
    }

    /// The first `YYYY-MM-DD hh:mm` (or with `/` or `.` between the parts of the day, and `T`
    /// before the time) in `page`, as written. Four digits, two, two, then a time of day: the
    /// form machines write, which a version number or a phone number does not take.
    static func markupTimestamp(in page: [UInt8]) -> String? {
        func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
        let separators: [UInt8] = [UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ".")]
        let length = 16  // "2024-03-05 14:20"
        guard page.count >= length else { return nil }
        for start in 0...(page.count - length) where isDigit(page[start]) {
            // A longer number is not a year: the stamp starts where the digits do.
            if start > 0, isDigit(page[start - 1]) { continue }
            let separator = page[start + 4]
            guard separators.contains(separator), page[start + 7] == separator,
                  (start..<start + 4).allSatisfy({ isDigit(page[$0]) }), isDigit(page[start + 5]), isDigit(page[start + 6]),
                  isDigit(page[start + 8]), isDigit(page[start + 9]),
                  page[start + 10] == UInt8(ascii: " ") || page[start + 10] == UInt8(ascii: "T"),
                  isDigit(page[start + 11]), isDigit(page[start + 12]), page[start + 13] == UInt8(ascii: ":"),
                  isDigit(page[start + 14]), isDigit(page[start + 15])
            else { continue }
            var end = start + length
            if end + 2 < page.count, page[end] == UInt8(ascii: ":"), isDigit(page[end + 1]), isDigit(page[end + 2]) { end += 3 }
            let text = String(decoding: page[start..<end], as: UTF8.self)
            // In the machine's order the month comes second; any other order is no stamp.
            guard let month = Int(text.dropFirst(5).prefix(2)), (1...12).contains(month),
                  let day = Int(text.dropFirst(8).prefix(2)), (1...31).contains(day) else { continue }
            return text
        }
        return nil
    }

    /// Which of the `candidates` clocks (offsets from UTC in minutes) the page shows `instant`
    /// on, judged by the date it shows by its headline: the clock on which the instant reads
    /// as the shown time, or, when only a day is shown, the one clock on which it falls on
    /// that day. A CMS that writes `2022-05-06T02:00:00Z` in its metadata and `-05:00` in its
    /// JSON-LD may still print "14 March 2021, 1:30 a.m." under the headline: its readers saw the 14th.
    static func shownClock(of instant: Timestamp, shown: [ArticleTime], candidates: [Int]) -> Int? {
        for time in shown {
            // A `<time datetime>` in UTC repeats the declared instant in machine form; what the
            // reader sees is its text, read below when it is a signal of its own.
            guard let shownInstant = time.instant, !(time.source == "<time datetime>" && time.isWrittenInUTC) else { continue }
            let wall = wallSeconds(shownInstant, at: time.utcOffsetMinutes ?? 0)
            if time.hasTimeOfDay {
                // Minutes are what pages print; a declared time may carry seconds.
                if let match = candidates.first(where: { abs(wallSeconds(instant, at: $0) - wall) < 60 }) { return match }
                // A time of day printed without a zone is on the page's own clock, whatever it
                // is: the difference to the instant, when it is a real offset (quarter hours,
                // -12 to +14 hours).
                if time.zone == nil {
                    let minutes = (wall - instant.secondsSince1970) / 60
                    let rounded = (minutes + (minutes >= 0 ? 7 : -7)) / 15 * 15
                    if abs(minutes - rounded) <= 1, (-720...840).contains(rounded) { return Int(rounded) }
                }
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
            var candidates = signals.indices.filter { signals[$0].tier == tier && signals[$0].kind == kind && (signals[$0].isShown || !shownOnly) }
                .sorted { (signals[$0].rank, $0) < (signals[$1].rank, $1) }
            // Declared publication times in the vocabularies made for them win over other declared names.
            if candidates.contains(where: { signals[$0].isPrimary }) { candidates.removeAll { !signals[$0].isPrimary } }
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
            -> (times: [ArticleTime], tier: HTMLMetadata.TimeSignal.Tier?, withDatesAlone: [ArticleTime]) {
            var chosen: [ArticleTime] = []
            var chosenTier: HTMLMetadata.TimeSignal.Tier?
            var fallback: [ArticleTime] = []
            for tier in tiers where !(kind == .updated && tier == .url) && tier != distrusted {
                let times = parse(tier, kind, shownOnly: shownOnly)
                if times.contains(where: { $0.instant != nil }) { chosen = times; chosenTier = tier; break }
                if fallback.isEmpty { fallback = times }
            }
            if chosen.isEmpty { chosen = fallback }
            let withDatesAlone = chosen
            // A date alone ("5 March 2024") says less than the same tier's full time ("2024-03-05T09:15Z").
            if chosen.contains(where: { $0.hasTimeOfDay && $0.instant != nil }) { chosen.removeAll { !$0.hasTimeOfDay } }
            return (chosen, chosenTier, withDatesAlone)
        }
        var created = best(.created)
        let updated = best(.updated)
        // The publication date the page shows its reader by the headline.
        var shown: [ArticleTime] = []
        if created.tier == .declared {
            let visible = best(.created, distrusting: .declared, shownOnly: true)
            // What the reader sees by the headline, dates alone included ("28 October 2020" beside
            // a <time datetime> in UTC tells which clock the page keeps).
            if visible.tier == .marked || visible.tier == .visible { shown = visible.withDatesAlone }
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
        // A page that shows by its headline the day it was last updated, not the day it first
        // appeared, presents itself as of that day (an updated story re-dated on the front page):
        // that is the day its readers saw.
        if created.tier == .declared, updated.tier == .declared, !shown.isEmpty {
            let shownDays = Set(shown.compactMap(writtenDay))
            let createdDays = Set(created.times.compactMap(writtenDay))
            let updatedDays = Set(updated.times.compactMap(writtenDay))
            if !shownDays.isEmpty, shownDays.isDisjoint(with: createdDays), !shownDays.isDisjoint(with: updatedDays) {
                created = (shown, nil, shown)
            }
        }
        // A page is not modified before it is published. Declared created times all later than a
        // declared updated time may have been stamped when the page was regenerated (a static
        // build, a migration), not when the story first appeared; when the page shows a date by its
        // headline at least a day earlier, that is the first publication. (A scheduled post is
        // also "modified" before it goes out, and shows the day it went out: its declared time,
        // which says the time of day, is kept.)
        if created.tier == .declared, updated.tier == .declared,
           let earliest = created.times.compactMap(\.instant).min(), let latest = updated.times.compactMap(\.instant).max(),
           earliest > latest,
           // Dates a few elements apart on different days are a list of teasers, not the article's date.
           Set(shown.compactMap(writtenDay)).count == 1 {
            if let first = shown.compactMap(\.instant).min(), first.secondsSince1970 + 86_400 <= earliest.secondsSince1970 {
                created = (shown, nil, shown)
            }
        }
        return (created.times + updated.times, shown)
    }

    /// The page's country: the outlet's, the top-level domain's, or the region of `<html lang>`
    /// or of the Open Graph locale.
    static func country(metadata: HTMLMetadata, outlet: String?) -> String? {
        if let outlet, let country = Outlets.country(forOutlet: outlet) { return country }
        if let host = metadata.host {
            let labels = host.split(separator: ".")
            if labels.count >= 2, let country = Outlets.country(forOutlet: String(labels[labels.count - 2])) { return country }
            if let country = Outlets.country(forHost: host) { return country }
        }
        if let language = metadata.language {
            let parts = language.split(whereSeparator: { $0 == "-" || $0 == "_" })
            if parts.count >= 2, parts[1].count == 2 { return parts[1].lowercased() }
            // The Open Graph locale of the same language (`<html lang="en">`, `og:locale` `en_US`).
            if let locale = metadata.locale?.split(whereSeparator: { $0 == "-" || $0 == "_" }), locale.count >= 2, locale[1].count == 2,
               locale[0].lowercased() == parts.first?.lowercased() {
                return locale[1].lowercased()
            }
            // Languages written mainly in one country (or in neighbours on one clock).
            if let first = parts.first, let country = languageCountries[first.lowercased()] { return country }
        }
        return nil
    }

    /// Time labels in the other languages of the pages Wiretrace reads, with the kind they give.
    private static let foreignTimeLabels: [(String, ArticleTime.Kind)] = [
        ("veröffentlicht am", .created), ("veröffentlicht", .created), ("erstellt am", .created), ("erschienen am", .created), ("veröffentlichung:", .created),
        ("letzte änderung", .updated), ("zuletzt geändert", .updated),
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
        guard text.utf8.count < 480, HTMLReader.digitCount(text) >= 2 else { return nil }
        var found: (ArticleTime.Kind, String, String)?
        if mayStartTimeLabel(text) { found = PlainTextReader.labelledTime(text) }
        if found == nil {
            let head = HTMLReader.lowerHead(text)
            for (label, kind) in foreignTimeLabels where head.starts(with: label.utf8) {
                if let time = PlainTextReader.time(after: label, kind: kind, in: text) { found = time; break }
            }
        }
        if let found, found.0 == .created { return found }
        // A short line of labels ("Updated: … Published: …", "Von Jane Doe · veröffentlicht am …"):
        // a publication label inside it says more than an update label opening it.
        if text.utf8.count < 240, let inner = innerPublicationLabel(text) { return inner }
        return found
    }

    /// Publication labels that may stand inside a short line, after a name or another label.
    private static let innerPublicationLabels: [String] = [
        "published", "posted on", "veröffentlicht am", "erschienen am", "erstellt am", "publicado el", "publié le",
        "pubblicato il", "opublikowano",
    ]

    /// The time after a publication label inside `text` (after a space), when one reads as a time.
    static func innerPublicationLabel(_ text: String) -> (ArticleTime.Kind, String, String)? {
        let lower = Array(text.lowercased().utf8)
        let bytes = Array(text.utf8)
        guard lower.count == bytes.count else { return nil }  // offsets must hold in both
        for label in innerPublicationLabels {
            let needle = Array((" " + label).utf8)
            guard let start = lower.withUnsafeBufferPointer({ MarkupFilter.findSequence(needle, in: $0, from: 1) }) else { continue }
            let rest = String(decoding: bytes[(start + 1)...], as: UTF8.self)
            if let time = PlainTextReader.time(after: label, kind: .created, in: rest) { return time }
        }
        return nil
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
}
