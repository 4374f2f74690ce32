/// A created or updated time an article declares, with the evidence for it.
public struct ArticleTime: Sendable, Hashable, Codable {
    /// Which time of the article this is.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// First published.
        case created
        /// Last modified.
        case updated
    }

    public var kind: Kind
    /// The text as found: `08-12-2023 15:00 IST`.
    public var text: String
    /// Where it was found: `metadata line`, `label "Updated:"`, `meta article:modified_time`.
    public var source: String
    /// The UTC instant, when the text and the zone rules determine one.
    public var instant: Timestamp?
    /// The offset from UTC the text meant, in minutes (330 for IST in India).
    public var utcOffsetMinutes: Int?
    /// The zone as written (`IST`, `ET`, `+05:30`), if any.
    public var zone: String?
    /// Whether the text gave a time of day, or only a date.
    public var hasTimeOfDay: Bool
    /// Why the instant is missing or uncertain (an ambiguous zone, an ambiguous day order).
    public var problem: String?

    public init(kind: Kind, text: String, source: String, instant: Timestamp? = nil, utcOffsetMinutes: Int? = nil,
                zone: String? = nil, hasTimeOfDay: Bool = true, problem: String? = nil) {
        self.kind = kind
        self.text = text
        self.source = source
        self.instant = instant
        self.utcOffsetMinutes = utcOffsetMinutes
        self.zone = zone
        self.hasTimeOfDay = hasTimeOfDay
        self.problem = problem
    }

    /// Parses `text` under `context` into a time of the given kind; `nil` when the text holds no date.
    public init?(kind: Kind, text: String, source: String, context: TimeContext) {
        guard let parsed = TimeParser.parse(text, context: context) else { return nil }
        self.init(kind: kind, text: text, source: source, instant: parsed.instant,
                  utcOffsetMinutes: parsed.utcOffsetMinutes, zone: parsed.zone,
                  hasTimeOfDay: parsed.hasTimeOfDay, problem: parsed.problem)
    }

    /// The time as the page meant it: `2023-12-08 15:00 +05:30 (IST)`.
    public var localDescription: String {
        guard let instant else { return text }
        let offset = utcOffsetMinutes ?? 0
        let c = instant.components(utcOffsetMinutes: offset)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let date = "\(c.year)-\(two(c.month))-\(two(c.day))"
        guard hasTimeOfDay else { return date }
        let zoneNote = zone.map { $0.hasPrefix("+") || $0.hasPrefix("-") || $0 == "Z" ? "" : " (\($0))" } ?? ""
        return "\(date) \(two(c.hour)):\(two(c.minute)) \(Timestamp.offsetText(offset))\(zoneNote)"
    }
}

/// What a time's text is read against: the source's country and day order, and the user's
/// zone overrides.
///
/// Zone abbreviations such as `IST` mean different offsets in different countries; numeric
/// dates such as `08-12-2023` mean different days. Both are decided per source, from its
/// country or from unambiguous dates of the same source, never guessed per string.
public struct TimeContext: Sendable, Hashable {
    /// Whether numeric dates put the day or the month first.
    public enum DayMonthOrder: String, Sendable, Hashable { case dayFirst, monthFirst }

    /// ISO 3166 alpha-2 code, lower-case (`in`, `us`, `gb`), of the source's country.
    public var country: String?
    /// Offsets in minutes for abbreviations, from the user (`--zone IST=+05:30`); they win.
    public var zoneOverrides: [String: Int]
    /// The source's order for numeric dates, when known.
    public var dayMonthOrder: DayMonthOrder?

    public init(country: String? = nil, zoneOverrides: [String: Int] = [:], dayMonthOrder: DayMonthOrder? = nil) {
        self.country = country
        self.zoneOverrides = zoneOverrides
        self.dayMonthOrder = dayMonthOrder
    }

    /// The order a source's country writes numeric dates in.
    public var effectiveDayMonthOrder: DayMonthOrder? {
        if let dayMonthOrder { return dayMonthOrder }
        guard let country else { return nil }
        return ["us", "ph", "fm", "pw", "mh"].contains(country) ? .monthFirst : .dayFirst
    }

    /// Parses `+05:30`, `+0530`, `-4`, `UTC+5:30` into minutes east of UTC.
    public static func offsetMinutes(parsing text: String) -> Int? {
        var text = Substring(text.uppercased())
        for prefix in ["UTC", "GMT"] where text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
        guard let sign = text.first, sign == "+" || sign == "-" || sign == "\u{2212}" else { return nil }
        let digits = text.dropFirst().filter { $0 != ":" }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), digits.count <= 4 else { return nil }
        let hours: Int, minutes: Int
        if digits.count <= 2 { hours = Int(digits)!; minutes = 0 } else {
            hours = Int(digits.dropLast(2))!; minutes = Int(digits.suffix(2))!
        }
        guard hours <= 14, minutes < 60 else { return nil }
        return (sign == "+" ? 1 : -1) * (hours * 60 + minutes)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
