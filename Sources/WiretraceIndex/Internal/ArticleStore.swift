import Foundation
import Wiretrace
internal import CWiretraceZlib

/// How the index stores an article's JSON: deflated by zlib (level 1), behind a one-byte tag
/// and the inflated length. JSON of an article repeats its keys in every paragraph and time,
/// so it shrinks about fourfold, and the article table is most of an index's size.
///
/// Stored form: `Z`, the JSON's length as a little-endian UInt32, then a zlib stream. Rows
/// written before schema v2 hold the JSON itself, which always starts with `{`; ``json(from:)``
/// reads both.
enum ArticleStore {
    static let tag: UInt8 = 0x5A  // "Z"

    /// The stored form of `json`.
    static func stored(_ json: Data) -> Data {
        guard json.count > 64, json.count < Int(UInt32.max) else { return json }
        var bound = compressBound(uLong(json.count))
        var output = Data(count: 5 + Int(bound))
        let status = output.withUnsafeMutableBytes { out -> Int32 in
            out[0] = tag
            out.storeBytes(of: UInt32(json.count).littleEndian, toByteOffset: 1, as: UInt32.self)
            let target = out.baseAddress!.advanced(by: 5).assumingMemoryBound(to: Bytef.self)
            return json.withUnsafeBytes { input in
                compress2(target, &bound, input.baseAddress!.assumingMemoryBound(to: Bytef.self), uLong(json.count), 1)
            }
        }
        guard status == Z_OK else { return json }
        output.count = 5 + Int(bound)
        return output
    }

    /// The article JSON of a stored form; `nil` when the stream is damaged.
    static func json(from stored: Data) -> Data? {
        guard let first = stored.first else { return nil }
        guard first == tag else { return stored }
        guard stored.count >= 5 else { return nil }
        return stored.withUnsafeBytes { raw -> Data? in
            let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 1, as: UInt32.self)))
            var output = Data(count: length)
            var produced = uLongf(length)
            let status = output.withUnsafeMutableBytes { out -> Int32 in
                guard let target = out.baseAddress else { return Z_OK }
                return uncompress(target.assumingMemoryBound(to: Bytef.self), &produced,
                                  raw.baseAddress!.advanced(by: 5).assumingMemoryBound(to: Bytef.self), uLong(raw.count - 5))
            }
            return status == Z_OK && Int(produced) == length ? output : nil
        }
    }

    struct Damaged: Error, CustomStringConvertible {
        var description: String { "a stored article is damaged (zlib could not inflate it)" }
    }

    /// The article of a stored form.
    static func article(from stored: Data, decoder: JSONDecoder = JSONDecoder()) throws -> Article {
        guard let json = json(from: stored) else { throw Damaged() }
        return try decoder.decode(Article.self, from: json)
    }
}
