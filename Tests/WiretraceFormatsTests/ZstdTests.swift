import Foundation
import Testing
@testable import WiretraceFormats
import WiretraceTestSupport

private func load(_ relative: String) throws -> [UInt8] { try ArticleFile.load(Fixtures.sample(relative).path) }

@Suite("Zstandard-compressed files")
struct ZstdTests {
    @Test("a .zst page reads as the page itself does, and says how it was compressed")
    func sameAsPlain() throws {
        let plain = try ArticleReader().read(try load("html/devdiscourse-baghdad-embassy.html"), name: "page.html")
        let zstd = try ArticleReader().read(try load("html/devdiscourse-baghdad-embassy.html.zst"), name: "page.html.zst")
        let gzip = try ArticleReader().read(try load("html/devdiscourse-baghdad-embassy.html.gz"), name: "page.html.gz")
        #expect(zstd.article == plain.article)
        #expect(zstd.format == .html)
        #expect(zstd.wasCompressed && zstd.compression == .zstd)
        #expect(gzip.compression == .gzip)
        #expect(plain.compression == nil && !plain.wasCompressed)
    }

    @Test("found by its magic number, not its name")
    func magic() throws {
        #expect(Zstd.isZstd(try load("html/devdiscourse-baghdad-embassy.html.zst")))
        #expect(!Zstd.isZstd(try load("html/devdiscourse-baghdad-embassy.html.gz")))
        #expect(!Zstd.isZstd(Array("(\u{B5}/ is text".utf8)))
    }

    @Test("cut short: damaged Zstandard data; a bomb: stopped at the inflate limit")
    func bad() throws {
        #expect(throws: ReadError(path: "t.zst", reason: .system("damaged Zstandard data (the compressed data ends too soon)"))) {
            try ArticleReader().read(try load("bad/truncated.html.zst"), name: "t.zst")
        }
        let limit = ArticleReader.defaultInflatedSizeLimit
        #expect(throws: ReadError(path: "z.zst", reason: .system("Zstandard data decompresses past the \(limit)-byte limit"))) {
            try ArticleReader().read(try load("bad/zeros-40mb.txt.zst"), name: "z.zst")
        }
        #expect(throws: Gzip.Failure.self) { try Zstd.decompress([0x28, 0xB5, 0x2F, 0xFD, 0xFF, 0xFF, 0xFF], limit: 100) }
    }
}
