/// A compact binary form of a fingerprint, for an index to keep beside each version and
/// compare later without reading and fingerprinting the article again.
///
/// The form keeps what comparison needs: the version, each paragraph's hash, word count,
/// status and shingles (none for a repeat, whose shingles are its host's), the title hash
/// and the datelines. It does not keep the normalized
/// text: a restored fingerprint has empty ``Fingerprint/normalizedBytes`` and empty
/// paragraph ranges. Winnowed hashes are derived again on restore. All integers are
/// little-endian; about 8 bytes per word of counted text for the shingles, and 4 bytes per
/// character for the character grams.
///
/// Format 2 (fingerprint version `n1-k5-w4-c5c8` on) is format 1 followed by the character-gram
/// sizes and each paragraph's character count and character grams of each size; everything before them is laid out as in
/// format 1, so a reader of the paragraph records reads both. Format 1 restores with no
/// character grams. Format 3 is laid out as format 2 and holds what ``Fingerprint/ParagraphPrint``
/// holds since: the grams of counted paragraphs only, each gram once (in the first counted
/// paragraph that has it), and no shingles for a repeat. Format 2 held every gram of every
/// body paragraph, and is made so on restore: the same hashes under the same version.
extension Fingerprint {
    /// Why stored bytes are not a fingerprint.
    public struct StorageError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    private static let magic: [UInt8] = Array("WTFP".utf8)
    private static let formatVersion: UInt8 = 3

    /// The compact binary form of this fingerprint.
    public func serialized() -> [UInt8] {
        var out = ByteWriter()
        out.bytes.reserveCapacity(64 + paragraphs.reduce(0) { $0 + 24 + 8 * $1.shingles.count })
        out.bytes += Self.magic
        out.bytes.append(Self.formatVersion)
        out.u32(UInt32(version.normalization)); out.u32(UInt32(version.shingleSize)); out.u32(UInt32(version.window))
        out.bytes.append(titleHash == nil ? 0 : 1)
        out.u64(titleHash ?? 0)
        out.u32(UInt32(paragraphs.count))
        for paragraph in paragraphs {
            out.u64(paragraph.hash)
            out.u32(UInt32(paragraph.wordCount))
            switch paragraph.status {
            case .counted: out.bytes.append(0); out.u32(0)
            case .boilerplate: out.bytes.append(1); out.u32(0)
            case .credit: out.bytes.append(2); out.u32(0)
            case .empty: out.bytes.append(3); out.u32(0)
            case .repeatOf(let index): out.bytes.append(4); out.u32(UInt32(index))
            }
            // A repeat is kept without its shingles: they are its host's, and comparison reads
            // counted paragraphs only (a page of one paragraph said again and again took 8
            // bytes per word of every repeat).
            let shingles = if case .repeatOf = paragraph.status { [UInt64]() } else { paragraph.shingles }
            out.u32(UInt32(shingles.count))
            for shingle in shingles { out.u64(shingle) }
        }
        out.u32(UInt32(datelines.count))
        for dateline in datelines {
            out.u32(UInt32(dateline.paragraph))
            out.string(dateline.text)
            out.string(dateline.agency)
        }
        out.u32(UInt32(version.characterGramSizes.count))
        for size in version.characterGramSizes { out.u32(UInt32(size)) }
        for paragraph in paragraphs {
            out.u32(UInt32(paragraph.characterCount))
            for size in version.characterGramSizes.indices {
                let grams = size < paragraph.characterGrams.count ? paragraph.characterGrams[size] : []
                out.u32(UInt32(grams.count))
                for gram in grams { out.u32(gram) }
            }
        }
        return out.bytes
    }

