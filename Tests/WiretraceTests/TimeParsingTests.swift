import Testing
import Wiretrace

@Suite("Created and updated times")
struct TimeParsingTests {
    static let india = TimeContext(country: "in")
    static let unitedStates = TimeContext(country: "us")
    static let unknown = TimeContext()

    /// (text, context, expected UTC instant, expected offset in minutes)
    static let cases: [(String, TimeContext, String, Int)] = [
        ("08-12-2023 15:00 IST", india, "2023-12-08T09:30:00Z", 330),
        ("08-12-2023 14:59 IST", india, "2023-12-08T09:29:00Z", 330),
        ("2023-12-08T09:20:00Z", unknown, "2023-12-08T09:20:00Z", 0),
        ("2023-12-08T15:11:00+05:30", unknown, "2023-12-08T09:41:00Z", 330),
        ("2023-12-08T15:11:00.123+0530", unknown, "2023-12-08T09:41:00Z", 330),
        ("Fri, 08 Dec 2023 10:48:00 +0000", unknown, "2023-12-08T10:48:00Z", 0),
        ("Dec 8, 2023 3:00 PM ET", unknown, "2023-12-08T20:00:00Z", -300),
        ("Jul 4, 2023 3:00 PM ET", unknown, "2023-07-04T19:00:00Z", -240),
        ("Dec 8, 2023 7:15 AM ET", unknown, "2023-12-08T12:15:00Z", -300),
        ("8 December 2023 09:41 GMT", unknown, "2023-12-08T09:41:00Z", 0),
        ("8 December 2023 11:02 BST", TimeContext(country: "gb"), "2023-12-08T10:02:00Z", 60),
        ("December 8, 2023 12:05 a.m. PT", unknown, "2023-12-08T08:05:00Z", -480),
        ("12/08/2023 3:00 PM EST", unitedStates, "2023-12-08T20:00:00Z", -300),
        ("08.12.2023 15:00 CET", unknown, "2023-12-08T14:00:00Z", 60),
        ("9 June 2024 10:00 JST", unknown, "2024-06-09T01:00:00Z", 540),
        ("08-12-2023 15:00 IST", TimeContext(zoneOverrides: ["IST": 60]), "2023-12-08T14:00:00Z", 60),
        ("8. Dezember 2023, 15:00 MEZ", unknown, "2023-12-08T14:00:00Z", 60),
        ("Published 08-12-2023 15:00", india, "2023-12-08T09:30:00Z", 330),
        // Fractions of any length, and after a colon; a one-digit second.
        ("2021-04-05T10:20:30.1234567Z", unknown, "2021-04-05T10:20:30Z", 0),
        ("2021-04-05T10:20:30:512Z", unknown, "2021-04-05T10:20:30Z", 0),
        ("2021-04-05T10:20:3Z", unknown, "2021-04-05T10:20:03Z", 0),
        // Year first with dots, and the Korean afternoon before the clock.
        ("2021.04.05. 오후 3:10", TimeContext(country: "kr"), "2021-04-05T06:10:00Z", 540),
        ("2021.04.05 09:15 +09:00", unknown, "2021-04-05T00:15:00Z", 540),
    ]

    @Test("parses the formats news sites print", arguments: cases)
    func parses(text: String, context: TimeContext, expected: String, offset: Int) throws {
        let time = try #require(ArticleTime(kind: .created, text: text, source: "test", context: context))
        #expect(time.instant?.description == expected, "\(text)")
        #expect(time.utcOffsetMinutes == offset, "\(text)")
        #expect(time.problem == nil, "\(text)")
    }

    @Test("a date without a time keeps its day")
    func dateOnly() throws {
        let time = try #require(ArticleTime(kind: .created, text: "8 December 2023", source: "test", context: Self.unknown))
        #expect(time.hasTimeOfDay == false)
        #expect(time.instant?.day == "2023-12-08")
    }

    @Test("year, month and day with their East Asian signs", arguments: [
        ("2021年4月5日", "2021-04-05"), ("2021年04月05日 10:30", "2021-04-05"), ("2021년 4월 5일", "2021-04-05"),
        ("掲載日 2019年12月31日(火)", "2019-12-31"),
    ])
    func eastAsianDates(text: String, day: String) throws {
        let time = try #require(ArticleTime(kind: .created, text: text, source: "test", context: TimeContext(country: "jp")))
        #expect(time.instant?.iso8601(utcOffsetMinutes: 540).prefix(10) == day[...])
    }

