/// Two articles side by side: each with its fingerprint, credits and declared times, the
/// ``Comparison`` of the two, the passages they share, and which was published first. The
/// finished value `wiretrace compare` prints.
public struct ArticleComparison: Sendable {
    /// One article and what its fingerprint adds to it.
    public struct Side: Sendable {
        public let article: Article
        public let fingerprint: Fingerprint
        /// The agencies credited, the dateline's credit (which only the fingerprint reads) among them.
        public let credits: [AgencyCredit]

        init(_ article: Article) {
            self.article = article
            fingerprint = Fingerprint(of: article)
            credits = article.credits(including: fingerprint)
        }

        /// The created time the page declares, or the first created time found on it.
        public var created: ArticleTime? { article.created ?? article.times.first { $0.kind == .created } }
        /// The updated time the page declares, or the first updated time found on it.
        public var updated: ArticleTime? { article.updated ?? article.times.first { $0.kind == .updated } }
    }

    public let a: Side
    public let b: Side
    public let comparison: Comparison
    /// The matched paragraphs and the longest shared runs, with their text.
    public let shared: SharedPassages
    public let publishedFirst: PublicationOrder

    /// Compares `a` with `b`.
    ///
    /// - Complexity: one fingerprint of each article and one comparison.
    public init(_ a: Article, _ b: Article, thresholds: Comparison.Thresholds = .default) {
        self.a = Side(a)
        self.b = Side(b)
        comparison = Comparison(self.a.fingerprint, self.b.fingerprint, thresholds: thresholds)
        shared = SharedPassages(a, self.a.fingerprint, b, self.b.fingerprint, comparison: comparison)
        publishedFirst = PublicationOrder(a, b)
    }
}
