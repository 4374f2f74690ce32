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

    /// Roughly what this digest holds in memory, in bytes: the article's text and the stored
    /// forms. A scan cuts its batches by it (``ChunkedParallel``).
    var memoryCost: Int {
        article.paragraphs.reduce(0) { $0 + $1.text.utf8.count } + storedJSON.count + paragraphHashBlob.count
            + postingBlob.count + 8 * postings.count + fingerprint.count
    }

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
/// index is four times smaller and faster to write.
///
/// Rewritten copy (paraphrased, re-keyed, merged into one paragraph) shares few runs of
/// words, so it is found through a sketch of the resemblance tier instead: the
/// ``sketchSize`` smallest distinct character grams of the long size (a bottom-k MinHash),
/// each tagged with ``sketchTag``. Two texts whose grams overlap by a share J have about
/// J × ``sketchSize`` sketch grams in common, whatever their length, so a rewrite that the
/// resemblance tier calls derived shares several, and the sketch costs the same for every
/// article. Texts that contain one another without resembling each other as wholes (an
/// extract of a long story) share runs of words, which the first two kinds of postings find.
///
/// Candidates are only candidates: every pair is verified by ``Wiretrace/Comparison`` on the
/// full fingerprints.
enum Postings {
    static let minimumParagraphWords = 8
    static let shingleSampling: UInt64 = 4
    static let sketchSize = 64
    /// The high 32 bits of a sketch posting ("WTC8"); its low 32 bits are the gram. A
    /// paragraph or shingle hash has these high bits with probability 2^-32.
    static let sketchTag: UInt64 = 0x5754_4338 << 32
    /// Changes whenever the rules above change what goes into the index, so that an index
    /// written under other rules has its postings made again (``Refingerprinter``).
    static let version = 2

    static func isSketch(_ hash: UInt64) -> Bool { hash >> 32 == sketchTag >> 32 }

    static func of(_ print: Fingerprint) -> [UInt64] {
        var hashes: [UInt64] = []
        for paragraph in print.paragraphs where paragraph.status == .counted && paragraph.wordCount >= minimumParagraphWords {
            hashes.append(paragraph.hash)
        }
        for hash in print.winnowed where hash % shingleSampling == 0 { hashes.append(hash) }
        for gram in sketch(of: print) { hashes.append(sketchTag | UInt64(gram)) }
        hashes.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(hashes.count)
        for hash in hashes where unique.last != hash { unique.append(hash) }
        return unique
    }

    /// The ``sketchSize`` smallest distinct grams of the long size of the counted paragraphs.
    ///
    /// Gram hashes are uniform, so of n grams the smallest k lie below about 2^32 · k / n:
    /// only those below four times that are kept and sorted (all of them when that leaves
    /// too few), not all n.
    static func sketch(of print: Fingerprint) -> [UInt32] {
        let size = print.version.characterGramSizes.count - 1
        guard size >= 0 else { return [] }
        let total = print.paragraphs.reduce(0) { $0 + ($1.status == .counted && size < $1.characterGrams.count ? $1.characterGrams[size].count : 0) }
        func below(_ cutoff: UInt64) -> [UInt32] {
            var grams: [UInt32] = []
            for paragraph in print.paragraphs where paragraph.status == .counted && size < paragraph.characterGrams.count {
                for gram in paragraph.characterGrams[size] where UInt64(gram) < cutoff { grams.append(gram) }
            }
            grams.sort()
            var smallest: [UInt32] = []
            smallest.reserveCapacity(sketchSize)
            for gram in grams where smallest.last != gram {
                smallest.append(gram)
                if smallest.count == sketchSize { break }
            }
            return smallest
        }
        let all = UInt64(UInt32.max) + 1
        let cutoff = total > 0 ? min(all, all / UInt64(total) * UInt64(4 * sketchSize)) : all
        let smallest = below(cutoff)
        return smallest.count == sketchSize || cutoff == all ? smallest : below(all)
    }
}
