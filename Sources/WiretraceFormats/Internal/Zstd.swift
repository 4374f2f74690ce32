internal import CWiretraceZstd

/// Zstandard decompression through the system's libzstd, for files a mirror saved as `.zst`.
enum Zstd {
    /// Whether `bytes` start with the magic number of a Zstandard frame (28 B5 2F FD).
    static func isZstd(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x28 && bytes[1] == 0xB5 && bytes[2] == 0x2F && bytes[3] == 0xFD
    }

    /// The decompressed bytes of all the frames in `bytes`, streamed so that a frame whose
    /// header does not give its size, or lies about it, cannot grow past `limit`.
    static func decompress(_ bytes: [UInt8], limit: Int) throws(Gzip.Failure) -> [UInt8] {
        guard let context = ZSTD_createDStream() else { throw .corrupt("zstd could not start") }
        defer { ZSTD_freeDStream(context) }
        ZSTD_initDStream(context)
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(bytes.count * 4, 4096)))
        var chunk = [UInt8](repeating: 0, count: 128 << 10)
        var failure: Gzip.Failure?
        bytes.withUnsafeBytes { raw in
            var input = ZSTD_inBuffer(src: raw.baseAddress, size: raw.count, pos: 0)
            // 0 once a frame is complete: the input must end there.
            var pending = 1
            while input.pos < input.size || pending != 0 {
                let before = input.pos
                var produced = 0
                let status = chunk.withUnsafeMutableBytes { out -> Int in
                    var target = ZSTD_outBuffer(dst: out.baseAddress, size: out.count, pos: 0)
                    let status = ZSTD_decompressStream(context, &target, &input)
                    produced = target.pos
                    return status
                }
                if ZSTD_isError(status) != 0 {
                    failure = .corrupt(String(cString: ZSTD_getErrorName(status)))
                    return
                }
                if output.count + produced > limit { failure = .tooLarge(limit: limit); return }
                output.append(contentsOf: chunk[..<produced])
                pending = status
                if pending != 0 && input.pos == input.size && produced < chunk.count && input.pos == before {
                    failure = .corrupt("the compressed data ends too soon")
                    return
                }
            }
        }
        if let failure { throw failure }
        return output
    }
}
