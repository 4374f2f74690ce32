import Foundation

/// 64-bit hashes packed little-endian into a blob, 8 bytes each.
enum HashBlob {
    static func encode(_ hashes: [UInt64]) -> Data {
        var data = Data(count: hashes.count * 8)
        data.withUnsafeMutableBytes { raw in
            for (index, hash) in hashes.enumerated() { raw.storeBytes(of: hash.littleEndian, toByteOffset: index * 8, as: UInt64.self) }
        }
        return data
    }

    static func decode(_ data: Data) -> [UInt64] {
        let count = data.count / 8
        return data.withUnsafeBytes { raw in
            (0..<count).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
        }
    }
}

extension UInt64 {
    /// The bit pattern as SQLite's signed integer.
    var sql: Int64 { Int64(bitPattern: self) }
}

extension Int64 {
    var hash: UInt64 { UInt64(bitPattern: self) }
}
