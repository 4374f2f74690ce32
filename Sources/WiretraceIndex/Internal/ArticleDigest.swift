import Foundation
import Wiretrace
import WiretraceFormats

/// What the index keeps of one article as read: the article itself (and its stored JSON), its
/// identity hashes, and its postings. Computed on the worker threads, down to the stored forms, so
/// that the single writer only writes.
struct ArticleDigest: Sendable {
    var article: Article
    /// The article's JSON (``ArticleJSON``) in its stored form (``ArticleStore/stored(_:)``).
    var storedJSON: Data
    var format: String
    /// Agencies credited for the text (credit lines, metadata lines, datelines).
    var agencies: [String]
    var created: ArticleTime?
    var updated: ArticleTime?
    /// XXH3 of the counted paragraphs' hashes in order: the identity of the normalized text.
    var textHash: UInt64
    var titleHash: UInt64
    var postings: [UInt64]
    /// Per paragraph of the article, its hash or 0 when it does not count as text, as stored
    /// (``HashBlob``).
    var paragraphHashBlob: Data
    /// `postings` as stored.
    var postingBlob: Data
    /// `Fingerprint.serialized()`: what linking compares, without the article.
    var fingerprint: Data
    var words: Int
    var warnings: [String]

    var title: String? { article.title }
    var outlet: String? { article.outlet }
    var canonicalURL: String? { article.canonicalURL }

    init(_ result: ArticleReader.Result) {
        let article = result.article
        let print = Fingerprint(of: article)
        self.article = article
        storedJSON = ArticleStore.stored(ArticleJSON.encode(article))
        format = result.format.rawValue
        var seen: [String] = []
        for credit in article.credits(including: print) where credit.kind == .text && !seen.contains(credit.agency) {
            seen.append(credit.agency)
        }
        agencies = seen
        created = article.created ?? article.times.first { $0.kind == .created }
        updated = article.updated ?? article.times.first { $0.kind == .updated }
        let counted = print.paragraphs.filter { $0.status == .counted }
        textHash = counted.map(\.hash).withUnsafeBytes { XXH3.hash64($0) }
        titleHash = print.titleHash ?? 0
        postings = Postings.of(print)
        paragraphHashBlob = HashBlob.encode(print.paragraphs.map { $0.status == .counted ? $0.hash : 0 })
        postingBlob = HashBlob.encode(postings)
        fingerprint = Data(print.serialized())
        words = print.countedWordCount
        warnings = result.warnings
    }
}

/// Which hashes of a fingerprint go into the inverted index.
///
/// Every counted paragraph of at least ``minimumParagraphWords`` words contributes its
/// paragraph hash (exact reuse). Edited reuse is found through the winnowed shingles, thinned
/// once more to those whose hash is 0 modulo ``shingleSampling``: a shared passage of 60
/// words (the comparison's own threshold for a long lifted passage) holds about 22 winnowed
/// shingles, so it misses all of the sampled ones with probability (3/4)^22 ≈ 0.2 %, and the
/// index is four times smaller and faster to write. Candidates are only candidates: every
/// pair is verified by ``Wiretrace/Comparison`` on the full fingerprints.
enum Postings {
    static let minimumParagraphWords = 8
    static let shingleSampling: UInt64 = 4

    static func of(_ print: Fingerprint) -> [UInt64] {
        var hashes: [UInt64] = []
        for paragraph in print.paragraphs where paragraph.status == .counted && paragraph.wordCount >= minimumParagraphWords {
            hashes.append(paragraph.hash)
        }
        for hash in print.winnowed where hash % shingleSampling == 0 { hashes.append(hash) }
        hashes.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(hashes.count)
        for hash in hashes where unique.last != hash { unique.append(hash) }
        return unique
    }
}
