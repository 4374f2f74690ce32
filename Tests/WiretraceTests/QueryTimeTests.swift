import Testing
import Wiretrace

@Suite("Query times: the moments --since and --until name")
struct QueryTimeTests {
    /// 2024-05-30 22:30 UTC: already 31 May in Berlin in summer (UTC+2).
    static let now = Timestamp(year: 2024, month: 5, day: 30, hour: 22, minute: 30)

    @Test("a day is the whole day on the user's clock")
    func days() throws {
        let utc = try #require(QueryTime("2024-05-30", now: Self.now))
        #expect(utc.start == Timestamp(year: 2024, month: 5, day: 30))
        #expect(utc.end == Timestamp(year: 2024, month: 5, day: 30, hour: 23, minute: 59, second: 59))
        let berlin = try #require(QueryTime("30.05.2024", now: Self.now, utcOffsetMinutes: 120))
        #expect(berlin.start == Timestamp(year: 2024, month: 5, day: 29, hour: 22))
        #expect(berlin.end.secondsSince1970 - berlin.start.secondsSince1970 == 86_399)
    }

    @Test("today and yesterday follow the user's clock; spans count back from now")
    func relative() throws {
        #expect(QueryTime("today", now: Self.now)?.start == Timestamp(year: 2024, month: 5, day: 30))
        #expect(QueryTime("today", now: Self.now, utcOffsetMinutes: 120)?.start == Timestamp(year: 2024, month: 5, day: 30, hour: 22))
        #expect(QueryTime("Yesterday", now: Self.now)?.start == Timestamp(year: 2024, month: 5, day: 29))
        #expect(QueryTime("yesterday", now: Self.now)?.end == Timestamp(year: 2024, month: 5, day: 29, hour: 23, minute: 59, second: 59))
        #expect(QueryTime("24h", now: Self.now)?.start == Timestamp(year: 2024, month: 5, day: 29, hour: 22, minute: 30))
        #expect(QueryTime("7d", now: Self.now)?.start == Timestamp(year: 2024, month: 5, day: 23, hour: 22, minute: 30))
        #expect(QueryTime("2w", now: Self.now)?.start == Timestamp(year: 2024, month: 5, day: 16, hour: 22, minute: 30))
        #expect(QueryTime("90min", now: Self.now)?.start == Timestamp(year: 2024, month: 5, day: 30, hour: 21))
        #expect(QueryTime("now", now: Self.now)?.start == Self.now)
    }

    @Test("a time of day is an instant; without a zone it is on the user's clock")
    func instants() throws {
        let zoned = try #require(QueryTime("2024-05-30T14:00+02:00", now: Self.now, utcOffsetMinutes: -300))
        #expect(zoned.start == Timestamp(year: 2024, month: 5, day: 30, hour: 12) && zoned.end == zoned.start)
        let local = try #require(QueryTime("2024-05-30 14:00", now: Self.now, utcOffsetMinutes: 120))
        #expect(local.start == Timestamp(year: 2024, month: 5, day: 30, hour: 12))
    }

    @Test("words that name no moment are refused", arguments: ["", "soon", "7x", "h", "last week", "-3d"])
    func refused(text: String) {
        #expect(QueryTime(text, now: Self.now) == nil)
    }
}
