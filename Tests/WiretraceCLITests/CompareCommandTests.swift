import Foundation
import Testing
import WiretraceTestSupport

@Suite("wiretrace compare, end to end")
struct CompareCommandTests {
    let seed = "Samples/articles/devdiscourse-reuters-baghdad-embassy.txt"
    let reuters = "Samples/articles/reuters-baghdad-embassy.txt"

    @Test("the seed and the Reuters original share a source: exit 0, verdict, credits, order")
    func sharedSource() throws {
        let run = try WiretraceBinary.run(["compare", reuters, seed, "--color", "never"])
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("wholly derived  score 100%"))
        #expect(run.standardOutput.contains("credits: Reuters (dateline)"))
        #expect(run.standardOutput.contains("ANI (image only, image credit)"))
        #expect(run.standardOutput.contains("published first: A, 9 min before B"))
        #expect(!run.standardOutput.contains("\u{1B}["))
    }

    @Test("a saved HTML page against the agency's text: wholly derived, exit 0, the page's credits and times, the agency first")
    func htmlAgainstText() throws {
        let run = try WiretraceBinary.run(["compare", "--json", "Samples/html/devdiscourse-baghdad-embassy.html", reuters])
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(json["verdict"] as? String == "wholly derived")
        let matches = try #require(json["matches"] as? [[String: Any]])
        #expect(matches.filter { $0["kind"] as? String == "exact" }.count == 5, "the body paragraphs hash alike from HTML and from text")
        let order = try #require(json["publishedFirst"] as? [String: Any])
        #expect(order["first"] as? String == "b")
        #expect(order["leadSeconds"] as? Int == 540)
        let text = try WiretraceBinary.run(["compare", "Samples/html/devdiscourse-baghdad-embassy.html", reuters, "--color", "never"])
        #expect(text.standardOutput.contains("credits: Reuters (JSON-LD author), Reuters (metadata line), ANI (image only, image credit)"))
        #expect(text.standardOutput.contains("[meta article:published_time: \"2023-12-08T14:59:00+05:30\"]"))
    }

    @Test("a partially derived verdict shows the shared runs with their places, in text and JSON")
    func sharedRunsEvidence() throws {
        let own = "Samples/articles/dailyledger-baghdad-embassy-own-intro.txt"
        let run = try WiretraceBinary.run(["compare", "--json", reuters, own])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(json["verdict"] as? String == "partially derived")
        let runs = try #require(json["sharedRuns"] as? [[String: Any]])
        #expect(!runs.isEmpty)
        let longest = try #require(runs.first)
        #expect(longest["words"] as? Int == json["longestSharedRun"] as? Int)
        let a = try #require(longest["a"] as? [String: Any]), b = try #require(longest["b"] as? [String: Any])
        #expect((a["paragraph"] as? Int ?? 0) >= 1 && (b["paragraph"] as? Int ?? 0) >= 1 && (a["word"] as? Int ?? 0) >= 1)
        #expect((a["text"] as? String)?.isEmpty == false)
        let text = try WiretraceBinary.run(["compare", reuters, own, "--color", "never"])
        #expect(text.standardOutput.contains("Longest shared runs"))
    }

    @Test("the text output matches the golden file")
    func golden() throws {
        let run = try WiretraceBinary.run(["compare", reuters, "Samples/articles/gulfwire-baghdad-embassy-trimmed.txt", "--color", "never"])
        let expected = try String(contentsOf: Fixtures.sample("expected/compare-reuters-gulfwire.txt"), encoding: .utf8)
        #expect(run.standardOutput == expected)
    }


    @Test("verdicts and exit status on the labelled sample pairs", arguments: [
        ("reuters-baghdad-embassy.txt", "dailyledger-baghdad-embassy-own-intro.txt", Int32(0), "partially derived"),
        ("reuters-baghdad-embassy.txt", "independent-baghdad-embassy.txt", Int32(1), "unrelated"),
        ("urdu-app-flood-relief.txt", "urdu-outlet-flood-relief.txt", Int32(0), "wholly derived"),
        ("chinese-xinhua-launch.txt", "chinese-portal-launch.txt", Int32(0), "wholly derived"),
        ("hindi-pti-monsoon.txt", "hindi-independent-monsoon.txt", Int32(1), "unrelated"),
        // Equal containment (0.58), told apart by passage coverage: a reworded republication
        // matches paragraph for paragraph, a mixed article does not.
        ("../calibration/09-culture/wire.txt", "../calibration/09-culture/repub-b.txt", Int32(0), "wholly derived"),
        ("../calibration/09-culture/wire.txt", "../calibration/09-culture/mixed.txt", Int32(0), "partially derived"),
        // Independent reports of one event sharing a 20-word quote.
        ("../calibration/04-courts/repub-b.txt", "../calibration/04-courts/independent.txt", Int32(1), "unrelated"),
    ])
    func verdict(a: String, b: String, status: Int32, verdict: String) throws {
        let run = try WiretraceBinary.run(["compare", "--json", "Samples/articles/" + a, "Samples/articles/" + b])
        #expect(run.status == status)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(json["verdict"] as? String == verdict)
    }

    @Test("--json carries the schema version and the evidence")
    func json() throws {
        let run = try WiretraceBinary.run(["compare", "--json", reuters, seed])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(json["schemaVersion"] as? Int == 2)
        #expect(json["fingerprintVersion"] as? String == "n1-k5-w4-c5c8")
        #expect((json["resemblance"] as? Double ?? 0) > 0.5, "a republication resembles its source throughout")
        #expect(json["sharesSource"] as? Bool == true)
        let order = try #require(json["publishedFirst"] as? [String: Any])
        #expect(order["first"] as? String == "a")
        #expect(order["leadSeconds"] as? Int == 540)
        let matches = try #require(json["matches"] as? [[String: Any]])
        #expect(matches.count == 5)
        let b = try #require(json["b"] as? [String: Any])
        #expect(b["syndicated"] as? Bool == true)
        #expect(b["countedParagraphs"] as? Int == 5)
    }

    @Test("colors on request, none under --color never or NO_COLOR")
    func colors() throws {
        let colored = try WiretraceBinary.run(["compare", "--color", "always", reuters, seed])
        #expect(colored.standardOutput.contains("\u{1B}[32m"))
        let plain = try WiretraceBinary.run(["compare", reuters, seed], environment: ["NO_COLOR": "1"])
        #expect(!plain.standardOutput.contains("\u{1B}["))
    }

    @Test("trouble exits 2 with a message naming the file and the reason", arguments: [
        (["compare", "Samples/articles/missing.txt", "Samples/articles/reuters-baghdad-embassy.txt"], "Samples/articles/missing.txt: no such file"),
        (["compare", "Samples/articles", "Samples/articles/reuters-baghdad-embassy.txt"], "Samples/articles: is a directory"),
        (["compare", "Samples/bad/empty.txt", "Samples/articles/reuters-baghdad-embassy.txt"], "Samples/bad/empty.txt: empty file"),
        (["compare", "Samples/bad/image.png", "Samples/articles/reuters-baghdad-embassy.txt"], "Samples/bad/image.png: binary file (PNG image)"),
        (["compare", "only-one-argument.txt"], "Missing expected argument"),
        (["compare", "Samples/html/no-article-text.html", "Samples/articles/reuters-baghdad-embassy.txt"],
         "Samples/html/no-article-text.html: no article text found"),
    ])
    func trouble(arguments: [String], message: String) throws {
        let run = try WiretraceBinary.run(arguments)
        #expect(run.status == 2)
        #expect(run.standardError.contains(message), "\(run.standardError)")
        #expect(run.standardOutput.isEmpty)
    }

    @Test("invalid UTF-8 is read with a warning, not a crash")
    func invalidUTF8() throws {
        let run = try WiretraceBinary.run(["compare", "Samples/bad/latin1.txt", reuters])
        #expect(run.status == 1)
        #expect(run.standardError.contains("Samples/bad/latin1.txt: not valid UTF-8 at byte"))
    }
}
