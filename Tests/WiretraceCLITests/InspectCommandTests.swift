import Foundation
import Testing
import WiretraceTestSupport

@Suite("wiretrace inspect, end to end")
struct InspectCommandTests {
    let page = "Samples/html/devdiscourse-baghdad-embassy.html"

    @Test("a saved page: title, outlet, credits text versus image, times with their evidence, paragraphs marked")
    func humanOutput() throws {
        let run = try WiretraceBinary.run(["inspect", page, "--color", "never"])
        #expect(run.status == 0)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(page)  (html)")
        #expect(lines.contains("  title     \"US embassy in Baghdad attacked with rockets, no casualties\""))
        #expect(lines.contains("  outlet    Devdiscourse"))
        #expect(lines.contains("  published 2023-12-08"))
        #expect(lines.contains { $0.contains("Reuters (text, metadata line)") })
        #expect(lines.contains { $0.contains("ANI (image only, image credit)") })
        #expect(lines.contains { $0.contains("created 2023-12-08 14:59 +05:30 = 2023-12-08T09:29:00Z  [meta article:published_time: \"2023-12-08T14:59:00+05:30\"]") })
        #expect(lines.contains { $0.hasPrefix("  ¶3   boilerplate (share bar) Facebook Twitter") })
        #expect(lines.contains { $0.hasPrefix("  ¶4   body        The U.S. embassy in Baghdad was attacked") })
        #expect(!run.standardOutput.contains("\u{1B}["))
    }

    @Test("--json carries the schema version, the day on the publisher's calendar, times and paragraph roles")
    func json() throws {
        let run = try WiretraceBinary.run(["inspect", "--json", page])
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(json["schemaVersion"] as? Int == 2)
        #expect(json["format"] as? String == "html")
        #expect(json["publishedDay"] as? String == "2023-12-08")
        let created = try #require(json["created"] as? [String: Any])
        #expect(created["source"] as? String == "meta article:published_time")
        #expect(created["instant"] as? String == "2023-12-08T09:29:00Z")
        let paragraphs = try #require(json["paragraphs"] as? [[String: Any]])
        #expect(paragraphs.filter { $0["role"] as? String == "body" }.count >= 5)
        #expect(paragraphs.contains { $0["role"] as? String == "boilerplate" && $0["reason"] as? String == "share bar" })
    }

    @Test("the same page gzip-compressed reads the same, and says so")
    func gzip() throws {
        let plain = try WiretraceBinary.run(["inspect", "--json", page])
        let compressed = try WiretraceBinary.run(["inspect", "--json", page + ".gz"])
        #expect(compressed.status == 0)
        let a = try #require(try JSONSerialization.jsonObject(with: Data(plain.standardOutput.utf8)) as? [String: Any])
        let b = try #require(try JSONSerialization.jsonObject(with: Data(compressed.standardOutput.utf8)) as? [String: Any])
        #expect(b["compressed"] as? Bool == true)
        #expect(a["compressed"] as? Bool == false)
        let paragraphs = try #require(a["paragraphs"] as? [[String: Any]]).map { $0.mapValues { "\($0)" } }
        #expect(paragraphs.count > 5)
        #expect((b["paragraphs"] as? [[String: Any]])?.map { $0.mapValues { "\($0)" } } == paragraphs)
        #expect(b["title"] as? String == a["title"] as? String)
    }

    @Test("a UTC time is put on the page's own clock, and the output says which clock")
    func pageClock() throws {
        let path = "Samples/html/time-utc-local-clock.html"
        let run = try WiretraceBinary.run(["inspect", path, "--color", "never"])
        #expect(run.standardOutput.contains("  published 2022-05-03  (UTC times read on the page's clock, -04:00)"))
        let json = try WiretraceBinary.run(["inspect", "--json", path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["pageClock"] as? String == "-04:00")
        #expect(object["publishedDay"] as? String == "2022-05-03")
    }

    @Test("a page without article text: its title, outlet and times, and a line saying there is no text")
    func noArticleText() throws {
        let path = "Samples/html/no-article-text.html"
        let run = try WiretraceBinary.run(["inspect", path, "--color", "never"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("  title     \"Harbour pictures of the week\""))
        #expect(run.standardOutput.contains("  published 2024-03-05"))
        #expect(run.standardOutput.contains("no article text found"))
        let json = try WiretraceBinary.run(["inspect", "--json", path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["content"] as? String == "noArticleText")
        #expect(object["publishedDay"] as? String == "2024-03-05")
    }

    @Test("bad input: exit 2 and a message naming the file and the reason", arguments: [
        ("Samples/bad/empty.txt", "empty file"), ("Samples/bad/image.png", "binary file (PNG image), not an article"),
        ("Samples/no-such-file.html", "no such file"),
    ])
    func badInput(path: String, reason: String) throws {
        let run = try WiretraceBinary.run(["inspect", path])
        #expect(run.status == 2)
        #expect(run.standardError.contains(path))
        #expect(run.standardError.contains(reason))
    }
}
