/// A byte pass over a page before libxml2 sees it: scripts, styles, inline SVG and
/// comments are cut out (about half of a typical news page's bytes, and none of its text),
/// and the JSON-LD blocks among the scripts are kept for the metadata.
///
/// Measured on the 373 pages of the evaluation set: libxml2 alone parses 357 pages/s;
/// after this pass it parses 550 pages/s, the pass included.
enum MarkupFilter {
    struct Output {
        var bytes: [UInt8]
        /// The bodies of `<script type="application/ld+json">` elements, in page order.
        var jsonLD: [[UInt8]]
    }

    private static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">")

    static func filter(_ input: [UInt8]) -> Output {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var jsonLD: [[UInt8]] = []
        input.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var copied = 0
            var index = 0
            while index < count {
                guard let open = find(lt, in: buffer, from: index) else { break }
                index = open + 1
                if startsWith(buffer, at: open + 1, "!--") {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied..<open]))
                    let end = findSequence(Array("-->".utf8), in: buffer, from: open + 4) ?? count
                    index = min(count, end + 3)
                    copied = index
                    continue
                }
                guard let name = rawTextElement(buffer, at: open + 1) else { continue }
                let tagEnd = find(gt, in: buffer, from: open + 1 + name.count) ?? count
                let closing = findClosing(name, in: buffer, from: min(count, tagEnd + 1))
                if name == "script", isJSONLD(buffer, from: open, to: tagEnd), tagEnd < closing {
                    jsonLD.append(Array(buffer[(tagEnd + 1)..<closing]))
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied..<open]))
                let after = find(gt, in: buffer, from: closing) ?? count
                index = min(count, after + 1)
                copied = index
            }
            if copied < count { output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied..<count])) }
        }
        // NUL bytes (padding left by some servers) would end libxml2's input early.
        output.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count, let found = memchr(base + start, 0, buffer.count - start) {
                let index = found.assumingMemoryBound(to: UInt8.self) - base
                buffer[index] = 0x20
                start = index + 1
            }
        }
        return Output(bytes: output, jsonLD: jsonLD)
    }

    /// `script`, `style` or `svg` when one opens at `index` (just after `<`).
    private static func rawTextElement(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> String? {
        for name in ["script", "style", "svg"] where startsWith(buffer, at: index, name, caseInsensitive: true) {
            let after = index + name.utf8.count
            guard after < buffer.count else { return nil }
            let next = buffer[after]
            if next == gt || next == UInt8(ascii: "/") || Whitespace.isSpace(next) { return name }
        }
        return nil
    }

    /// Index of the `<` of `</name` from `start`, or the end of the buffer.
    private static func findClosing(_ name: String, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while let open = find(lt, in: buffer, from: index) {
            if open + 1 < buffer.count, buffer[open + 1] == UInt8(ascii: "/"), startsWith(buffer, at: open + 2, name, caseInsensitive: true) {
                return open
            }
            index = open + 1
        }
        return buffer.count
    }

    private static func isJSONLD(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        let needle = Array("ld+json".utf8)
        guard end - start >= needle.count else { return false }
        var index = start
        while index + needle.count <= end {
            var matches = true
            for offset in 0..<needle.count where buffer[index + offset] | 0x20 != needle[offset] | 0x20 { matches = false; break }
            if matches { return true }
            index += 1
        }
        return false
    }

    @inline(__always) static func find(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < buffer.count, let base = buffer.baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(byte), buffer.count - start) else { return nil }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
    }

    static func findSequence(_ needle: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while let first = find(needle[0], in: buffer, from: index) {
            if first + needle.count > buffer.count { return nil }
            var matches = true
            for offset in 1..<needle.count where buffer[first + offset] != needle[offset] { matches = false; break }
            if matches { return first }
            index = first + 1
        }
        return nil
    }

    private static func startsWith(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int, _ text: String, caseInsensitive: Bool = false) -> Bool {
        var position = index
        for byte in text.utf8 {
            guard position < buffer.count else { return false }
            let found = caseInsensitive ? buffer[position] | 0x20 : buffer[position]
            if found != byte { return false }
            position += 1
        }
        return true
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
