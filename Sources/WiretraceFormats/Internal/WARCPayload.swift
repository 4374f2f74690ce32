/// The captured content of a record's block: for an HTTP response, the status line and
/// headers are read and the body has its transfer coding (`chunked`) and content coding
/// (`gzip`) removed, as a browser would before showing it.
enum WARCPayload {
    static func fill(_ record: inout WARCRecord, block: [UInt8], blockLimit: Int) throws(WARCDamage.Reason) {
        let isHTTP = record.contentType.map { WARCHeaderValues.mediaType(of: $0) == "application/http" }
            ?? block.starts(with: Array("HTTP/".utf8))
        guard record.type != .resource, isHTTP else {
            if record.type != .revisit { record.payload = block }
            return
        }
        let (head, bodyStart) = try parseHead(block, revisit: record.type == .revisit)
        record.http = head
        guard record.type == .response else { return }
        var body = Array(block[bodyStart...])
        if head.value(of: "Transfer-Encoding")?.lowercased().contains("chunked") == true {
            if let joined = dechunked(body) {
                body = joined
            } else {
                record.warnings.append("the chunked transfer coding is damaged; the body was read as it is")
            }
        }
        switch head.value(of: "Content-Encoding")?.trimmed.lowercased() {
        case nil, "", "identity":
            break
        case "gzip", "x-gzip":
            do throws(Gzip.Failure) {
                body = try Gzip.inflate(body, limit: blockLimit)
            } catch {
                record.warnings.append("the gzip content coding cannot be inflated (\(error)); the body was read as it is")
            }
        case let other?:
            record.warnings.append("the body's content coding \"\(other)\" is not supported")
        }
        record.payload = body
    }

    /// The status line and headers, and where the body starts.
    private static func parseHead(_ block: [UInt8], revisit: Bool) throws(WARCDamage.Reason) -> (HTTPResponseHead, Int) {
        var lines: [String] = []
        var index = 0
        var bodyStart: Int?
        while index < block.count {
            guard let newline = block[index...].firstIndex(of: 0x0A) else {
                lines.append(String(decoding: block[index...], as: UTF8.self))
                index = block.count
                break
            }
            var end = newline
            if end > index && block[end - 1] == 0x0D { end -= 1 }
            let line = String(decoding: block[index..<end], as: UTF8.self)
            index = newline + 1
            if line.isEmpty {
                bodyStart = index
                break
            }
            lines.append(line)
        }
        // A revisit may hold the headers alone, without the blank line after them.
        guard bodyStart != nil || revisit else { throw .badHTTP("no blank line after the headers") }
        guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/") else { throw .badHTTP("no HTTP status line") }
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[1].count == 3, let status = Int(parts[1]) else {
            throw .badHTTP("bad status line \"\(statusLine.prefix(60))\"")
        }
        var headers: [HTTPResponseHead.Header] = []
        for line in lines.dropFirst() {
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += " " + line.trimmed
            } else if let colon = line.firstIndex(of: ":") {
                headers.append(.init(name: String(line[..<colon]).trimmed, value: String(line[line.index(after: colon)...]).trimmed))
            } else {
                throw .badHTTP("\"\(line.prefix(60))\" is not a header line")
            }
        }
        let head = HTTPResponseHead(status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers)
        return (head, bodyStart ?? block.count)
    }

    /// The body of a `Transfer-Encoding: chunked` message, or nil when its chunks are damaged.
    static func dechunked(_ bytes: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard let newline = bytes[index...].firstIndex(of: 0x0A) else { return nil }
            // The size in hexadecimal, then optional extensions after `;`.
            var size = 0, digits = 0
            for byte in bytes[index..<newline] {
                let value: Int
                switch byte {
                case 0x30...0x39: value = Int(byte - 0x30)
                case 0x41...0x46: value = Int(byte - 0x41 + 10)
                case 0x61...0x66: value = Int(byte - 0x61 + 10)
                default: value = -1
                }
                if value < 0 { break }
                guard digits < 15 else { return nil }
                size = size * 16 + value
                digits += 1
            }
            guard digits > 0 else { return nil }
            index = newline + 1
            if size == 0 { return output }
            guard index + size <= bytes.count else { return nil }
            output.append(contentsOf: bytes[index..<index + size])
            index += size
            // The line end after the chunk.
            if index < bytes.count && bytes[index] == 0x0D { index += 1 }
            if index < bytes.count && bytes[index] == 0x0A { index += 1 }
        }
        // A body cut before its last chunk: what arrived.
        return output
    }
}
