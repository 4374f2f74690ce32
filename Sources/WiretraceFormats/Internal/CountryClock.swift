import Wiretrace

/// The clock a country keeps, for countries with one zone: the standard offset and, for the
/// European Union's rule, summer time. Used to show a time a page wrote in UTC on the day
/// its publisher's readers saw (`2022-11-06T23:00:00Z` is 7 November in Germany).
enum CountryClock {
    /// Minutes east of UTC; countries with several zones or irregular summer time are absent.
    private static let standard: [String: Int] = [
        "ar": -180, "bo": -240, "br": -180, "co": -300, "pe": -300, "ec": -300, "ve": -240, "uy": -180, "mx": -360, "gt": -360,
        "hn": -360, "sv": -360, "ni": -360, "cr": -360, "pa": -300, "do": -240, "pr": -240, "jm": -300, "tt": -240, "bb": -240,
        "bz": -360, "gy": -240, "in": 330, "pk": 300, "bd": 360, "np": 345, "lk": 330, "cn": 480, "hk": 480, "tw": 480, "jp": 540,
        "kr": 540, "sg": 480, "my": 480, "ph": 480, "th": 420, "vn": 420, "ae": 240, "sa": 180, "qa": 180, "kw": 180, "bh": 180,
        "tr": 180, "ke": 180, "et": 180, "ng": 60, "gh": 0, "za": 120, "is": 0,
        // European Union rule, standard time.
        "de": 60, "at": 60, "ch": 60, "fr": 60, "it": 60, "es": 60, "nl": 60, "be": 60, "lu": 60, "pl": 60, "cz": 60, "sk": 60,
        "hu": 60, "si": 60, "hr": 60, "se": 60, "no": 60, "dk": 60, "gb": 0, "ie": 0, "pt": 0, "fi": 120, "gr": 120, "ro": 120,
        "bg": 120, "ee": 120, "lv": 120, "lt": 120, "cy": 120,
    ]
    private static let europeanSummerTime: Set<String> = [
        "de", "at", "ch", "fr", "it", "es", "nl", "be", "lu", "pl", "cz", "sk", "hu", "si", "hr", "se", "no", "dk", "gb", "ie",
        "pt", "fi", "gr", "ro", "bg", "ee", "lv", "lt", "cy",
    ]

    /// The offset `country` kept at `instant`, or `nil` when the country's clock is not known.
    static func offset(in country: String, at instant: Timestamp) -> Int? {
        guard let base = standard[country] else { return nil }
        guard europeanSummerTime.contains(country) else { return base }
        // Summer time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
        let year = instant.components().year
        let start = lastSunday(year: year, month: 3), end = lastSunday(year: year, month: 10)
        return instant >= start && instant < end ? base + 60 : base
    }

    /// The zone names of a time written in UTC itself, upper-cased. A local zone that is at
    /// UTC for part of the year (`WET`) is a local clock, not one of them.
    static let utcZoneNames: Set<String> = ["Z", "+00:00", "+0000", "+00", "GMT", "UTC"]

    /// The clock a page shows a time it wrote in UTC on: the offset its other times are
    /// written in (`declared`), else its country's clock; `nil` when neither is known.
    static func pageOffset(declared: Int?, country: String?, at instant: Timestamp) -> Int? {
        declared ?? country.flatMap { offset(in: $0, at: instant) }
    }

    private static func lastSunday(year: Int, month: Int) -> Timestamp {
        let lastDay = 31
        let noon = Timestamp(year: year, month: month, day: lastDay, hour: 12)
        let daysSince1970 = Int(noon.secondsSince1970 / 86_400)
        let weekday = ((daysSince1970 % 7) + 11) % 7  // 0 = Sunday
        return Timestamp(year: year, month: month, day: lastDay - weekday, hour: 1)
    }
}

extension ArticleTime {
    /// Whether the time is written in UTC (`2022-11-06T23:00:00Z`, `… GMT`), which a page
    /// shows on its own clock (``CountryClock/pageOffset(declared:country:at:)``).
    var isWrittenInUTC: Bool {
        utcOffsetMinutes == 0 && zone.map { CountryClock.utcZoneNames.contains($0.uppercased()) } == true
    }
}