    /// Restores a fingerprint from ``serialized()`` bytes.
    ///
    /// - Throws: ``StorageError`` when the bytes are not a stored fingerprint of a known format.
    public init(serialized bytes: [UInt8]) throws(StorageError) {
        var input = ByteReader(bytes: bytes)
        guard input.take(4) == Self.magic[...] else { throw StorageError(description: "not a stored fingerprint") }
        guard let format = input.u8(), (1...Self.formatVersion).contains(format) else { throw StorageError(description: "unknown stored-fingerprint format") }
        guard let normalization = input.u32(), let shingleSize = input.u32(), let window = input.u32(),
              let hasTitle = input.u8(), let title = input.u64(), let count = input.u32()
        else { throw StorageError(description: "stored fingerprint is truncated") }
        var paragraphs: [ParagraphPrint] = []
        paragraphs.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let hash = input.u64(), let words = input.u32(), let statusCode = input.u8(), let repeatOf = input.u32(),
                  let shingleCount = input.u32(), let shingles = input.u64s(Int(shingleCount))
            else { throw StorageError(description: "stored fingerprint is truncated") }
            let status: Status
            switch statusCode {
            case 0: status = .counted
            case 1: status = .boilerplate
            case 2: status = .credit
            case 3: status = .empty
            case 4: status = .repeatOf(Int(repeatOf))
            default: throw StorageError(description: "unknown paragraph status \(statusCode)")
            }
            paragraphs.append(ParagraphPrint(hash: hash, wordCount: Int(words), shingles: shingles, characterGrams: [], characterCount: 0, status: status,
                                             range: 0..<0))
        }
        guard let datelineCount = input.u32() else { throw StorageError(description: "stored fingerprint is truncated") }
        var datelines: [DatelineEvidence] = []
        for _ in 0..<datelineCount {
            guard let paragraph = input.u32(), let text = input.optionalString(), let agency = input.optionalString()
            else { throw StorageError(description: "stored fingerprint is truncated") }
            datelines.append(DatelineEvidence(paragraph: Int(paragraph), text: text ?? "", agency: agency))
        }
        var characterGramSizes: [Int] = []
        if format >= 2 {
            guard let sizeCount = input.u32(), sizeCount <= 16, let sizes = input.u32s(Int(sizeCount))
            else { throw StorageError(description: "stored fingerprint is truncated") }
            characterGramSizes = sizes.map(Int.init)
            let seen = sizes.map { _ in DistinctGrams() }
            for index in paragraphs.indices {
                guard let characters = input.u32() else { throw StorageError(description: "stored fingerprint is truncated") }
                paragraphs[index].characterCount = Int(characters)
                for _ in sizes {
                    guard let count = input.u32(), let grams = input.u32s(Int(count))
                    else { throw StorageError(description: "stored fingerprint is truncated") }
                    // Stored before grams were kept for counted paragraphs only: nothing reads
                    // the others', so they are not restored.
                    guard paragraphs[index].status == .counted else { continue }
                    let size = paragraphs[index].characterGrams.count
                    paragraphs[index].characterGrams.append(format == 2 ? seen[size].keepingNew(grams) : grams)
                }
                if paragraphs[index].status != .counted { paragraphs[index].characterCount = 0 }
            }
        }
        let version = FingerprintVersion(normalization: Int(normalization), shingleSize: Int(shingleSize), window: Int(window),
                                         characterGramSizes: characterGramSizes)
        self.init(version: version, paragraphs: paragraphs, normalizedBytes: [], titleHash: hasTitle == 1 ? title : nil,
                  winnowed: Winnowing.select(from: paragraphs.filter { $0.status == .counted }.map(\.shingles), window: version.window),
                  datelines: datelines)
    }
}

private struct ByteWriter {
    var bytes: [UInt8] = []
    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    /// Length-prefixed UTF-8; `nil` is the length 0xFFFF_FFFF.
    mutating func string(_ value: String?) {
        guard let value else { u32(.max); return }
        u32(UInt32(value.utf8.count))
        bytes += value.utf8
    }
}

private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, offset + count <= bytes.count else { return nil }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }
    mutating func u8() -> UInt8? { take(1)?.first }
    mutating func u32() -> UInt32? {
        take(4).map { slice in slice.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
    }
    mutating func u64() -> UInt64? {
        take(8).map { slice in slice.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
    }
    mutating func u64s(_ count: Int) -> [UInt64]? {
        guard let slice = take(count * 8) else { return nil }
        return slice.withUnsafeBytes { raw in
            (0..<count).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
        }
    }
    mutating func u32s(_ count: Int) -> [UInt32]? {
        guard let slice = take(count * 4) else { return nil }
        return slice.withUnsafeBytes { raw in
            (0..<count).map { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)) }
        }
    }
    mutating func optionalString() -> String?? {
        guard let length = u32() else { return nil }
        if length == .max { return .some(nil) }
        guard let slice = take(Int(length)) else { return nil }
        return .some(String(decoding: slice, as: UTF8.self))
    }
}
