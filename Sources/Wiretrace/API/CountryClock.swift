/// The clock a country keeps: its standard offset and its summer-time rule, for showing a
/// time a page wrote in UTC on the day its publisher's readers saw (`2022-11-06T23:00:00Z`
/// is 7 November in Germany, `2023-11-09T01:49:00Z` is 8 November in New York).
///
/// The rules live in one table with the zone abbreviations' (the core's `ZoneTable`); a
/// country with several zones keeps the clock of its main newsrooms (Eastern time for the
/// United States and Canada, Sydney's for Australia, Moscow's for Russia).
public enum CountryClock {
    /// The offset from UTC, in minutes, that `country` (ISO 3166 alpha-2, lower-case) kept at
    /// `instant`; `nil` when its clock is not known.
    public static func offset(in country: String, at instant: Timestamp) -> Int? {
        ZoneTable.offset(in: country, at: instant)
    }

    /// The clock a page shows a time it wrote in UTC on: the offset its other times are
    /// written in (`declared`), else its country's clock; `nil` when neither is known.
    public static func pageOffset(declared: Int?, country: String?, at instant: Timestamp) -> Int? {
        declared ?? country.flatMap { offset(in: $0, at: instant) }
    }

    /// The zone names of a time written in UTC itself, upper-cased. A local zone that is at
    /// UTC for part of the year (`WET`) is a local clock, not one of them.
    public static let utcZoneNames: Set<String> = ["Z", "+00:00", "+0000", "+00", "GMT", "UTC"]
}

extension ArticleTime {
    /// Whether the time is written in UTC (`2022-11-06T23:00:00Z`, `… GMT`), which a page
    /// shows on its own clock (``CountryClock/pageOffset(declared:country:at:)``).
    public var isWrittenInUTC: Bool {
        utcOffsetMinutes == 0 && zone.map { CountryClock.utcZoneNames.contains($0.uppercased()) } == true
    }

    /// The calendar day (`YYYY-MM-DD`) of the time where the source publishes: in the offset
    /// its text gave, except that a time written in UTC is shown on the source's own clock,
    /// `pageOffset` when known, else `country`'s.
    public func localDay(pageOffset: Int?, country: String?) -> String? {
        guard let instant else { return nil }
        var offset = utcOffsetMinutes ?? 0
        if isWrittenInUTC, let clock = CountryClock.pageOffset(declared: pageOffset, country: country, at: instant) {
            offset = clock
        }
        return String(instant.iso8601(utcOffsetMinutes: offset).prefix(10))
    }
}
