internal import CWiretraceZlib

/// gzip decompression through zlib, for pages a mirror saved compressed.
enum Gzip {
    /// Why inflating failed.
    enum Failure: Error, Equatable {
        /// The stream is damaged or cut short; the message is zlib's.
        case corrupt(String)
        /// The output grew past the limit (a decompression bomb, or a huge file).
        case tooLarge(limit: Int)
    }

    /// Whether `bytes` start with the gzip magic number and the deflate method.
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 10 && bytes[0] == 0x1F && bytes[1] == 0x8B && bytes[2] == 0x08
    }

    /// The decompressed bytes of a gzip stream (several members are read one after the other).
    ///
    /// The corresponding C functions are `inflateInit2_`, `inflate` and `inflateEnd`.
    static func inflate(_ bytes: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(bytes.count * 4, 4096)))
        var stream = z_stream()
        // 16 + MAX_WBITS: a gzip header and trailer, not a zlib one.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var failure: Failure?
        bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    return CWiretraceZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                if output.count + produced > limit { failure = .tooLarge(limit: limit); return }
                output.append(contentsOf: chunk[..<produced])
                switch status {
                case Z_STREAM_END:
                    // Another member may follow (concatenated gzip files); trailing zeros may not.
                    guard stream.avail_in > 0, stream.next_in.pointee == 0x1F else { return }
                    guard inflateReset(&stream) == Z_OK else { failure = .corrupt("zlib could not reset"); return }
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    failure = .corrupt("the compressed data ends too soon"); return
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    failure = .corrupt(message); return
                }
            }
        }
        if let failure { throw failure }
        return output
    }
}
