/// Reads the date-and-time formats news sites print: ISO 8601 with or without offset,
/// RFC 2822 (`Fri, 08 Dec 2023 09:41:00 +0000`), numeric dates (`08-12-2023 15:00 IST`),
/// dates with month names in several languages (`8 December 2023`, `Dec 8, 2023 3:00 PM
/// ET`), 12- and 24-hour clocks, numeric offsets and zone abbreviations.
enum TimeParser {
    struct Parsed: Equatable {
        var year: Int, month: Int, day: Int
        var hour = 0, minute = 0, second = 0
        var hasTimeOfDay = false
        var utcOffsetMinutes: Int?
        var zone: String?
        var instant: Timestamp?
        var problem: String?
    }

    enum Token: Equatable {
        case number(String)
        case word(String)
        case symbol(Character)
    }

    static func parse(_ text: String, context: TimeContext) -> Parsed? {
        let tokens = lex(text)
        guard var parsed = iso8601(tokens) ?? cjkDate(tokens) ?? numericDate(tokens, context: context) ?? namedMonthDate(tokens) else {
            return nil
        }
        if !parsed.hasTimeOfDay { readTimeOfDay(tokens, into: &parsed) }
        if parsed.utcOffsetMinutes == nil && parsed.problem == nil { readZone(tokens, into: &parsed, context: context) }
        guard isValid(parsed) else { return nil }
        // An ambiguous zone or day order gives no instant rather than a guessed one.
        if parsed.problem != nil { return parsed }
        if parsed.utcOffsetMinutes == nil, parsed.hasTimeOfDay {
            // A bare local time: the source country's usual offset, or UTC for a date alone.
            if let country = context.country, ZoneTable.bareLocalTimeCountries.contains(country),
               let rule = ZoneTable.countryClocks[country] {
                parsed.utcOffsetMinutes = ZoneTable.offset(of: rule, year: parsed.year, month: parsed.month, day: parsed.day,
                                                           hour: parsed.hour, minute: parsed.minute)
            } else {
                parsed.problem = parsed.problem ?? "no time zone given; read as UTC"
            }
        }
        parsed.instant = Timestamp(year: parsed.year, month: parsed.month, day: parsed.day, hour: parsed.hour,
                                   minute: parsed.minute, second: parsed.second,
                                   utcOffsetMinutes: parsed.utcOffsetMinutes ?? 0)
        return parsed
    }

