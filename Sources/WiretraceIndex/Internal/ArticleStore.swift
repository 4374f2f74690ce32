import Foundation
import Synchronization
import Wiretrace
internal import CWiretraceZlib
internal import CWiretraceZstd

/// How the index stores an article's JSON: compressed with Zstandard (level 1), behind a
/// one-byte tag and the JSON's length. Article JSON repeats its keys in every paragraph and
/// time, so it halves; the article table is most of an index's size.
///
/// Stored forms, told apart by their first byte:
/// - `S`, the JSON's length as a little-endian UInt32, then a Zstandard frame (schema v3 on);
/// - `Z`, the same with a zlib stream (schema v2). Zstandard level 1 compresses article JSON
///   as small as zlib level 1 does, about five times faster (`Scripts/Benchmarks/README.md`),
///   and zlib was a tenth of a cold scan's CPU;
/// - the JSON itself, which always starts with `{` (schema v1, and JSON too short to gain).
enum ArticleStore {
    static let zstdTag: UInt8 = 0x53  // "S"
    static let zlibTag: UInt8 = 0x5A  // "Z"
    static let headerSize = 5

    /// The stored form of `json`.
    static func stored(_ json: Data) -> Data {
        guard json.count > 64, json.count < Int(UInt32.max) else { return json }
        let bound = ZSTD_compressBound(json.count)
        var output = Data(count: headerSize + bound)
        guard let context = contexts.withLock({ $0.popLast() }) ?? ZSTD_createCCtx().map(CompressionContext.init) else { return json }
        defer { contexts.withLock { $0.append(context) } }
        let written = output.withUnsafeMutableBytes { out -> Int in
            out[0] = zstdTag
            out.storeBytes(of: UInt32(json.count).littleEndian, toByteOffset: 1, as: UInt32.self)
            return json.withUnsafeBytes { input in
                ZSTD_compressCCtx(context.pointer, out.baseAddress! + headerSize, bound, input.baseAddress!, input.count, 1)
            }
        }
        guard ZSTD_isError(written) == 0 else { return json }
        output.count = headerSize + written
        return output
    }

    /// Compression contexts, one per thread that compresses at once, kept for reuse: setting
    /// one up for every article made compressing half again as slow.
    private static let contexts = Mutex<[CompressionContext]>([])

    /// The article JSON of a stored form; `nil` when it is damaged.
    static func json(from stored: Data) -> Data? {
        guard let first = stored.first else { return nil }
        guard first == zstdTag || first == zlibTag else { return stored }
        guard stored.count >= headerSize else { return nil }
        return stored.withUnsafeBytes { raw -> Data? in
            let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 1, as: UInt32.self)))
            var output = Data(count: length)
            let complete = output.withUnsafeMutableBytes { out -> Bool in
                guard let target = out.baseAddress else { return true }
                let source = raw.baseAddress! + headerSize, sourceCount = raw.count - headerSize
                if first == zstdTag {
                    let produced = ZSTD_decompress(target, length, source, sourceCount)
                    return ZSTD_isError(produced) == 0 && produced == length
                }
                var produced = uLongf(length)
                let status = uncompress(target.assumingMemoryBound(to: Bytef.self), &produced,
                                        source.assumingMemoryBound(to: Bytef.self), uLong(sourceCount))
                return status == Z_OK && Int(produced) == length
            }
            return complete ? output : nil
        }
    }

    /// A Zstandard compression context. A context is used by one thread at a time (taken
    /// from ``contexts`` and put back), which is what makes sending it safe.
    private struct CompressionContext: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    struct Damaged: Error, CustomStringConvertible {
        var description: String { "a stored article is damaged (it could not be decompressed)" }
    }

    /// The article of a stored form.
    static func article(from stored: Data, decoder: JSONDecoder = JSONDecoder()) throws -> Article {
        guard let json = json(from: stored) else { throw Damaged() }
        return try decoder.decode(Article.self, from: json)
    }
}
