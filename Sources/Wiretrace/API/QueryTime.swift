/// A moment a user names to bound a query (`stories --since yesterday --until 2024-05-31`):
/// a day (`2024-05-30`, `30.05.2024`, `30 May 2024`), a day and time (`2024-05-30T14:00+02:00`,
/// `2024-05-30 14:00`), `now`, `today`, `yesterday`, or a span back from now (`24h`, `7d`, `2w`,
/// `90min`).
///
/// A day is a span on the user's clock: as a lower bound it starts at that day's midnight, as
/// an upper bound it runs to the day's last second, so `--since 2024-05-30 --until 2024-05-30`
/// is that whole day. A time of day written without a zone is on the user's clock too.
public struct QueryTime: Sendable, Hashable {
    /// The first and last second the text names (equal for an instant).
    public var start: Timestamp
    public var end: Timestamp

    /// `nil` when `text` names no moment. `now` is the present and `utcOffsetMinutes` the
    /// user's clock (the command line passes the system's).
    public init?(_ text: String, now: Timestamp, utcOffsetMinutes: Int = 0) {
        let word = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()).lowercased()
        let day: Int64 = 86_400
        /// The user's calendar day holding `instant`, as its first and last second.
        func wholeDay(of instant: Timestamp, plusDays: Int64 = 0) -> (Timestamp, Timestamp) {
            let offset = Int64(utcOffsetMinutes) * 60
            let local = instant.secondsSince1970 + offset
            let midnight = (local >= 0 ? local / day : (local - day + 1) / day) * day + plusDays * day - offset
            return (Timestamp(secondsSince1970: midnight), Timestamp(secondsSince1970: midnight + day - 1))
        }
        switch word {
        case "now": (start, end) = (now, now); return
        case "today": (start, end) = wholeDay(of: now); return
        case "yesterday": (start, end) = wholeDay(of: now, plusDays: -1); return
        default: break
        }
        if let seconds = QueryTime.span(word) {
            let instant = Timestamp(secondsSince1970: now.secondsSince1970 - seconds)
            (start, end) = (instant, instant)
            return
        }
        guard let time = ArticleTime(kind: .created, text: text, source: "query", context: TimeContext(dayMonthOrder: .dayFirst)),
              var instant = time.instant, time.problem == nil || time.zone == nil else { return nil }
        if !time.hasTimeOfDay {
            // Read as midnight UTC: its calendar day is the day named, on the user's clock.
            (start, end) = wholeDay(of: Timestamp(secondsSince1970: instant.secondsSince1970 - Int64(utcOffsetMinutes) * 60))
            return
        }
        if time.zone == nil { instant = Timestamp(secondsSince1970: instant.secondsSince1970 - Int64(utcOffsetMinutes) * 60) }
        (start, end) = (instant, instant)
    }

    /// The seconds of a span such as `24h`, `7d`, `2w`, `90min`.
    static func span(_ word: String) -> Int64? {
        let digits = word.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9, let count = Int64(digits) else { return nil }
        switch word.dropFirst(digits.count) {
        case "min", "mins", "minute", "minutes": return count * 60
        case "h", "hour", "hours": return count * 3600
        case "d", "day", "days": return count * 86_400
        case "w", "week", "weeks": return count * 7 * 86_400
        default: return nil
        }
    }
}
