import Foundation
import Testing
import Wiretrace
@testable import WiretraceFormats
import WiretraceTestSupport

/// The fixtures `Scripts/make-warc-fixtures` writes with warcio.
private func warc(_ name: String) -> String { Fixtures.sample("warc/" + name).path }

private func entries(_ name: String, blockLimit: Int = WARCArchive.defaultBlockLimit) throws -> [WARCArchive.Entry] {
    Array(try WARCArchive(path: warc(name), blockLimit: blockLimit))
}

private func records(_ entries: [WARCArchive.Entry]) -> [WARCRecord] {
    entries.compactMap { if case .record(let record) = $0 { record } else { nil } }
}

private func damages(_ entries: [WARCArchive.Entry]) -> [WARCDamage] {
    entries.compactMap { if case .damaged(let damage) = $0 { damage } else { nil } }
}

/// Byte offsets where each record starts in an uncompressed WARC.
private func recordOffsets(_ bytes: [UInt8]) -> [Int] {
    let marker = Array("WARC/1.1\r\n".utf8)
    return (0...(bytes.count - marker.count)).filter { offset in
        (offset == 0 || bytes[offset - 1] == 0x0A) && bytes[offset..<offset + marker.count].elementsEqual(marker)
    }
}

private let harbourURI = "https://www.eskerby-courier.example/news/harbour-pier-closes"
private let cafeURI = "https://www.eskerby-courier.example/news/cafe-reopens"
private let riverURI = "https://www.eskerby-courier.example/news/river-clean-up"

@Suite("WARC archives, record by record")
struct WARCArchiveTests {
    @Test("warcio's records come back in order with their types, URIs, dates and record IDs")
    func plainRecords() throws {
        let all = try entries("crawl.warc")
        #expect(damages(all).isEmpty)
        let read = records(all)
        #expect(read.map(\.type) == [.warcinfo, .request, .response, .response, .response, .response, .metadata, .resource, .revisit])
        #expect(read.map(\.number) == Array(1...9))
        #expect(read.map(\.version) == Array(repeating: "1.1", count: 9))
        let harbour = read[2]
        #expect(harbour.targetURI == harbourURI)
        #expect(harbour.date == Timestamp(year: 2026, month: 11, day: 20, hour: 8, minute: 0, second: 1))
        #expect(harbour.recordID == "<urn:uuid:00000000-0000-4000-8000-000000000003>")
        #expect(harbour.http?.status == 200)
        #expect(harbour.http?.charset == "utf-8")
        #expect(harbour.http?.lastModified == "Tue, 17 Nov 2026 06:30:00 GMT")
        #expect(harbour.payload.starts(with: Array("<!DOCTYPE html>".utf8)))
        // Skipped records keep their headers, not their blocks.
        #expect(read[1].payload.isEmpty && read[6].payload.isEmpty)
        #expect(read[5].http?.status == 404)
        let revisit = read[8]
        #expect(revisit.http?.status == 304)
        #expect(revisit.refersToDate == "2026-11-20T08:00:01Z")
        #expect(revisit.payload.isEmpty)
        // Offsets are where each record starts in the file.
        let offsets = recordOffsets(Array(try Data(contentsOf: URL(fileURLWithPath: warc("crawl.warc")))))
        #expect(read.map(\.location) == offsets.map { WARCLocation(fileOffset: $0) })
    }

    @Test("one gzip member per record and one gzip stream for the whole file give the same records")
    func compressedForms() throws {
        let plain = records(try entries("crawl.warc"))
        for name in ["crawl.warc.gz", "crawl-stream.warc.gz"] {
            let all = try entries(name)
            #expect(damages(all).isEmpty, "\(name)")
            let read = records(all)
            #expect(read.map(\.type) == plain.map(\.type), "\(name)")
            #expect(read.map(\.targetURI) == plain.map(\.targetURI), "\(name)")
            #expect(read.map(\.date) == plain.map(\.date), "\(name)")
            #expect(read.map(\.payload) == plain.map(\.payload), "\(name)")
        }
        // Per record: each record is at the start of its own member. One stream: inside the first.
        let members = records(try entries("crawl.warc.gz")).map(\.location)
        #expect(members.allSatisfy { $0.offsetInMember == nil })
        #expect(members.first?.fileOffset == 0 && Set(members.map(\.fileOffset)).count == 9)
        let stream = records(try entries("crawl-stream.warc.gz")).map(\.location)
        #expect(stream.dropFirst().allSatisfy { $0.fileOffset == 0 && $0.offsetInMember != nil })
        #expect(stream[1].description.hasSuffix("of the gzip member at byte 0"))
    }

