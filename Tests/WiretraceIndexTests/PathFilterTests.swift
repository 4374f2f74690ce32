import Foundation
import Testing
@testable import WiretraceIndex
import WiretraceTestSupport

/// `.wiretraceignore` (gitignore's syntax), `--include` and `--exclude`.
@Suite("what a scan reads: .wiretraceignore, --include, --exclude")
struct PathFilterTests {
    private func filter(_ ignoreFile: String, include: [String] = [], exclude: [String] = []) -> PathFilter {
        PathFilter(ignored: PathFilter.patterns(ofIgnoreFile: ignoreFile) + exclude.compactMap(PathPattern.init(argument:)),
                   included: include.compactMap(PathPattern.init(argument:)))
    }

    @Test("a pattern without a slash matches a name at any depth; * and ? stay within a name")
    func names() {
        let rules = filter("*.css\nrobots.tx?\n")
        #expect(rules.ignores("site/assets/main.css", isFolder: false))
        #expect(rules.ignores("main.css", isFolder: false))
        #expect(rules.ignores("site/robots.txt", isFolder: false))
        #expect(!rules.ignores("site/robots.text", isFolder: false))
        #expect(!rules.ignores("site/news/style.css.html", isFolder: false))
    }

    @Test("a leading or middle slash anchors a pattern at the mirror's root, where * does not cross a slash")
    func anchored() {
        let rules = filter("/robots.txt\nsite/drafts/*.html\n")
        #expect(rules.ignores("robots.txt", isFolder: false))
        #expect(!rules.ignores("site/robots.txt", isFolder: false))
        #expect(rules.ignores("site/drafts/a.html", isFolder: false))
        #expect(!rules.ignores("site/drafts/old/a.html", isFolder: false))
        #expect(!rules.ignores("other/site/drafts/a.html", isFolder: false))
    }

    @Test("** is any run of folders: leading, inside, trailing (what is inside a folder)")
    func doubleStar() {
        let rules = filter("**/tag\nsite/**/print.html\nsite/api/**\n")
        #expect(rules.ignores("a/b/tag", isFolder: true) && rules.ignores("tag", isFolder: false))
        #expect(rules.ignores("site/print.html", isFolder: false))
        #expect(rules.ignores("site/2024/04/print.html", isFolder: false))
        #expect(rules.ignores("site/api/v1/data.json", isFolder: false))
        #expect(!rules.ignores("site/api", isFolder: true), "the folder itself is not inside itself")
        #expect(!rules.ignores("other/print.html", isFolder: false))
    }

    @Test("a trailing slash matches folders only; ! takes a file back, the last match deciding; # starts a comment")
    func foldersNegationComments() {
        let rules = filter("# extras\nassets/\n\n*.xml\n!feed.xml\n\\#notes.txt\ntrailing.txt   \n")
        #expect(rules.ignores("site/assets", isFolder: true))
        #expect(!rules.ignores("site/assets", isFolder: false), "a file named assets is not a folder")
        #expect(rules.ignores("site/sitemap.xml", isFolder: false))
        #expect(!rules.ignores("site/feed.xml", isFolder: false))
        #expect(rules.ignores("#notes.txt", isFolder: false), "an escaped # is a name")
        #expect(rules.ignores("trailing.txt", isFolder: false), "trailing spaces do not count")
        #expect(PathFilter.patterns(ofIgnoreFile: "# only a comment\n\n").isEmpty)
    }

    @Test("--include reads only what it matches; --exclude comes after the file's patterns; ! is a name on the command line")
    func commandLine() {
        let rules = filter("!keep.html\n", include: ["*.html", "site/feeds/*"], exclude: ["keep.html", "!odd.html"])
        #expect(rules.reads("site/a.html"))
        #expect(rules.reads("site/feeds/rss.xml"))
        #expect(!rules.reads("site/a.txt"))
        #expect(!rules.reads("site/keep.html"), "--exclude wins over the file's !")
        #expect(!rules.reads("!odd.html"))
        #expect(rules.reads("odd.html"))
    }

    @Test("the binary honours the mirror's .wiretraceignore and --exclude: ignored folders are not walked, ignored files not read")
    func scanHonoursIgnoreFile() throws {
        let mirror = try TestMirror()
        try FileManager.default.removeItem(at: mirror.root)
        try FileManager.default.copyItem(at: Fixtures.sample("wget-mirror"), to: mirror.root)
        try mirror.write(".wiretraceignore", "# the crawler's extras\nassets/\n*.xml\n!feed.xml\n**/api/**\n")
        let run = try WiretraceBinary.run(["scan", mirror.path, "--color", "never", "--no-progress",
                                           "--exclude", "/www.lakeside-gazette.example/robots.txt"])
        #expect(run.status == 0, "\(run.standardError)")
        let out = run.standardOutput
        #expect(out.contains("4 files (4 read, 0 unchanged, 4 ignored)"), "\(out)")
        #expect(out.contains("Not articles, skipped: 1 feed\n"), "taken back by !feed.xml")
        #expect(out.contains("2 new documents"))
        let only = try WiretraceBinary.run(["scan", mirror.path, "--color", "never", "--no-progress", "--include", "**/news/**"])
        #expect(only.status == 0)
        #expect(only.standardOutput.contains("2 files (0 read, 2 unchanged, 2 gone, 6 ignored)"), "\(only.standardOutput)")
        let empty = try WiretraceBinary.run(["scan", mirror.path, "--include", ""])
        #expect(empty.status == 2 && empty.standardError.contains("--include"))
    }
}