    @Test("a two-digit year glued to the time of day is not a year of the last century")
    func gluedTwoDigitYear() throws {
        let time = try #require(ArticleTime(kind: .created, text: "posted 14.03.2108:45", source: "t", context: TimeContext(country: "de")))
        #expect(time.instant?.day == "2021-03-14")
        #expect(time.hasTimeOfDay)
    }

    @Test("IST without a country is reported as ambiguous, not guessed")
    func ambiguousZone() throws {
        let time = try #require(ArticleTime(kind: .updated, text: "08-12-2023 15:00 IST", source: "test", context: TimeContext(dayMonthOrder: .dayFirst)))
        #expect(time.instant == nil)
        #expect(time.problem?.contains("IST is ambiguous") == true)
    }

    @Test("day-month order comes from the source, not from the string")
    func dayMonthOrder() throws {
        let indian = try #require(ArticleTime(kind: .created, text: "08-12-2023", source: "t", context: Self.india))
        let american = try #require(ArticleTime(kind: .created, text: "08-12-2023", source: "t", context: Self.unitedStates))
        #expect(indian.instant?.day == "2023-12-08")
        #expect(american.instant?.day == "2023-08-12")
        let unknown = try #require(ArticleTime(kind: .created, text: "08-12-2023", source: "t", context: Self.unknown))
        #expect(unknown.instant == nil)
        #expect(unknown.problem?.contains("ambiguous day-month order") == true)
        // An unambiguous date needs no order.
        let clear = try #require(ArticleTime(kind: .created, text: "25-12-2023", source: "t", context: Self.unknown))
        #expect(clear.instant?.day == "2023-12-25")
    }

    @Test("text without a date is not a time", arguments: ["Reuters", "about 4 a.m. on Friday", "", "2,500 troops"])
    func notATime(text: String) {
        #expect(ArticleTime(kind: .created, text: text, source: "t", context: Self.unknown) == nil)
    }

    @Test("a software version after a name is no date; padded or dated dotted forms still are")
    func versionNumbers() throws {
        let dayFirst = TimeContext(dayMonthOrder: .dayFirst)
        for version in ["WordPress 4.8.12", "Joomla 3.9.28 installed", "v2.1.15", "release 1.2.3.4"] {
            #expect(ArticleTime(kind: .created, text: version, source: "t", context: dayFirst)?.instant == nil, "\(version)")
        }
        for (text, day) in [("Stand 04.08.12", "2012-08-04"), ("am 4.8.12", "2012-08-04"), ("Berlin, 4.8.2012", "2012-08-04")] {
            #expect(ArticleTime(kind: .created, text: text, source: "t", context: dayFirst)?.instant?.day == day, "\(text)")
        }
    }

    @Test("timestamps round-trip through civil dates")
    func civil() {
        let stamp = Timestamp(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59, utcOffsetMinutes: 330)
        #expect(stamp.description == "2024-02-29T18:29:59Z")
        #expect(stamp.iso8601(utcOffsetMinutes: 330) == "2024-02-29T23:59:59+05:30")
        #expect(Timestamp(secondsSince1970: 0).description == "1970-01-01T00:00:00Z")
    }
}

@Suite("Country clocks")
struct CountryClockTests {
    @Test("countries with several zones keep their main newsrooms' clock, with its summer time", arguments: [
        ("us", Timestamp(year: 2023, month: 11, day: 9, hour: 1, minute: 49), -300, "2023-11-08"),
        ("us", Timestamp(year: 2023, month: 7, day: 9, hour: 1, minute: 49), -240, "2023-07-08"),
        ("ca", Timestamp(year: 2023, month: 1, day: 9, hour: 3), -300, "2023-01-08"),
        ("au", Timestamp(year: 2023, month: 1, day: 9, hour: 14), 660, "2023-01-10"),
        ("au", Timestamp(year: 2023, month: 7, day: 9, hour: 14), 600, "2023-07-10"),
        ("ru", Timestamp(year: 2023, month: 7, day: 9, hour: 22), 180, "2023-07-10"),
        ("de", Timestamp(year: 2022, month: 11, day: 6, hour: 23), 60, "2022-11-07"),
    ])
    func clocks(country: String, instant: Timestamp, offset: Int, day: String) {
        #expect(CountryClock.offset(in: country, at: instant) == offset)
        let time = ArticleTime(kind: .created, text: "", source: "t", instant: instant, utcOffsetMinutes: 0, zone: "Z")
        #expect(time.localDay(pageOffset: nil, country: country) == day)
    }
}