    @Test("a chunked, gzip-encoded HTTP body is decoded before it is read")
    func contentCodings() throws {
        let river = try #require(records(try entries("crawl.warc")).first { $0.targetURI == riverURI && $0.type == .response })
        #expect(river.http?.value(of: "Transfer-Encoding") == "chunked")
        #expect(river.payload.starts(with: Array("<!DOCTYPE html>".utf8)))
        #expect(river.warnings.isEmpty)
        let result = try ArticleReader().read(river, name: "crawl.warc#river")
        #expect(result.article.title == "Clean-up clears river of rubbish")
        #expect(result.article.bodyParagraphs.count == 2)
    }

    @Test("the HTTP charset wins over the page's <meta>, as in a browser")
    func transportCharset() throws {
        let cafe = try #require(records(try entries("crawl.warc.gz")).first { $0.targetURI == cafeURI })
        #expect(cafe.payloadCharset == "ISO-8859-1")
        let result = try ArticleReader().read(cafe, name: "crawl.warc.gz#cafe")
        #expect(result.article.title == "Fire-hit café reopens")
        #expect(result.article.bodyParagraphs.first?.text.hasPrefix("A café in the old town") == true)
        // Without the headers, the page's own (wrong) declaration decides and the é is lost.
        let bare = try ArticleReader().read(cafe.payload, name: "cafe.html")
        #expect(bare.article.title != "Fire-hit café reopens")
    }

    @Test("a capture without a canonical link gets its target URI; revisits and errors are not read as pages")
    func capturesAsArticles() throws {
        let read = records(try entries("crawl.warc"))
        let harbour = try ArticleReader().read(read[2], name: "h")
        #expect(harbour.article.canonicalURL == harbourURI)
        #expect(harbour.article.title == "Old ferry pier to close for repairs")
        #expect(throws: ReadError.self) { try ArticleReader().read(read[8], name: "revisit") }
        #expect(throws: ReadError.self) { try ArticleReader().read(read[5], name: "404") }
        #expect(throws: ReadError.self) { try ArticleReader().read(read[1], name: "request") }
        let resource = try ArticleReader().read(read[7], name: "resource")
        #expect(resource.format == .text)
        #expect(resource.article.bodyParagraphs.count == 2)
    }

