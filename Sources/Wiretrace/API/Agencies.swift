/// The news agencies Wiretrace recognizes in credits, with the names they go by in the
/// scripts outlets write in.
public enum Agencies {
    /// Canonical name and the aliases that credit it (matched case-insensitively as whole words).
    public static let catalog: [(name: String, aliases: [String])] = [
        ("Reuters", ["reuters", "thomson reuters", "रॉयटर्स", "رائٹرز", "رويترز", "路透社", "路透"]),
        ("AP", ["ap", "associated press", "the associated press", "एपी", "美联社"]),
        ("AFP", ["afp", "agence france-presse", "agence france presse", "एएफपी", "اے ایف پی", "فرانس برس", "法新社"]),
        ("PTI", ["pti", "press trust of india", "पीटीआई", "भाषा", "पीटीआई-भाषा"]),
        ("ANI", ["ani", "asian news international", "एएनआई"]),
        ("IANS", ["ians", "indo-asian news service", "आईएएनएस"]),
        ("UNI", ["uni", "united news of india", "यूएनआई", "वार्ता"]),
        ("APP", ["app", "associated press of pakistan", "اے پی پی"]),
        ("Xinhua", ["xinhua", "新华社", "新华网"]),
        ("Bloomberg", ["bloomberg"]),
        ("dpa", ["dpa", "deutsche presse-agentur"]),
        ("EFE", ["efe"]),
        ("Kyodo", ["kyodo", "共同社"]),
        ("Yonhap", ["yonhap"]),
        ("ANSA", ["ansa"]),
        ("Anadolu", ["anadolu", "anadolu agency", "aa"]),
        ("TASS", ["tass"]),
        ("Interfax", ["interfax"]),
        ("RIA Novosti", ["ria novosti", "ria"]),
        ("Bernama", ["bernama"]),
        ("Antara", ["antara"]),
        ("AAP", ["aap", "australian associated press"]),
        ("PA Media", ["pa", "pa media", "press association"]),
        ("WAM", ["wam"]),
        ("KUNA", ["kuna"]),
        ("SPA", ["spa", "saudi press agency"]),
        ("BSS", ["bss"]),
        ("UNB", ["unb"]),
        ("CNA", ["cna", "central news agency"]),
        ("PAP", ["pap"]),
        ("ČTK", ["čtk", "ctk"]),
        ("APA", ["apa"]),
        ("Belga", ["belga"]),
        ("NTB", ["ntb"]),
        ("TT", ["tt"]),
        ("Lusa", ["lusa"]),
        ("Europa Press", ["europa press"]),
    ]

    private static let byAlias: [String: String] = {
        var table: [String: String] = [:]
        for entry in catalog { for alias in entry.aliases { table[Normalization.normalize(alias)] = entry.name } }
        return table
    }()

    /// Aliases short enough to be ordinary words or initials ("AP", "AA", "PA", "TT") are
    /// only taken in upper case, as agencies print them.
    private static let upperCaseOnly: Set<String> = ["ap", "aa", "pa", "tt", "app", "uni", "spa", "ria", "apa", "pap", "wam", "efe", "ani", "cna", "unb"]

    /// The canonical agency `text` names by itself ("Reuters", "(PTI)", "Press Trust of India"), if any.
    public static func agency(named text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: " \t()[]（）-–—:,.;|")
        let key = Normalization.normalize(trimmed)
        guard let name = byAlias[key] else { return nil }
        if upperCaseOnly.contains(key) && trimmed != trimmed.uppercased() { return nil }
        return name
    }

    /// Agencies named in `text` as whole words or as parts of a credit such as
    /// "PTI-भाषा" or "Reuters/ANI", in order of appearance.
    public static func agencies(mentionedIn text: String) -> [String] {
        var found: [String] = []
        for part in creditParts(of: text) {
            let candidates = [String(part)] + part.split(separator: "-").map(String.init)
            for candidate in candidates {
                if let name = agency(named: candidate), !found.contains(name) { found.append(name) }
            }
        }
        // Multi-word names ("Associated Press", "Press Trust of India"), between the same
        // separators as single words (a credit often closes with the name and a parenthesis).
        let words = (" " + Normalization.normalize(text) + " ").utf8.map { byte in
            isCreditSeparator(byte) ? UInt8(ascii: " ") : byte
        }
        words.withUnsafeBufferPointer { words in
            for (name, needles) in multiWordAliases where !found.contains(name) {
                if needles.contains(where: { contains(words, $0) }) { found.append(name) }
            }
        }
        return found
    }
}

extension Agencies {
    /// The parts of a credit between separators. ASCII text is split on its bytes, which are
    /// its characters, without the character-by-character walk the general split makes.
    private static func creditParts(of text: String) -> [Substring] {
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 < 0x80 } } ?? false
        guard ascii else { return text.split(whereSeparator: { " ,;/&+|()[]（）".contains($0) }) }
        return text.utf8.split(whereSeparator: isCreditSeparator).map { Substring($0) }
    }

    /// The ASCII characters that separate the parts of a credit.
    private static func isCreditSeparator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "/"), UInt8(ascii: "&"), UInt8(ascii: "+"),
             UInt8(ascii: "|"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"):
            true
        default:
            false
        }
    }

    /// Aliases of more than one word, as the UTF-8 of ` alias `, by agency.
    private static let multiWordAliases: [(name: String, needles: [[UInt8]])] = catalog.compactMap { entry in
        let needles = entry.aliases.filter { $0.contains(" ") }.map { Array(" \($0) ".utf8) }
        return needles.isEmpty ? nil : (entry.name, needles)
    }

    /// Whether `needle` occurs in `text`, byte for byte.
    private static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard needle.count <= text.count else { return false }
        guard let first = needle.first else { return true }
        for start in 0...(text.count - needle.count) where text[start] == first {
            if needle.indices.allSatisfy({ text[start + $0] == needle[$0] }) { return true }
        }
        return false
    }
}

extension String {
    /// The string without the given characters at either end.
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace || set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace || set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
