/// Time-zone abbreviations news sites print, with the offsets they mean.
///
/// Where an abbreviation means different offsets in different countries (IST: India,
/// Ireland, Israel), the source's country picks one; with no country it stays ambiguous and
/// the caller reports it rather than guess.
enum ZoneTable {
    enum Rule {
        case fixed(Int)
        /// US Eastern/Central/Mountain/Pacific "time": standard offset, daylight from the
        /// second Sunday of March to the first Sunday of November.
        case unitedStates(standard: Int)
        /// UK and EU summer time: daylight from the last Sunday of March to the last Sunday
        /// of October, 01:00 UTC.
        case europe(standard: Int)
    }

    enum Resolution: Equatable {
        case offset(Int)
        case ambiguous([String])
        case unknown
    }

    /// Abbreviations that mean one thing wherever they are printed.
    static let unambiguous: [String: Rule] = [
        "UTC": .fixed(0), "GMT": .fixed(0), "Z": .fixed(0), "UT": .fixed(0), "WET": .fixed(0),
        "WEST": .fixed(60), "CET": .fixed(60), "CEST": .fixed(120), "MEZ": .fixed(60), "MESZ": .fixed(120),
        "EET": .fixed(120), "EEST": .fixed(180), "MSK": .fixed(180), "TRT": .fixed(180),
        "ET": .unitedStates(standard: -300), "EST": .fixed(-300), "EDT": .fixed(-240),
        "CT": .unitedStates(standard: -360), "CDT": .fixed(-300),
        "MT": .unitedStates(standard: -420), "MST": .fixed(-420), "MDT": .fixed(-360),
        "PT": .unitedStates(standard: -480), "PST": .fixed(-480), "PDT": .fixed(-420),
        "AKST": .fixed(-540), "AKDT": .fixed(-480), "HST": .fixed(-600),
        "UK": .europe(standard: 0), "CEN": .europe(standard: 60),
        "JST": .fixed(540), "KST": .fixed(540), "HKT": .fixed(480), "SGT": .fixed(480),
        "PHT": .fixed(480), "AWST": .fixed(480), "ACST": .fixed(570), "ACDT": .fixed(630),
        "AEST": .fixed(600), "AEDT": .fixed(660), "NZST": .fixed(720), "NZDT": .fixed(780),
        "PKT": .fixed(300), "NPT": .fixed(345), "WIB": .fixed(420), "ICT": .fixed(420),
        "GST": .fixed(240), "SAST": .fixed(120), "WAT": .fixed(60), "EAT": .fixed(180), "CAT": .fixed(120),
        "BRT": .fixed(-180), "ART": .fixed(-180),
    ]

    /// Zones printed by US sources (which write the month first) and Canadian ones.
    static let unitedStatesZones: Set<String> = ["ET", "EST", "EDT", "CT", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "AKST", "AKDT", "HST"]

    /// Abbreviations whose meaning depends on the country of the source.
    static let byCountry: [String: [(countries: Set<String>, offset: Int, name: String)]] = [
        "IST": [(["in"], 330, "India +05:30"), (["ie"], 60, "Ireland +01:00"), (["il"], 120, "Israel +02:00")],
        "CST": [(["us", "ca", "mx"], -360, "US Central -06:00"), (["cn", "tw"], 480, "China +08:00"), (["cu"], -300, "Cuba -05:00")],
        "BST": [(["gb", "uk"], 60, "British Summer +01:00"), (["bd"], 360, "Bangladesh +06:00")],
        "AST": [(["sa", "iq", "kw", "qa", "bh", "ye"], 180, "Arabia +03:00"), (["ca", "pr", "bm"], -240, "Atlantic -04:00")],
    ]

    /// Countries whose sources print a bare local time with no zone: their usual offset.
    static let countryOffsets: [String: Int] = ["in": 330, "pk": 300, "np": 345, "bd": 360, "cn": 480, "jp": 540]

    static func resolve(_ abbreviation: String, country: String?, overrides: [String: Int],
                        year: Int, month: Int, day: Int, hour: Int, minute: Int) -> Resolution {
        let key = abbreviation.uppercased()
        if let override = overrides[key] { return .offset(override) }
        if let candidates = byCountry[key] {
            if let country, let match = candidates.first(where: { $0.countries.contains(country) }) {
                return .offset(match.offset)
            }
            return .ambiguous(candidates.map(\.name))
        }
        guard let rule = unambiguous[key] else { return .unknown }
        switch rule {
        case .fixed(let offset):
            return .offset(offset)
        case .unitedStates(let standard):
            let days = Timestamp.daysSince1970(year: year, month: month, day: day)
            let start = nthSunday(year: year, month: 3, n: 2)
            let end = nthSunday(year: year, month: 11, n: 1)
            let localMinutes = hour * 60 + minute
            let inDaylight = (days > start || (days == start && localMinutes >= 120))
                && (days < end || (days == end && localMinutes < 60))
            return .offset(standard + (inDaylight ? 60 : 0))
        case .europe(let standard):
            let days = Timestamp.daysSince1970(year: year, month: month, day: day)
            let start = lastSunday(year: year, month: 3)
            let end = lastSunday(year: year, month: 10)
            let utcMinutes = hour * 60 + minute - standard
            let inDaylight = (days > start || (days == start && utcMinutes >= 60))
                && (days < end || (days == end && utcMinutes < 60))
            return .offset(standard + (inDaylight ? 60 : 0))
        }
    }

    private static func nthSunday(year: Int, month: Int, n: Int) -> Int {
        let first = Timestamp.daysSince1970(year: year, month: month, day: 1)
        let toSunday = (7 - Timestamp.weekday(daysSince1970: first)) % 7
        return first + toSunday + (n - 1) * 7
    }

    private static func lastSunday(year: Int, month: Int) -> Int {
        let firstOfNext = Timestamp.daysSince1970(year: month == 12 ? year + 1 : year, month: month == 12 ? 1 : month + 1, day: 1)
        let last = firstOfNext - 1
        return last - Timestamp.weekday(daysSince1970: last)
    }
}
