extension ArticleReader {
    /// The compressions the reader undoes before reading, found by their magic numbers.
    public enum Compression: String, Sendable, Hashable, Codable {
        case gzip
        /// Zstandard (`.zst`).
        case zstd
    }

    /// Zstandard-compressed `bytes` decompressed as gzip-compressed ones are inflated: within
    /// ``inflatedSizeLimit``, and refused when they hold compressed data again.
    func decompressedZstd(_ bytes: [UInt8], name: String) throws(ReadError) -> [UInt8] {
        let decompressed: [UInt8]
        do throws(Gzip.Failure) {
            decompressed = try Zstd.decompress(bytes, limit: inflatedSizeLimit)
        } catch {
            switch error {
            case .tooLarge(let limit):
                throw ReadError(path: name, reason: .system("Zstandard data decompresses past the \(limit)-byte limit"))
            case .corrupt(let message):
                throw ReadError(path: name, reason: .system("damaged Zstandard data (\(message))"))
            }
        }
        guard !Zstd.isZstd(decompressed) && !FormatSniffer.isGzip(decompressed) else {
            throw ReadError(path: name, reason: .binary("compressed data inside Zstandard data"))
        }
        guard !decompressed.isEmpty else { throw ReadError(path: name, reason: .empty) }
        return decompressed
    }
}
