/// Which of two articles was published first, from their created times.
public struct PublicationOrder: Sendable, Hashable {
    public enum First: String, Sendable, Hashable, Codable {
        case a, b, same
        /// At least one side declares no created time with a known instant.
        case unknown
    }

    public var first: First
    /// How much earlier, in seconds (0 when the same or unknown).
    public var leadSeconds: Int64
    public var createdA: ArticleTime?
    public var createdB: ArticleTime?

    public init(_ a: Article, _ b: Article) {
        self.init(created: a.created, b.created)
    }

    /// Orders two created times: the one rule for "which was published first", used for two
    /// articles and for the members of a story (``Provenance``).
    public init(created a: ArticleTime?, _ b: ArticleTime?) {
        createdA = a
        createdB = b
        guard let instantA = a?.instant, let instantB = b?.instant else {
            first = .unknown; leadSeconds = 0; return
        }
        // A date without a time of day only orders articles published on different days.
        let coarse = a?.hasTimeOfDay == false || b?.hasTimeOfDay == false
        let difference = instantB.secondsSince1970 - instantA.secondsSince1970
        if difference == 0 || (coarse && abs(difference) < 86_400) {
            first = .same; leadSeconds = 0
        } else {
            first = difference > 0 ? .a : .b
            leadSeconds = abs(difference)
        }
    }

    /// `5 h 30 min`, `2 days 3 h`, `45 s`.
    public static func durationText(_ seconds: Int64) -> String {
        let days = seconds / 86_400, hours = seconds % 86_400 / 3600, minutes = seconds % 3600 / 60
        if days > 0 { return hours > 0 ? "\(days) day\(days == 1 ? "" : "s") \(hours) h" : "\(days) day\(days == 1 ? "" : "s")" }
        if hours > 0 { return minutes > 0 ? "\(hours) h \(minutes) min" : "\(hours) h" }
        if minutes > 0 { return "\(minutes) min" }
        return "\(seconds) s"
    }
}
