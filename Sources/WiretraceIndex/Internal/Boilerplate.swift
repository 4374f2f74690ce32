import Wiretrace

/// Boilerplate learned from the corpus rather than from a list: outlet furniture that the
/// readers' paragraph classifier does not know ("Follow us on …" lines, a site's standard
/// disclaimer) would otherwise link every article of a site to every other.
///
/// A hash is boilerplate when it is held by more documents than any story plausibly has
/// (``globalLimit``), or by more than half of the documents of one site that has at least
/// ``siteMinimumDocuments`` of them. A site's own copies of one wire story are versions of
/// one document, not many documents, so they do not trip the second rule.
struct Boilerplate {
    let documents: Int

    static let globalMinimum = 100
    static let siteMinimumDocuments = 10
    static let siteMinimumHolders = 5
    static let siteShare = 0.5

    /// Holders above which a hash is boilerplate everywhere: 100, or 0.5 % of the index.
    var globalLimit: Int { max(Self.globalMinimum, documents / 200) }

    func reason(holders: Int, siteCounts: [Int32: Int32], siteSizes: [Int32], siteName: (Int32) -> String) -> String? {
        if holders > globalLimit { return "held by \(holders) documents (more than \(globalLimit))" }
        for (site, count) in siteCounts {
            let size = Int(siteSizes[Int(site)])
            if size >= Self.siteMinimumDocuments && Int(count) >= Self.siteMinimumHolders && Double(count) > Self.siteShare * Double(size) {
                return "held by \(count) of the \(size) documents of \(siteName(site))"
            }
        }
        return nil
    }

    /// Marks the paragraphs of `article` whose hash is learned boilerplate, so that the
    /// comparison does not count them as shared text.
    static func mark(_ article: inout Article, paragraphHashes: [UInt64], boilerplate: Set<UInt64>) {
        guard !boilerplate.isEmpty else { return }
        for (index, hash) in paragraphHashes.enumerated() where hash != 0 && index < article.paragraphs.count && boilerplate.contains(hash) {
            article.paragraphs[index].role = .boilerplate
            article.paragraphs[index].reason = "boilerplate learned from the mirror"
        }
    }
}
