/// An instant in UTC, to the second.
///
/// Wiretrace keeps Foundation out of its core; this is the one date type it needs.
/// It encodes as an ISO 8601 string in UTC (`2023-12-08T09:29:00Z`).
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSince1970: Int64

    public init(secondsSince1970: Int64) { self.secondsSince1970 = secondsSince1970 }

    /// The instant of a civil date and time at a UTC offset.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
                utcOffsetMinutes: Int = 0) {
        let days = Timestamp.daysSince1970(year: year, month: month, day: day)
        secondsSince1970 = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            - Int64(utcOffsetMinutes * 60)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.secondsSince1970 < rhs.secondsSince1970 }

    /// The civil date and time of this instant at a UTC offset.
    public func components(utcOffsetMinutes: Int = 0) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let local = secondsSince1970 + Int64(utcOffsetMinutes * 60)
        var days = local / 86_400
        var seconds = local % 86_400
        if seconds < 0 { seconds += 86_400; days -= 1 }
        let (year, month, day) = Timestamp.civilDate(daysSince1970: Int(days))
        return (year, month, day, Int(seconds / 3600), Int(seconds % 3600 / 60), Int(seconds % 60))
    }

    /// ISO 8601 in UTC: `2023-12-08T09:29:00Z`.
    public var description: String { iso8601() }

    /// ISO 8601 at an offset: `2023-12-08T14:59:00+05:30`, or with `Z` at offset zero.
    public func iso8601(utcOffsetMinutes: Int = 0) -> String {
        let c = components(utcOffsetMinutes: utcOffsetMinutes)
        let date = "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))"
        return date + Timestamp.offsetText(utcOffsetMinutes, zulu: true)
    }

    /// The day in UTC, `YYYY-MM-DD`.
    public var day: String {
        let c = components()
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))"
    }

    /// `+05:30`, `-04:00`, or `Z` for zero when `zulu` is set.
    public static func offsetText(_ minutes: Int, zulu: Bool = false) -> String {
        if minutes == 0 && zulu { return "Z" }
        let sign = minutes < 0 ? "-" : "+"
        return "\(sign)\(pad(abs(minutes) / 60)):\(pad(abs(minutes) % 60))"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = TimeParser.parse(text, context: TimeContext()), let instant = parsed.instant else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 instant: \(text)"))
        }
        self = instant
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601())
    }

    // Howard Hinnant's days_from_civil and civil_from_days.
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilDate(daysSince1970 days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Day of week, 0 = Sunday.
    static func weekday(daysSince1970 days: Int) -> Int {
        ((days % 7) + 11) % 7
    }
}

private func pad(_ value: Int, _ width: Int = 2) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
