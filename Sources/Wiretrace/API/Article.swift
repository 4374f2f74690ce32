/// A news article as a reader found it: its text in paragraphs and everything the page
/// declares about it.
///
/// Readers in `WiretraceFormats` build articles from bytes; the core fingerprints and
/// compares them. An article holds raw text: normalization happens in ``Fingerprint``.
public struct Article: Sendable, Hashable, Codable {
    /// The headline, without any site-name suffix.
    public var title: String?
    /// The publishing outlet ("Devdiscourse"), when the page names it.
    public var outlet: String?
    /// The canonical URL the page declares.
    public var canonicalURL: String?
    /// The byline ("By Jane Doe" without "By").
    public var byline: String?
    /// Agencies credited by the article, for its text or for an image.
    public var credits: [AgencyCredit]
    /// Created and updated times with their evidence.
    public var times: [ArticleTime]
    /// The publication day (`YYYY-MM-DD`) the source's readers saw: the created time's day on
    /// the source's clock (a time written in UTC is shown on the page's or its country's clock),
    /// as the reader decided it.
    public var publishedDay: String?
    /// The paragraphs in reading order, including boilerplate (marked by its role).
    public var paragraphs: [Paragraph]
    /// The outlet's own statement that the text came from a syndicated feed, if any.
    public var syndicationNotice: String?

    public init(
        title: String? = nil, outlet: String? = nil, canonicalURL: String? = nil, byline: String? = nil,
        credits: [AgencyCredit] = [], times: [ArticleTime] = [], paragraphs: [Paragraph] = [],
        syndicationNotice: String? = nil, publishedDay: String? = nil
    ) {
        self.title = title
        self.outlet = outlet
        self.canonicalURL = canonicalURL
        self.byline = byline
        self.credits = credits
        self.times = times
        self.paragraphs = paragraphs
        self.syndicationNotice = syndicationNotice
        self.publishedDay = publishedDay
    }

    /// Whether the outlet says the text came from a syndicated feed.
    public var isSyndicated: Bool { syndicationNotice != nil }

    /// Agencies credited for the text (not for images), each named once, in order of appearance.
    public var textAgencies: [String] {
        var seen: [String] = []
        for credit in credits where credit.kind == .text && !seen.contains(credit.agency) {
            seen.append(credit.agency)
        }
        return seen
    }

    /// The earliest created (published) time whose instant is known.
    public var created: ArticleTime? {
        times.filter { $0.kind == .created && $0.instant != nil }.min { $0.instant! < $1.instant! }
    }

    /// The latest updated (modified) time whose instant is known.
    public var updated: ArticleTime? {
        times.filter { $0.kind == .updated && $0.instant != nil }.max { $0.instant! < $1.instant! }
    }

    /// Paragraphs that are the article's own text (not boilerplate or credit lines).
    public var bodyParagraphs: [Paragraph] { paragraphs.filter { $0.role == .body } }
}

/// One paragraph of an article.
public struct Paragraph: Sendable, Hashable, Codable {
    /// What a paragraph is to the article.
    public enum Role: String, Sendable, Hashable, Codable {
        /// The article's text.
        case body
        /// Outlet furniture: syndication notices, "Also read", share prompts, image captions.
        case boilerplate
        /// A line that only credits the text: "Reporting by ...; Editing by ...",
        /// "(With inputs from PTI)".
        case credit
    }

    /// The raw text, white space as found.
    public var text: String
    public var role: Role
    /// Why a reader gave a non-body role ("syndication notice", "image credit").
    public var reason: String?

    public init(_ text: String, role: Role = .body, reason: String? = nil) {
        self.text = text
        self.role = role
        self.reason = reason
    }
}

/// An agency named by an article as the source of its text or of an image.
public struct AgencyCredit: Sendable, Hashable, Codable {
    /// Whether an agency is credited for the text or only for a picture.
    public enum Kind: String, Sendable, Hashable, Codable { case text, image }

    /// The agency's usual name ("Reuters", "AP", "PTI").
    public var agency: String
    public var kind: Kind
    /// The text that credits it, as found (`BAGHDAD, Dec 8 (Reuters) -`).
    public var evidence: String
    /// Where the credit was found ("dateline", "metadata line", "image credit").
    public var location: String

    public init(agency: String, kind: Kind, evidence: String, location: String) {
        self.agency = agency
        self.kind = kind
        self.evidence = evidence
        self.location = location
    }
}
