#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Recognizes formats from the first bytes of a file.
enum FormatSniffer {
    /// Whether `bytes` start with the gzip magic number.
    static func isGzip(_ bytes: [UInt8]) -> Bool { Gzip.isGzip(bytes) }

    /// Whether `bytes` (UTF-8 or an ASCII-compatible charset) are an HTML page: a doctype or
    /// `<html>`, or markup first with a tag that only HTML has (`<head>`, `<body>`, `<meta>`,
    /// `<style>`, `<div>`, `<p>`, `<article>`) in the first 2 KB. Plain text that merely
    /// mentions a tag in its prose does not start with one; nor is a text file whose first line
    /// is a stray `<title>` element and which has no other markup HTML (a saved feed item).
    /// A page may open with a long `<style>` or `<script>` before its doctype: that is markup first.
    static func isHTML(_ bytes: [UInt8]) -> Bool {
        var head = bytes.prefix(4096)
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
        if contains(head, "<!doctype html") || contains(head, "<html") { return true }
        guard let first = head.firstIndex(where: { !Whitespace.isSpace($0) }), head[first] == UInt8(ascii: "<") else { return false }
        let early = head[first...].prefix(2048)
        if startsWith(early, "<title"), let close = find(early, "</title>") {
            // Only a title line: the rest has no tag at all.
            return hasTag(early[(close + 8)...])
        }
        return ["<head", "<body", "<meta", "<title", "<div", "<p>", "<p ", "<article", "<!--", "<link", "<section", "<main",
                "<style", "<script"]
            .contains { contains(early, $0) }
    }

    private static func startsWith(_ bytes: ArraySlice<UInt8>, _ prefix: String) -> Bool {
        let pattern = Array(prefix.utf8)
        guard bytes.count >= pattern.count else { return false }
        return zip(bytes.prefix(pattern.count), pattern).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }
    }

    /// The index of an ASCII `needle` (lower case) in `bytes`, case-insensitively.
    private static func find(_ bytes: ArraySlice<UInt8>, _ needle: String) -> Int? {
        let count = needle.utf8.count
        var index = bytes.startIndex
        while index + count <= bytes.endIndex {
            if startsWith(bytes[index...], needle) { return index }
            index += 1
        }
        return nil
    }

    /// Whether `bytes` hold a start or end tag: `<` then a letter or `/`.
    private static func hasTag(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")), open + 1 < bytes.endIndex {
            let next = bytes[open + 1]
            if next == UInt8(ascii: "/") || (next | 0x20) &- 0x61 < 26 { return true }
            index = open + 1
        }
        return false
    }

    /// Case-insensitive search of an ASCII `needle` (given in lower case, starting with a
    /// byte that has no case, such as `<`). `memchr` finds each place that first byte occurs:
    /// plain text, which rarely has one, is passed over at memory speed.
    private static func contains(_ bytes: ArraySlice<UInt8>, _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        return bytes.withUnsafeBufferPointer { bytes in
            guard bytes.count >= pattern.count, let base = bytes.baseAddress else { return false }
            var start = 0
            let last = bytes.count - pattern.count
            while start <= last, let found = memchr(base + start, Int32(pattern[0]), last - start + 1) {
                let index = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
                var offset = 1
                while offset < pattern.count {
                    let byte = base[index + offset]
                    if (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) != pattern[offset] { break }
                    offset += 1
                }
                if offset == pattern.count { return true }
                start = index + 1
            }
            return false
        }
    }

    /// Why `bytes` are not text (NUL bytes, mostly control bytes), or `nil` when they look
    /// like text. Known binary formats are named by ``NonArticleSniffer`` first.
    static func binaryKind(_ bytes: [UInt8]) -> String? {
        // Text has no NUL bytes and few control bytes; UTF-16 text is not supported.
        let sample = bytes.prefix(4096)
        var controls = 0
        for byte in sample {
            if byte == 0 { return "contains NUL bytes" }
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C { controls += 1 }
        }
        return controls * 20 > sample.count ? "mostly control bytes" : nil
    }
}
