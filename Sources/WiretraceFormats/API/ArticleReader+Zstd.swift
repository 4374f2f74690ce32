extension ArticleReader {
    /// The compressions the reader undoes before reading, found by their magic numbers.
    public enum Compression: String, Sendable, Hashable, Codable {
        case gzip
        /// Zstandard (`.zst`).
        case zstd
    }

    /// Reads Zstandard-compressed `bytes` as gzip-compressed ones are read: decompressed
    /// within ``inflatedSizeLimit`` and sniffed again.
    func readZstd(_ bytes: [UInt8], name: String) throws(ReadError) -> Result {
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
        var result = try read(decompressed, name: name)
        result.wasCompressed = true
        result.compression = .zstd
        return result
    }
}
