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

    /// Why a hash with `holders` documents, `siteCounts` of them per site, is boilerplate;
    /// `nil` when it is not. Never boilerplate below ``siteMinimumHolders`` holders.
    func reason(holders: Int, siteCounts: [(site: Int32, count: Int32)], siteSizes: [Int32], siteName: (Int32) -> String) -> String? {
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

    /// Marks the counted paragraphs of a stored fingerprint (`Fingerprint.serialized()`,
    /// storage formats 1 to 3, whose paragraph records are laid out alike) whose hash is learned boilerplate, in place, before it is restored:
    /// the restored fingerprint then winnows and compares without them, as ``mark(_:paragraphHashes:boilerplate:)``
    /// does for an article. Format 3 keeps each character gram in the first counted paragraph
    /// that has it, so a gram of a marked paragraph that a later one also has leaves the
    /// gram set with the marked one: boilerplate lines are short, and such grams few. Returns false, leaving `bytes` as they were, when they are not
    /// of that format; the caller then fingerprints the article instead.
    ///
    /// The format, little-endian: "WTFP", format byte 1, three UInt32 (version), a title flag
    /// byte and UInt64, a UInt32 paragraph count, then per paragraph a UInt64 hash, UInt32
    /// words, a status byte (0 counted, 1 boilerplate, ...), UInt32 repeat index, UInt32
    /// shingle count and the shingles, then the datelines.
    static func mark(stored bytes: inout [UInt8], boilerplate: Set<UInt64>) -> Bool {
        let header = 4 + 1 + 12 + 1 + 8 + 4
        guard bytes.count >= header, bytes[0] == 0x57, bytes[1] == 0x54, bytes[2] == 0x46, bytes[3] == 0x50, (1...3).contains(bytes[4])
        else { return false }
        guard !boilerplate.isEmpty else { return true }
        return bytes.withUnsafeMutableBytes { raw -> Bool in
            let count = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: header - 4, as: UInt32.self)))
            var offset = header
            var marks: [Int] = []
            for _ in 0..<count {
                guard offset + 21 <= raw.count else { return false }
                let hash = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                let status = raw[offset + 12]
                let shingles = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 17, as: UInt32.self)))
                if status == 0 && boilerplate.contains(hash) { marks.append(offset + 12) }
                offset += 21 + 8 * shingles
            }
            guard offset <= raw.count else { return false }
            for position in marks { raw[position] = 1 }
            return true
        }
    }
}