    @Test("captures that are not articles are told by their media type, else their content; the photo page has no text")
    func capturesThatAreNotArticles() throws {
        var kinds: [String: String] = [:]
        var contents: [String: ArticleReader.Result.Content] = [:]
        for record in records(try entries("extras.warc.gz")) where record.type == .response {
            let name = String(record.targetURI?.split(separator: "/").last ?? "")
            do throws(ReadError) {
                contents[name] = try ArticleReader().read(record, name: name).content
            } catch {
                guard case .notArticle(let kind, _) = error.reason else { Issue.record("\(name): \(error)"); continue }
                kinds[name] = kind.rawValue
            }
        }
        #expect(kinds == ["robots.txt": "robots", "style.css": "stylesheet", "app.js": "script", "latest.json": "json",
                          "sitemap.xml": "sitemap", "feed.rss": "feed", "logo.png": "image"])
        #expect(contents == ["harbour-pier-closes": .articleText, "boats-at-the-old-pier": .noArticleText])
        // The server's type wins over what the bytes look like: prose served as a stylesheet is one.
        let served = { (mediaType: String, body: String) in
            NonArticleSniffer.kind(ofCaptureServedAs: mediaType, payload: Array(body.utf8), name: "https://example.com/x")?.kind
        }
        #expect(served("text/css", "Ferries to the islands will leave from the freight quay instead.") == .stylesheet)
        #expect(served("text/html", "<p>A page.</p>") == nil)
        #expect(served("application/xml", "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>") == .feed)
        #expect(served("application/xml", "<?xml version=\"1.0\"?><config/>") == .xml)
        #expect(served("application/octet-stream", "%PDF-1.7") == .binary)
        #expect(served("image/webp", "not really a picture") == .image)
    }

    @Test("damaged records are named with their offset and reason, and the records after them are read")
    func damagedPlain() throws {
        let all = try entries("damaged.warc")
        #expect(all.map(\.number) == Array(1...9))
        let bad = damages(all)
        #expect(bad.map(\.number) == [4, 5, 6, 9])
        #expect(bad[0].reason == .badContentLength("12x4"))
        if case .wrongLength = bad[1].reason {} else { Issue.record("record 5: \(bad[1].reason)") }
        if case .badHeader = bad[2].reason {} else { Issue.record("record 6: \(bad[2].reason)") }
        if case .truncated(let expected, let found) = bad[3].reason {
            #expect(found == expected - 26)
        } else { Issue.record("record 9: \(bad[3].reason)") }
        let offsets = recordOffsets(Array(try Data(contentsOf: URL(fileURLWithPath: warc("damaged.warc")))))
        #expect(bad.map(\.location.fileOffset) == [offsets[3], offsets[4], offsets[5], offsets[8]])
        #expect(bad[0].description.hasPrefix(warc("damaged.warc") + ": record 4 at byte \(offsets[3]): "))
        #expect(records(all).map(\.type) == [.warcinfo, .request, .response, .metadata, .resource])
    }

    @Test("a damaged gzip member costs its record only; a member cut short at the end is named")
    func damagedGzip() throws {
        let all = try entries("damaged.warc.gz")
        let bad = damages(all)
        #expect(bad.map(\.number) == [4, 9])
        for damage in bad {
            if case .gzip = damage.reason {} else { Issue.record("record \(damage.number): \(damage.reason)") }
        }
        let good = records(all)
        #expect(good.map(\.number) == [1, 2, 3, 5, 6, 7, 8])
        #expect(good.first { $0.number == 5 }?.targetURI == riverURI)
        // Offsets of members: record 4's damage is at the member after record 3's.
        let plainMembers = records(try entries("crawl.warc.gz")).map(\.location.fileOffset)
        #expect(bad[0].location.fileOffset == plainMembers[3])
    }

    @Test("a capture over the block limit is passed over, not held, and the next records are read")
    func oversized() throws {
        let read = records(try entries("crawl.warc", blockLimit: 500))
        #expect(read.count == 9)
        #expect(read[2].oversizedBlock == 999)
        #expect(read[2].payload.isEmpty)
        #expect(read[7].oversizedBlock == nil && !read[7].payload.isEmpty)
        #expect(throws: ReadError.self) { try ArticleReader().read(read[2], name: "big") }
    }

    @Test("thousands of records of many sizes stream through chunk boundaries, plain and gzip-compressed")
    func manyRecords() throws {
        var generator = SplitMix(seed: 7)
        var file: [UInt8] = []
        var expected: [(uri: String, size: Int)] = []
        for index in 0..<1500 {
            let size = Int(generator.next() % 20_000)
            let block = [UInt8](repeating: UInt8(ascii: "a") + UInt8(index % 26), count: size)
            let uri = "https://example.org/\(index)"
            file += Array("WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: \(uri)\r\nContent-Type: text/plain\r\nContent-Length: \(size)\r\n\r\n".utf8)
            file += block + Array("\r\n\r\n".utf8)
            expected.append((uri, size))
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("warc-many-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("many.warc").path
        try Data(file).write(to: URL(fileURLWithPath: path))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -c '\(path)' > '\(path).gz'"]
        try gzip.run()
        gzip.waitUntilExit()
        for name in [path, path + ".gz"] {
            let all = Array(try WARCArchive(path: name))
            #expect(damages(all).isEmpty, "\(name)")
            let read = records(all)
            #expect(read.count == expected.count, "\(name)")
            #expect(read.map { $0.targetURI ?? "" } == expected.map(\.uri), "\(name)")
            #expect(read.map(\.payload.count) == expected.map(\.size), "\(name)")
        }
    }

    @Test("WARC-Date in 1.0 and 1.1 forms")
    func dates() {
        #expect(WARCDate.parse("2026-11-20T08:00:01Z") == Timestamp(year: 2026, month: 11, day: 20, hour: 8, minute: 0, second: 1))
        #expect(WARCDate.parse("2026-11-20T08:00:01.123456Z") == Timestamp(year: 2026, month: 11, day: 20, hour: 8, minute: 0, second: 1))
        #expect(WARCDate.parse("2026-11-20T08:00Z") == Timestamp(year: 2026, month: 11, day: 20, hour: 8))
        #expect(WARCDate.parse("2026-11-20") == Timestamp(year: 2026, month: 11, day: 20))
        #expect(WARCDate.parse("20 Nov 2026") == nil)
        #expect(WARCDate.parse("2026-13-20T08:00:01Z") == nil)
    }

    @Test("chunked bodies: joined, and a damaged one refused")
    func chunks() {
        #expect(WARCPayload.dechunked(Array("5\r\nhello\r\n6;x=1\r\n world\r\n0\r\n\r\n".utf8)) == Array("hello world".utf8))
        #expect(WARCPayload.dechunked(Array("zz\r\nhello\r\n".utf8)) == nil)
        #expect(WARCPayload.dechunked(Array("ff\r\nhello\r\n".utf8)) == nil)
    }
}

@Suite("WARC files given to the article reader")
struct WARCAsArticleTests {
    @Test("a whole WARC file is not read as one page, plain or gzip-compressed")
    func wholeFileRefused() throws {
        for name in ["crawl.warc", "crawl.warc.gz"] {
            let bytes = try ArticleFile.load(warc(name))
            #expect(throws: ReadError(path: name, reason: .system("a WARC archive of captures, not one article"))) {
                try ArticleReader().read(bytes, name: name)
            }
        }
    }
}
