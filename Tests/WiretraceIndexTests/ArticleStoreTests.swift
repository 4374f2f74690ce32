import Foundation
import Testing
import Wiretrace
@testable import WiretraceIndex
import WiretraceTestSupport

/// Stored articles: written compressed with Zstandard, and every form an older index holds
/// (zlib since schema v2, plain JSON before) still read.
@Suite("Stored articles")
struct ArticleStoreTests {
    @Test("an article is stored compressed (tag S) and reads back equal")
    func zstandardRoundTrip() throws {
        let article = Fixtures.article(body: Fixtures.seedBody)
        let json = ArticleJSON.encode(article)
        let stored = ArticleStore.stored(json)
        #expect(stored.first == UInt8(ascii: "S"))
        #expect(stored.count < json.count)
        #expect(ArticleStore.json(from: stored) == json)
        #expect(try ArticleStore.article(from: stored) == article)
    }

    @Test("a row an index wrote under schema v2 (zlib, tag Z) reads back")
    func zlibRowOfSchemaV2() throws {
        // Written by Python's zlib.compress(json, 1) behind the tag and the JSON's length (146).
        let stored = Data([
            0x5a, 0x92, 0x00, 0x00, 0x00, 0x78, 0x01, 0x1d, 0xce, 0x31, 0x0a, 0xc2, 0x50, 0x0c, 0x80, 0xe1, 0xab, 0x84, 0xcc,
            0xc5, 0x03, 0x74, 0x74, 0xf0, 0x00, 0x8a, 0x93, 0x38, 0xa4, 0x2f, 0xa1, 0x2f, 0x68, 0x9b, 0x92, 0xa4, 0xe0, 0xa3,
            0xf4, 0xee, 0x56, 0xc7, 0x6f, 0xfa, 0xff, 0x0d, 0x8b, 0x0b, 0x6b, 0x06, 0xf6, 0x8f, 0x67, 0x87, 0x0b, 0x39, 0x8d,
            0x4e, 0x4b, 0xfd, 0x79, 0x43, 0xb7, 0xb7, 0x60, 0x8f, 0x83, 0x71, 0xc3, 0x0e, 0x53, 0x3e, 0x79, 0xe8, 0x6a, 0xe5,
            0x25, 0x19, 0x50, 0x35, 0x21, 0xab, 0xc0, 0xfd, 0x06, 0x32, 0x0d, 0x14, 0xd1, 0xa0, 0xd8, 0xb4, 0xd8, 0x3a, 0x33,
            0xe8, 0x0c, 0x67, 0x1a, 0x2b, 0x13, 0x83, 0xcd, 0x70, 0x71, 0x65, 0x6a, 0x1d, 0x84, 0x94, 0xd5, 0x35, 0x1b, 0x84,
            0xad, 0x5e, 0x24, 0x20, 0x48, 0xf9, 0x84, 0xfb, 0x11, 0x4e, 0x9d, 0xe4, 0xff, 0xb0, 0x7f, 0x01, 0x86, 0xa2, 0x33,
            0x00,
        ])
        let article = try ArticleStore.article(from: stored)
        #expect(article.paragraphs == [Paragraph("Rockets hit the US embassy compound in Baghdad on Friday, security sources said.")])
    }

    @Test("plain JSON (schema v1, or too short to compress) is stored and read as it is")
    func plainJSON() throws {
        let json = Data(#"{"credits":[],"paragraphs":[],"times":[]}"#.utf8)
        #expect(ArticleStore.stored(json) == json)
        #expect(try ArticleStore.article(from: json) == Article())
    }

    @Test("a damaged row is reported, not misread", arguments: [5, 12, 30])
    func damagedRow(keeping count: Int) throws {
        let stored = ArticleStore.stored(ArticleJSON.encode(Fixtures.article(body: Fixtures.seedBody)))
        #expect(ArticleStore.json(from: stored.prefix(count)) == nil)
        #expect(throws: ArticleStore.Damaged.self) { try ArticleStore.article(from: stored.prefix(count)) }
    }
}
