import Foundation
import Wiretrace

/// The JSON of an article as the index stores it, written by hand.
///
/// The output is byte for byte what `JSONEncoder` with `.sortedKeys` writes (keys in sorted
/// order, absent optionals left out, `/` escaped as `\/`), so indexes written before and
/// after this writer hold the same bytes, and `JSONDecoder` reads them back. The generic
/// encoder spent about 15 % of a cold scan's CPU on it. `ArticleJSONTests` compares the two
/// on every sample article and on an article with every field set; a field added to
/// `Article` without being added here fails that test.
struct ArticleJSON {
    private var bytes: [UInt8] = []

    static func encode(_ article: Article) -> Data {
        var writer = ArticleJSON()
        writer.bytes.reserveCapacity(article.paragraphs.reduce(512) { $0 + $1.text.utf8.count + 48 })
        writer.write(article)
        return Data(writer.bytes)
    }

    private mutating func write(_ article: Article) {
        var object = Object()
        if let byline = article.byline { member("byline", of: &object); string(byline) }
        if let url = article.canonicalURL { member("canonicalURL", of: &object); string(url) }
        member("credits", of: &object)
        array(article.credits) { $0.write($1) }
        if let outlet = article.outlet { member("outlet", of: &object); string(outlet) }
        member("paragraphs", of: &object)
        array(article.paragraphs) { $0.write($1) }
        if let day = article.publishedDay { member("publishedDay", of: &object); string(day) }
        if let notice = article.syndicationNotice { member("syndicationNotice", of: &object); string(notice) }
        member("times", of: &object)
        array(article.times) { $0.write($1) }
        if let title = article.title { member("title", of: &object); string(title) }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func write(_ paragraph: Paragraph) {
        var object = Object()
        if let reason = paragraph.reason { member("reason", of: &object); string(reason) }
        member("role", of: &object); string(paragraph.role.rawValue)
        member("text", of: &object); string(paragraph.text)
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func write(_ credit: AgencyCredit) {
        var object = Object()
        member("agency", of: &object); string(credit.agency)
        member("evidence", of: &object); string(credit.evidence)
        member("kind", of: &object); string(credit.kind.rawValue)
        member("location", of: &object); string(credit.location)
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func write(_ time: ArticleTime) {
        var object = Object()
        member("hasTimeOfDay", of: &object); literal(time.hasTimeOfDay ? "true" : "false")
        if let instant = time.instant { member("instant", of: &object); string(instant.iso8601()) }
        member("kind", of: &object); string(time.kind.rawValue)
        if let problem = time.problem { member("problem", of: &object); string(problem) }
        member("source", of: &object); string(time.source)
        member("text", of: &object); string(time.text)
        if let offset = time.utcOffsetMinutes { member("utcOffsetMinutes", of: &object); literal(String(offset)) }
        if let zone = time.zone { member("zone", of: &object); string(zone) }
        bytes.append(UInt8(ascii: "}"))
    }

    /// Whether an object still waits for its first member.
    private struct Object { var isEmpty = true }

    /// Opens the object on its first member, separates later ones, and writes `"key":`.
    private mutating func member(_ key: StaticString, of object: inout Object) {
        bytes.append(UInt8(ascii: object.isEmpty ? "{" : ","))
        object.isEmpty = false
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func array<Element>(_ elements: [Element], _ write: (inout ArticleJSON, Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            write(&self, element)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func literal(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// A JSON string with `JSONEncoder`'s escapes: `\"`, `\\`, `\/`, the short forms of
    /// backspace, tab, line feed, form feed and carriage return, `\u00xx` for the other
    /// control bytes; everything else (all of non-ASCII included) as its UTF-8.
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x2F || byte == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x22, 0x2F, 0x5C: bytes.append(byte)
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
