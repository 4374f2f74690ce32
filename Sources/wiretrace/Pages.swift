import ArgumentParser
import Foundation
import WiretraceIndex

extension WiretraceCommand {
    struct Pages: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the mirror's pages without article text (galleries, video and index pages): title, page, URL, times.",
            discussion: """
                A scan records such pages instead of indexing them as articles or calling them bad \
                files. One line per page, by path. Exit status: 0, or 2 for trouble (no index).
                """
        )

        @Option(help: "Only the pages first recorded after this scan.") var since: Int?
        @OptionGroup var location: IndexLocationOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let index = try location.open()
            let pages = try reportingIndexErrors { try index.pagesWithoutText(sinceScan: since) }
            if output.json {
                Terminal.standardOutput.write(try JSONOutput.encode(Versioned(PagesJSON(pages: pages.map(PageJSON.init)))))
                return
            }
            if pages.isEmpty { Terminal.standardOutput.write("No pages without article text.\n"); return }
            Terminal.standardOutput.write(pages.map(PagesText.line(for:)).joined(separator: "\n") + "\n")
        }
    }
}

/// A page without article text on one line, as `pages` and the scan report show it.
enum PagesText {
    static func line(for page: PageWithoutText) -> String {
        var parts = ["\"" + excerpt(shown(page.title ?? "untitled"), 80) + "\"", shown(page.path)]
        if let url = page.url, !page.path.hasSuffix("#" + url) { parts.append(shown(url)) }
        if let created = page.createdText ?? page.created { parts.append("published " + shown(created)) }
        return parts.joined(separator: " · ")
    }
}
