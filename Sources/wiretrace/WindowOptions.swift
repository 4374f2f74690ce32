import ArgumentParser
import Foundation
import Wiretrace
import WiretraceIndex

/// The time window of a query on the index: `--since`, `--until`, `--seen`.
struct WindowOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only copies published on or after this moment: a date (2024-05-30), a date and time, today, yesterday, or a span back from now (24h, 7d, 2w, 90min).", valueName: "WHEN"))
    var since: String?
    @Option(help: ArgumentHelp("Only copies published on or before this moment (a date counts to its end).", valueName: "WHEN"))
    var until: String?
    @Flag(help: "Bound by when the scan first saw each copy, not by when it was published.") var seen = false

    /// `filter` bounded by the window, on this machine's clock; a usage error names the option.
    func apply(to filter: inout StoryFilter) throws {
        filter.basis = seen ? .seen : .published
        filter.since = try since.map { try Self.moment($0, "--since").start }
        filter.until = try until.map { try Self.moment($0, "--until").end }
    }

    private static func moment(_ text: String, _ option: String) throws -> QueryTime {
        let now = Date()
        let offset = TimeZone.current.secondsFromGMT(for: now) / 60
        guard let time = QueryTime(text, now: Timestamp(secondsSince1970: Int64(now.timeIntervalSince1970)), utcOffsetMinutes: offset) else {
            Terminal.complain("\(option) \(shown(text)): not a date, a time, today, yesterday or a span such as 24h or 7d")
            throw ExitCode(2)
        }
        return time
    }
}
