import Wiretrace
@testable import WiretraceFormats
import WiretraceTestSupport

// Helpers the HTML tests share: a sample page read from Samples/html, a page written in a
// test, and a body of two ordinary paragraphs to put in such pages.

/// Reads `Samples/html/NAME`.
func read(_ name: String, reader: ArticleReader = ArticleReader()) throws -> ArticleReader.Result {
    let path = Fixtures.sample("html/" + name).path
    return try reader.read(try ArticleFile.load(path), name: path)
}

/// Reads a page written in the test; `name` stands for its path in messages.
func readPage(_ html: String, name: String = "de.html") throws -> ArticleReader.Result {
    try ArticleReader().read(Array(html.utf8), name: name)
}

/// Two paragraphs of an ordinary local news story.
let riverBody = [
    "The regional council approved a new budget for the river clean-up on Tuesday, after three months of debate over how to share the cost between towns upstream and downstream.",
    "Council members said the first dredging work would start in spring, and that water quality would be measured every month at six points along the river.",
]
