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
        /// South-east Australian summer time: daylight from the first Sunday of October to the
        /// first Sunday of April, 02:00 local standard time.
        case australia(standard: Int)

        var standard: Int {
            switch self {
            case .fixed(let offset), .unitedStates(let offset), .europe(let offset), .australia(let offset): offset
            }
        }
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

    /// Countries whose sources print a bare local time with no zone, read on the country's clock.
    static let bareLocalTimeCountries: Set<String> = ["in", "pk", "np", "bd", "cn", "jp", "kr", "tw", "hk"]

    /// The clock each country keeps (ISO 3166 alpha-2, lower-case). A country with several
    /// zones keeps the clock of its main newsrooms: the United States and Canada Eastern time
    /// (New York, Washington, Toronto, Ottawa), Australia Sydney's, Russia Moscow's, Brazil
    /// Brasília's, Mexico its capital's. Countries with irregular summer time are absent.
    static let countryClocks: [String: Rule] = {
        var table: [String: Rule] = [
            "ar": .fixed(-180), "bo": .fixed(-240), "br": .fixed(-180), "co": .fixed(-300), "pe": .fixed(-300),
            "ec": .fixed(-300), "ve": .fixed(-240), "uy": .fixed(-180), "mx": .fixed(-360), "gt": .fixed(-360),
            "hn": .fixed(-360), "sv": .fixed(-360), "ni": .fixed(-360), "cr": .fixed(-360), "pa": .fixed(-300),
            "do": .fixed(-240), "pr": .fixed(-240), "jm": .fixed(-300), "tt": .fixed(-240), "bb": .fixed(-240),
            "bz": .fixed(-360), "gy": .fixed(-240), "in": .fixed(330), "pk": .fixed(300), "bd": .fixed(360),
            "np": .fixed(345), "lk": .fixed(330), "cn": .fixed(480), "hk": .fixed(480), "tw": .fixed(480),
            "jp": .fixed(540), "kr": .fixed(540), "sg": .fixed(480), "my": .fixed(480), "ph": .fixed(480),
            "th": .fixed(420), "vn": .fixed(420), "ae": .fixed(240), "sa": .fixed(180), "qa": .fixed(180),
            "kw": .fixed(180), "bh": .fixed(180), "tr": .fixed(180), "ke": .fixed(180), "et": .fixed(180),
            "ng": .fixed(60), "gh": .fixed(0), "za": .fixed(120), "is": .fixed(0), "ru": .fixed(180),
            "us": .unitedStates(standard: -300), "ca": .unitedStates(standard: -300), "au": .australia(standard: 600),
        ]
        // The European Union's rule (and the United Kingdom's, Norway's, Switzerland's).
        let europe: [String: Int] = [
            "de": 60, "at": 60, "ch": 60, "fr": 60, "it": 60, "es": 60, "nl": 60, "be": 60, "lu": 60, "pl": 60, "cz": 60,
            "sk": 60, "hu": 60, "si": 60, "hr": 60, "se": 60, "no": 60, "dk": 60, "gb": 0, "ie": 0, "pt": 0, "fi": 120,
            "gr": 120, "ro": 120, "bg": 120, "ee": 120, "lv": 120, "lt": 120, "cy": 120,
        ]
        for (country, standard) in europe { table[country] = .europe(standard: standard) }
        return table
    }()

    /// The offset `country` kept at `instant`, or `nil` when its clock is not known.
    static func offset(in country: String, at instant: Timestamp) -> Int? {
        guard let rule = countryClocks[country] else { return nil }
        // The rules are stated on the local standard-time clock.
        let c = instant.components(utcOffsetMinutes: rule.standard)
        return offset(of: rule, year: c.year, month: c.month, day: c.day, hour: c.hour, minute: c.minute)
    }

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
        return .offset(offset(of: rule, year: year, month: month, day: day, hour: hour, minute: minute))
    }

    /// The offset `rule` gives at a local (standard-time) date and time.
    static func offset(of rule: Rule, year: Int, month: Int, day: Int, hour: Int, minute: Int) -> Int {
        switch rule {
        case .fixed(let offset):
            return offset
        case .unitedStates(let standard):
            let days = Timestamp.daysSince1970(year: year, month: month, day: day)
            let start = nthSunday(year: year, month: 3, n: 2)
            let end = nthSunday(year: year, month: 11, n: 1)
            let localMinutes = hour * 60 + minute
            let inDaylight = (days > start || (days == start && localMinutes >= 120))
                && (days < end || (days == end && localMinutes < 60))
            return standard + (inDaylight ? 60 : 0)
        case .europe(let standard):
            let days = Timestamp.daysSince1970(year: year, month: month, day: day)
            let start = lastSunday(year: year, month: 3)
            let end = lastSunday(year: year, month: 10)
            let utcMinutes = hour * 60 + minute - standard
            let inDaylight = (days > start || (days == start && utcMinutes >= 60))
                && (days < end || (days == end && utcMinutes < 60))
            return standard + (inDaylight ? 60 : 0)
        case .australia(let standard):
            // Southern summer: standard time from April's first Sunday to October's.
            let days = Timestamp.daysSince1970(year: year, month: month, day: day)
            let end = nthSunday(year: year, month: 4, n: 1)
            let start = nthSunday(year: year, month: 10, n: 1)
            let localMinutes = hour * 60 + minute
            let inStandard = (days > end || (days == end && localMinutes >= 120))
                && (days < start || (days == start && localMinutes < 120))
            return standard + (inStandard ? 0 : 60)
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
