import Foundation
import Testing
import Wiretrace
import WiretraceFormats
@testable import WiretraceIndex
import WiretraceTestSupport

/// The index stores article JSON written by hand (``ArticleJSON``); it must be exactly what
/// `JSONEncoder` with sorted keys writes, so that `JSONDecoder` reads it and no field is lost.
@Suite("Article JSON")
struct ArticleJSONTests {
    static func foundationJSON(_ article: Article) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(article)
    }

    /// Every character class the escaping distinguishes: each control byte, quote, slash,
    /// backslash, DEL, Latin-1, the line and paragraph separators, Han, an emoji.
    static let awkwardText: String = {
        var text = ""
        for value in 0..<0x20 { text.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        return text + "\"/\\\u{7F} café \u{A0}\u{2028}\u{2029} 漢字 😀 end"
    }()

    /// An article with every optional field set, at every level.
    static let fullArticle = Article(
        title: "Title / \(awkwardText)", outlet: "Outlet \"Q\"", canonicalURL: "https://example.com/a/b?c=1&d=2",
        byline: "Jane Doe", credits: [
            AgencyCredit(agency: "Reuters", kind: .text, evidence: "BAGHDAD, Dec 8 (Reuters) -", location: "dateline"),
            AgencyCredit(agency: "ANI", kind: .image, evidence: "Image Credit: ANI", location: "image credit"),
        ],
        times: [
            ArticleTime(kind: .created, text: "08-12-2023 15:00 IST", source: "metadata line",
                        instant: Timestamp(year: 2023, month: 12, day: 8, hour: 9, minute: 30), utcOffsetMinutes: 330,
                        zone: "IST", hasTimeOfDay: true, problem: "IST read as India's"),
            ArticleTime(kind: .updated, text: "Dec 8, 2023", source: "label \"Updated:\"",
                        instant: Timestamp(secondsSince1970: -86_400), utcOffsetMinutes: -300, zone: "ET", hasTimeOfDay: false,
                        problem: "x"),
        ],
        paragraphs: [
            Paragraph(awkwardText, role: .body, reason: "r"),
            Paragraph("Image Credit: ANI", role: .boilerplate, reason: "image credit"),
            Paragraph("(With inputs from PTI)", role: .credit, reason: "credit line"),
        ],
        syndicationNotice: "(This story has not been edited by Devdiscourse staff and is auto-generated from a syndicated feed.)",
        publishedDay: "2023-12-08")

    @Test("an article with every field set is written exactly as JSONEncoder writes it, and reads back equal")
    func fullArticleMatchesFoundation() throws {
        let written = ArticleJSON.encode(Self.fullArticle)
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: try Self.foundationJSON(Self.fullArticle), as: UTF8.self))
        #expect(try JSONDecoder().decode(Article.self, from: written) == Self.fullArticle)
    }

    @Test("absent optionals are left out, as JSONEncoder leaves them out")
    func emptyArticleMatchesFoundation() throws {
        let bare = Article(paragraphs: [Paragraph("One.")])
        #expect(ArticleJSON.encode(bare) == (try Self.foundationJSON(bare)))
        #expect(String(decoding: ArticleJSON.encode(bare), as: UTF8.self)
                == #"{"credits":[],"paragraphs":[{"role":"body","text":"One."}],"times":[]}"#)
    }

    /// Guards the test above: if `Article` (or a type inside it) gains a field, this
    /// fixture must set it, and then the comparison with JSONEncoder covers it.
    @Test("the full article fixture sets every field of every type it holds")
    func fixtureSetsEveryField() {
        func unsetFields(of value: Any, path: String) -> [String] {
            Mirror(reflecting: value).children.flatMap { child -> [String] in
                let name = path + "." + (child.label ?? "?")
                let inner = Mirror(reflecting: child.value)
                if inner.displayStyle == .optional {
                    guard let wrapped = inner.children.first?.value else { return [name] }
                    return unsetFields(of: wrapped, path: name)
                }
                if inner.displayStyle == .collection {
                    let elements = inner.children.map(\.value)
                    return elements.isEmpty ? [name] : elements.flatMap { unsetFields(of: $0, path: name) }
                }
                return inner.displayStyle == .struct ? unsetFields(of: child.value, path: name) : []
            }
        }
        #expect(unsetFields(of: Self.fullArticle, path: "article") == [])
    }

    @Test("every sample article, text and HTML, is written exactly as JSONEncoder writes it")
    func samplesMatchFoundation() throws {
        let reader = ArticleReader()
        let folder = Fixtures.sample("")
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }
            .filter { ["txt", "html", "htm", "gz"].contains($0.pathExtension) }
        #expect(files.count > 40)
        var read = 0
        for file in files {
            guard let result = try? reader.read(Array(try Data(contentsOf: file)), name: file.path) else { continue }
            read += 1
            #expect(ArticleJSON.encode(result.article) == (try Self.foundationJSON(result.article)), "\(file.path)")
        }
        #expect(read > 40)
    }
}