    static func isValid(_ p: Parsed) -> Bool {
        guard (1...12).contains(p.month), p.year >= 1900, p.year <= 2200, p.hour < 24, p.minute < 60, p.second < 61 else { return false }
        let daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][p.month - 1]
        return (1...daysInMonth).contains(p.day)
    }

    static func lex(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var currentIsNumber = false
        func flush() {
            guard !current.isEmpty else { return }
            tokens.append(currentIsNumber ? .number(current) : .word(current))
            current = ""
        }
        for character in text {
            if character.isASCIIDigit {
                if !currentIsNumber { flush(); currentIsNumber = true }
                current.append(character)
            } else if character.isLetter {
                if currentIsNumber { flush(); currentIsNumber = false }
                current.append(character)
            } else {
                flush()
                if !character.isWhitespace { tokens.append(.symbol(character)) }
            }
        }
        flush()
        return tokens
    }

    // MARK: Dates

    /// `2023-12-08`, `2023-12-08T09:29:00Z`, `2023-12-08 15:11:00+05:30`, and the year-first
    /// dates of East Asia and Central Europe (`2023/12/08`, `2023.12.08.`).
    static func iso8601(_ tokens: [Token]) -> Parsed? {
        for start in tokens.indices {
            guard case .number(let y) = tokens[start], y.count == 4,
                  start + 4 < tokens.count,
                  tokens[start + 1] == .symbol("-") || tokens[start + 1] == .symbol("/") || tokens[start + 1] == .symbol("."),
                  case .number(let m) = tokens[start + 2], m.count <= 2,
                  tokens[start + 3] == tokens[start + 1],
                  case .number(let d) = tokens[start + 4], d.count <= 2
            else { continue }
            var parsed = Parsed(year: Int(y)!, month: Int(m)!, day: Int(d)!)
            var index = start + 5
            // A glued "T09" lexes as the word "T" then the number.
            if index < tokens.count, case .word(let w) = tokens[index], w == "T" || w == "t" { index += 1 }
            if let (hour, minute, second, next) = clock(tokens, at: index) {
                parsed.hour = hour; parsed.minute = minute; parsed.second = second
                parsed.hasTimeOfDay = true
                index = next
                // Fractions of a second, of any length (".123", ".0000000"), also written after a
                // colon by some CMSs (":684").
                if index + 1 < tokens.count, tokens[index] == .symbol(".") || tokens[index] == .symbol(":"),
                   case .number = tokens[index + 1] { index += 2 }
                if index < tokens.count, case .word(let w) = tokens[index], w == "Z" || w == "z" {
                    parsed.utcOffsetMinutes = 0; parsed.zone = "Z"
                } else if let (offset, text, _) = numericOffset(tokens, at: index) {
                    parsed.utcOffsetMinutes = offset; parsed.zone = text
                }
            }
            return parsed
        }
        return nil
    }

    /// `2020年07月03日` (Japanese and Chinese), `2020년 7월 3일` (Korean): year, month and day
    /// each followed by its sign.
    static func cjkDate(_ tokens: [Token]) -> Parsed? {
        for start in tokens.indices {
            guard case .number(let y) = tokens[start], y.count == 4, start + 5 < tokens.count,
                  case .word(let yearSign) = tokens[start + 1], yearSign.hasPrefix("年") || yearSign.hasPrefix("년"),
                  case .number(let m) = tokens[start + 2], m.count <= 2,
                  case .word(let monthSign) = tokens[start + 3], monthSign.hasPrefix("月") || monthSign.hasPrefix("월"),
                  case .number(let d) = tokens[start + 4], d.count <= 2,
                  case .word(let daySign) = tokens[start + 5], daySign.hasPrefix("日") || daySign.hasPrefix("일")
            else { continue }
            return Parsed(year: Int(y)!, month: Int(m)!, day: Int(d)!)
        }
        return nil
    }

    /// `08-12-2023`, `12/8/2023`, `08.12.2023`, with the day order of the source.
    static func numericDate(_ tokens: [Token], context: TimeContext) -> Parsed? {
        for start in tokens.indices {
            guard case .number(let a) = tokens[start], a.count <= 2,
                  start + 4 < tokens.count,
                  case .symbol(let separator) = tokens[start + 1], "-/.".contains(separator),
                  case .number(let b) = tokens[start + 2], b.count <= 2,
                  tokens[start + 3] == .symbol(separator),
                  case .number(let c) = tokens[start + 4], c.count == 4 || c.count == 2
            else { continue }
            if isVersionNumber(tokens, at: start) { continue }
            let first = Int(a)!, second = Int(b)!
            var year = Int(c)!
            var glued: (hour: Int, minute: Int)?
            if c.count == 2 { year += 2000 }
            // "28.09.1912:44" is a two-digit year glued to the time of day ("28.09.19" "12:44"),
            // not the year 1912: a year is not followed by a colon.
            if c.count == 4, start + 6 < tokens.count, tokens[start + 5] == .symbol(":"), case .number(let m) = tokens[start + 6],
               m.count == 2, let hour = Int(c.suffix(2)), hour < 24, let minute = Int(m), minute < 60 {
                year = 2000 + Int(c.prefix(2))!
                glued = (hour, minute)
            }
            var parsed: Parsed
            if first > 12 && second <= 12 {
                parsed = Parsed(year: year, month: second, day: first)
            } else if second > 12 && first <= 12 {
                parsed = Parsed(year: year, month: first, day: second)
            } else if first == second {
                parsed = Parsed(year: year, month: first, day: second)
            } else {
                switch context.effectiveDayMonthOrder ?? zoneDayMonthOrder(tokens) {
                case .dayFirst: parsed = Parsed(year: year, month: second, day: first)
                case .monthFirst: parsed = Parsed(year: year, month: first, day: second)
                case nil:
                    parsed = Parsed(year: year, month: second, day: first)
                    parsed.problem = "ambiguous day-month order in \(a)\(separator)\(b)\(separator)\(c); the source's country is unknown"
                }
            }
            if let glued {
                parsed.hour = glued.hour; parsed.minute = glued.minute
                parsed.hasTimeOfDay = true
            }
            return parsed
        }
        return nil
    }

    /// Whether the dotted numbers at `start` (`4.8.12`) are a software version, not a day: a
    /// fourth part (`1.2.3.4`), or a two-digit last part with a one-digit first or second part
    /// written after a name or a `v` (`WordPress 4.8.12`, `v2.1.15`). Dates written with dots
    /// pad their parts (`04.08.12`) or give the year in full.
    static func isVersionNumber(_ tokens: [Token], at start: Int) -> Bool {
        guard tokens[start + 1] == .symbol(".") else { return false }
        if start + 6 < tokens.count, tokens[start + 5] == .symbol("."), case .number = tokens[start + 6] { return true }
        guard case .number(let a) = tokens[start], case .number(let b) = tokens[start + 2], case .number(let c) = tokens[start + 4],
              c.count == 2, a.count == 1 || b.count == 1, start > 0, case .word(let name) = tokens[start - 1] else { return false }
        return name == "v" || name == "V" || (name.count >= 2 && name.first!.isUppercase && monthNumber(name) == nil)
    }

    /// The day order implied by a zone written beside a date: US zones put the month first,
    /// the other zones of the table belong to countries that put the day first.
    static func zoneDayMonthOrder(_ tokens: [Token]) -> TimeContext.DayMonthOrder? {
        for token in tokens {
            guard case .word(let word) = token, word.count >= 2, word == word.uppercased() else { continue }
            if ZoneTable.unitedStatesZones.contains(word) { return .monthFirst }
            if let meanings = ZoneTable.byCountry[word] {
                // CST may be Chicago's: no order from it.
                if meanings.contains(where: { $0.countries.contains("us") }) { continue }
                return .dayFirst
            }
            if ZoneTable.unambiguous[word] != nil { return .dayFirst }
        }
        return nil
    }

    /// `8 December 2023`, `Dec 8, 2023`, `Fri, 08 Dec 2023`, `8. Dezember 2023`.
    static func namedMonthDate(_ tokens: [Token]) -> Parsed? {
        for (index, token) in tokens.enumerated() {
            guard case .word(let word) = token, let month = monthNumber(word) else { continue }
            var day: Int?
            // Day before the month: "8 December", "8th December", "8. Dezember", "8 de diciembre".
            var back = index - 1
            while back >= 0, isFiller(tokens[back]) { back -= 1 }
            if back >= 0, case .number(let n) = tokens[back], n.count <= 2, let value = Int(n), (1...31).contains(value) {
                day = value
            }
            // Day after the month: "December 8", "Dec. 8th".
            if day == nil {
                var forward = index + 1
                while forward < tokens.count, tokens[forward] == .symbol(".") { forward += 1 }
                if forward < tokens.count, case .number(let n) = tokens[forward], n.count <= 2,
                   let value = Int(n), (1...31).contains(value) {
                    // Not the hour of "December 2023 15:00": a day is not followed by ':'.
                    if !(forward + 1 < tokens.count && tokens[forward + 1] == .symbol(":")) { day = value }
                }
            }
            guard let day else { continue }
            guard let year = tokens[index...].lazy.compactMap({ token -> Int? in
                if case .number(let n) = token, n.count == 4, let y = Int(n), (1900...2200).contains(y) { return y }
                return nil
            }).first else { continue }
            return Parsed(year: year, month: month, day: day)
        }
        return nil
    }

    private static func isFiller(_ token: Token) -> Bool {
        switch token {
        case .symbol(let s): return s == "." || s == ","
        case .word(let w): return ["th", "st", "nd", "rd", "de", "of", "er", "e"].contains(w.lowercased())
        case .number: return false
        }
    }

    static func monthNumber(_ word: String) -> Int? {
        let lower = word.lowercased()
        if let month = monthNames[lower] { return month }
        // Abbreviations: "Dec", "Sept", "Okt", "déc".
        guard lower.count >= 3 else { return nil }
        for (name, month) in monthNames where name.count > lower.count && name.hasPrefix(lower) && lower.count >= 3 {
            return month
        }
        return nil
    }

    static let monthNames: [String: Int] = {
        let lists: [[String]] = [
            ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
            ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
            ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
            ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
            ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
            ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
            ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
            ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"],
            ["styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień"],
            // Russian, in the genitive of dates ("7 октября 2020") and the nominative.
            ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
            ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"],
            // Arabic, the months of Egypt and the Gulf, with their common spellings.
            ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
            ["يناير", "فبراير", "مارس", "إبريل", "مايو", "يونيه", "يوليه", "اغسطس", "سبتمبر", "اكتوبر", "نوفمبر", "ديسمبر"],
            ["يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
        ]
        var table: [String: Int] = ["sept": 9, "jänner": 1, "setiembre": 9]
        for list in lists { for (i, name) in list.enumerated() where table[name] == nil { table[name] = i + 1 } }
        return table
    }()

    // MARK: Times of day and zones

    /// `15:00`, `09:41:07` at `index`: hour, minute, second and the index after.
    static func clock(_ tokens: [Token], at index: Int) -> (Int, Int, Int, Int)? {
        guard index + 2 < tokens.count, case .number(let h) = tokens[index], h.count <= 2,
              tokens[index + 1] == .symbol(":"), case .number(let m) = tokens[index + 2], m.count == 2
        else { return nil }
        var next = index + 3
        var second = 0
        // Seconds; one digit is a CMS that dropped a leading zero ("23:15:0Z").
        if next + 1 < tokens.count, tokens[next] == .symbol(":"), case .number(let s) = tokens[next + 1], s.count <= 2 {
            second = Int(s)!; next += 2
        }
        return (Int(h)!, Int(m)!, second, next)
    }

    /// `+0530`, `+05:30`, `-04`, at `index`: minutes, the text, and the index after.
    static func numericOffset(_ tokens: [Token], at index: Int) -> (Int, String, Int)? {
        guard index + 1 < tokens.count, case .symbol(let sign) = tokens[index], sign == "+" || sign == "-" || sign == "\u{2212}",
              case .number(let first) = tokens[index + 1] else { return nil }
        var text = "\(sign)\(first)"
        var next = index + 2
        if first.count <= 2, next + 1 < tokens.count, tokens[next] == .symbol(":"), case .number(let minutes) = tokens[next + 1] {
            text += ":\(minutes)"; next += 2
        }
        guard let offset = TimeContext.offsetMinutes(parsing: text) else { return nil }
        return (offset, text, next)
    }

    static func readTimeOfDay(_ tokens: [Token], into parsed: inout Parsed) {
        for index in tokens.indices {
            var hour: Int, minute = 0, second = 0, next: Int
            if let (h, m, s, after) = clock(tokens, at: index) {
                (hour, minute, second, next) = (h, m, s, after)
            } else if case .number(let h) = tokens[index], h.count <= 2, index + 1 < tokens.count,
                      case .word(let w) = tokens[index + 1], meridiem(w, tokens, index + 1) != nil {
                hour = Int(h)!; next = index + 1
            } else { continue }
            // East Asian pages write the half of the day before the clock: "오후 8:06", "午後3時".
            if index > 0, case .word(let w) = tokens[index - 1], let isPM = eastAsianMeridiem(w) {
                guard hour >= 1 && hour <= 12 else { continue }
                if isPM && hour < 12 { hour += 12 }
                if !isPM && hour == 12 { hour = 0 }
                parsed.hour = hour; parsed.minute = minute; parsed.second = second
                parsed.hasTimeOfDay = true
                return
            }
            // Not a year or day: "3 PM" needs its meridiem; "15:00" needs the colon, checked above.
            if next < tokens.count, case .word(let w) = tokens[next], let isPM = meridiem(w, tokens, next) {
                guard hour >= 1 && hour <= 12 else { continue }
                if isPM && hour < 12 { hour += 12 }
                if !isPM && hour == 12 { hour = 0 }
            }
            parsed.hour = hour; parsed.minute = minute; parsed.second = second
            parsed.hasTimeOfDay = true
            return
        }
    }

    /// Korean, Japanese and Chinese words for the afternoon (true) and the morning (false).
    private static func eastAsianMeridiem(_ word: String) -> Bool? {
        for suffix in ["오후", "午後", "下午"] where word.hasSuffix(suffix) { return true }
        for suffix in ["오전", "午前", "上午"] where word.hasSuffix(suffix) { return false }
        return nil
    }

    /// `PM` / `pm` / `p.m.` at `index`: true for afternoon.
    private static func meridiem(_ word: String, _ tokens: [Token], _ index: Int) -> Bool? {
        switch word.lowercased() {
        case "am": return false
        case "pm": return true
        case "a", "p":
            // "a.m." lexes as a . m .
            guard index + 2 < tokens.count, tokens[index + 1] == .symbol("."),
                  case .word(let m) = tokens[index + 2], m.lowercased() == "m" else { return nil }
            return word.lowercased() == "p"
        default: return nil
        }
    }

    static func readZone(_ tokens: [Token], into parsed: inout Parsed, context: TimeContext) {
        for index in tokens.indices {
            // "GMT+5:30", "UTC+05:30"
            if case .word(let w) = tokens[index], ["GMT", "UTC"].contains(w.uppercased()),
               let (offset, text, _) = numericOffset(tokens, at: index + 1) {
                parsed.utcOffsetMinutes = offset; parsed.zone = w.uppercased() + text
                return
            }
            // RFC 2822 "+0000" after a clock.
            if parsed.hasTimeOfDay, index >= 2, tokens[index - 2] == .symbol(":"), case .number = tokens[index - 1],
               case .symbol = tokens[index], let (offset, text, _) = numericOffset(tokens, at: index) {
                if case .number(let digits) = tokens[index + 1], digits.count == 4 || digits.count == 2 {
                    parsed.utcOffsetMinutes = offset; parsed.zone = text
                    return
                }
            }
            guard case .word(let word) = tokens[index], word.count >= 2, word.count <= 5,
                  word == word.uppercased() else { continue }
            switch ZoneTable.resolve(word, country: context.country, overrides: context.zoneOverrides,
                                     year: parsed.year, month: parsed.month, day: parsed.day,
                                     hour: parsed.hour, minute: parsed.minute) {
            case .offset(let offset):
                parsed.utcOffsetMinutes = offset; parsed.zone = word
                return
            case .ambiguous(let meanings):
                parsed.zone = word
                parsed.problem = "\(word) is ambiguous (\(meanings.joined(separator: ", "))) and the source's country is unknown; pass --zone \(word)=+HH:MM"
                return
            case .unknown:
                continue
            }
        }
    }
}
