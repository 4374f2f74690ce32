/// Outlets whose country decides how their times read (IST = +05:30 at an Indian outlet,
/// day before month in `08-12-2023`).
enum Outlets {
    static let countryByName: [String: String] = [
        "devdiscourse": "in", "ndtv": "in", "business standard": "in", "the hindu": "in", "hindustan times": "in",
        "times of india": "in", "the times of india": "in", "india today": "in", "the indian express": "in",
        "indian express": "in", "news18": "in", "firstpost": "in", "deccan herald": "in", "the print": "in", "theprint": "in",
        "outlook": "in", "the statesman": "in", "tribune india": "in", "the tribune": "in", "economic times": "in",
        "the economic times": "in", "mint": "in", "livemint": "in", "zee news": "in", "dawn": "pk", "the express tribune": "pk",
        "geo news": "pk", "the irish times": "ie", "irish independent": "ie", "rté": "ie", "rte": "ie", "haaretz": "il",
        "the times of israel": "il", "times of israel": "il", "the jerusalem post": "il", "jerusalem post": "il",
    ]

    /// Country-code top-level domains that name the country outright.
    static func country(forHost host: String) -> String? {
        let parts = host.lowercased().split(separator: ".")
        guard let last = parts.last, last.count == 2 else { return nil }
        return last == "uk" ? "gb" : String(last)
    }

    static func country(forOutlet name: String) -> String? {
        countryByName[name.lowercased()]
    }

    /// The country a script is written in almost only: Indian scripts → India, Hebrew → Israel.
    static func country(forScriptOf text: String) -> String? {
        // Hebrew letters are U+05xx (lead byte D6 or D7), the Indian scripts U+09xx to U+0Dxx
        // (E0 A4 to E0 B5): text without those leads has neither, whatever else it holds.
        let mayHaveScript = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.indices.contains { index in
                let byte = bytes[index]
                return byte == 0xD6 || byte == 0xD7
                    || (byte == 0xE0 && index + 1 < bytes.count && (0xA4...0xB5).contains(bytes[index + 1]))
            }
        } ?? true
        guard mayHaveScript else { return nil }
        var indian = 0, hebrew = 0, letters = 0
        for scalar in text.unicodeScalars.prefix(2000) where scalar.properties.isAlphabetic {
            letters += 1
            switch scalar.value {
            case 0x0900...0x097F, 0x0A00...0x0D7F: indian += 1  // Devanagari, Gurmukhi … Malayalam
            case 0x0590...0x05FF: hebrew += 1
            default: break
            }
        }
        guard letters > 0 else { return nil }
        if indian * 2 > letters { return "in" }
        if hebrew * 2 > letters { return "il" }
        return nil
    }
}
