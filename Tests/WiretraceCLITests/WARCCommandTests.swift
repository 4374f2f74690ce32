import Foundation
import Testing
import WiretraceTestSupport

@Suite("Zstandard files, end to end")
struct ZstdCommandTests {
    @Test("inspect reads a .zst page as the page, and names the compression")
    func inspect() throws {
        let page = "Samples/html/devdiscourse-baghdad-embassy.html"
        let run = try WiretraceBinary.run(["inspect", page + ".zst", "--color", "never"])
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("\(page).zst  (html, zstd)\n"))
        let plain = try WiretraceBinary.run(["inspect", page, "--color", "never"])
        #expect(run.standardOutput.split(separator: "\n").dropFirst() == plain.standardOutput.split(separator: "\n").dropFirst())
        let json = try WiretraceBinary.run(["inspect", "--json", page + ".zst"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["compressed"] as? Bool == true)
        #expect(object["compression"] as? String == "zstd")
    }

    @Test("a damaged .zst is named with the reason, status 2")
    func damaged() throws {
        let run = try WiretraceBinary.run(["compare", "Samples/bad/truncated.html.zst", "Samples/html/devdiscourse-baghdad-embassy.html"])
        #expect(run.status == 2)
        #expect(run.standardError.contains("Samples/bad/truncated.html.zst: damaged Zstandard data"))
    }
}

@Suite("WARC files in inspect and compare, end to end")
struct WARCCommandTests {
    let crawl = "Samples/warc/crawl.warc.gz"
    let cafe = "https://www.eskerby-courier.example/news/cafe-reopens"
    let river = "https://www.eskerby-courier.example/news/river-clean-up"

    @Test("inspect FILE.warc.gz lists the records: number, type, date, status, URI")
    func listing() throws {
        let run = try WiretraceBinary.run(["inspect", crawl, "--color", "never"])
        #expect(run.status == 0)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(crawl)  (WARC, gzip, 9 records, 5 with content)")
        #expect(lines.contains("  4    response  2026-11-20T08:00:02Z  200  \(cafe)"))
        #expect(lines.contains { $0.hasPrefix("  9    revisit   2026-11-20T20:00:00Z  304") })
        let json = try WiretraceBinary.run(["inspect", "--json", "Samples/warc/crawl.warc"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let records = try #require(object["records"] as? [[String: Any]])
        #expect(records.count == 9)
        #expect(records[3]["targetURI"] as? String == cafe)
        #expect(records[3]["httpStatus"] as? Int == 200)
        #expect(records[3]["date"] as? String == "2026-11-20T08:00:02Z")
        #expect(records[3]["mediaType"] as? String == "text/html")
    }

    @Test("a damaged record is listed with its offset and reason, and the records after it are too")
    func damagedListing() throws {
        let run = try WiretraceBinary.run(["inspect", "Samples/warc/damaged.warc.gz", "--color", "never"])
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix("(WARC, gzip, 9 records, 4 with content, 2 damaged)") == true)
        #expect(lines.contains { $0.hasPrefix("  4    damaged   at byte 1430: damaged gzip member") })
        #expect(lines.contains { $0.hasPrefix("  5    response") && $0.hasSuffix(river) })
    }

    @Test("FILE#URI and --record N read one capture, with its WARC-Date, record and HTTP status")
    func oneCapture() throws {
        let run = try WiretraceBinary.run(["inspect", "\(crawl)#\(cafe)", "--color", "never"])
        #expect(run.status == 0)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(crawl)#\(cafe)  (html)")
        #expect(lines.contains("  capture   record 4 (response) at byte 1430, HTTP 200"))
        #expect(lines.contains("  captured  2026-11-20T08:00:02Z  (WARC-Date)"))
        #expect(lines.contains("  title     \"Fire-hit café reopens\""))
        let byNumber = try WiretraceBinary.run(["inspect", crawl, "--record", "4", "--color", "never"])
        #expect(byNumber.standardOutput == run.standardOutput)
        let json = try WiretraceBinary.run(["inspect", "--json", "Samples/warc/crawl.warc", "--record", "3"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let capture = try #require(object["capture"] as? [String: Any])
        #expect(capture["captured"] as? String == "2026-11-20T08:00:01Z")
        #expect(capture["lastModified"] as? String == "Tue, 17 Nov 2026 06:30:00 GMT")
        #expect(capture["recordID"] as? String == "<urn:uuid:00000000-0000-4000-8000-000000000003>")
    }

    @Test("compare takes captures: the outlet's page and the wire's text resource share a source")
    func compareCaptures() throws {
        let run = try WiretraceBinary.run(["compare", "\(crawl)#\(river)", crawl, "--record", "8", "--color", "never"])
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("wholly derived"))
        #expect(run.standardOutput.contains("B \(crawl)#https://wire.example/feed/river-clean-up.txt"))
    }

    @Test("what cannot be read is named: a missing URI, a revisit, a damaged record, a record past the end")
    func troubles() throws {
        let cases: [([String], String)] = [
            (["inspect", "\(crawl)#https://nowhere.example/"], "\(crawl): no response or resource record for https://nowhere.example/"),
            (["inspect", crawl, "--record", "9"], "a revisit record: the content is unchanged since the capture of 2026-11-20T08:00:01Z"),
            (["inspect", "Samples/warc/damaged.warc", "--record", "4"], "Samples/warc/damaged.warc: record 4 is damaged: damaged record: bad Content-Length \"12x4\""),
            (["inspect", crawl, "--record", "12"], "\(crawl): no record 12: the file holds 9 records"),
            (["inspect", "\(crawl)#https://www.eskerby-courier.example/news/missing"], "/news/missing: HTTP status 404 (Not Found), not a page"),
        ]
        for (arguments, message) in cases {
            let run = try WiretraceBinary.run(arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.standardError.contains(message), "\(arguments): \(run.standardError)")
        }
        // A 404 picked by number is not read as a page either.
        let notFound = try WiretraceBinary.run(["inspect", crawl, "--record", "6"])
        #expect(notFound.status == 2)
        #expect(notFound.standardError.contains("HTTP status 404 (Not Found), not a page"))
    }
}

@Suite("WARC arguments that are not regular files")
struct WARCSpecialFileTests {
    @Test("a FIFO named like a WARC file, listed or with #URI, returns at once, naming it")
    func fifo() throws {
        let scratch = try Scratch()
        let fifo = try scratch.fifo("crawl.warc")
        for arguments in [["inspect", fifo], ["inspect", fifo, "--record", "1"]] {
            let (run, timedOut) = try runBounded(arguments, seconds: 10)
            #expect(!timedOut, "\(arguments) blocked")
            #expect(run.status == 2)
            #expect(run.standardError.contains("\(fifo): a FIFO (named pipe)"), "\(run.standardError)")
        }
    }
}
