import Foundation
import Testing
@testable import WiretraceIndex

/// The walk lists a mirror's files in byte order of their paths, whether a folder's files
/// sit at the top or deep in sites walked side by side, and skips what is not an article.
@Suite("Mirror walk")
struct MirrorWalkerTests {
    @Test("files come in byte order of their paths, top-level files and site folders interleaved; hidden files, folder links and the index are skipped")
    func orderAndSkips() throws {
        let mirror = try TestMirror()
        for path in ["z.txt", "a.txt", "m/x/1.txt", "m/k.txt", "b/2.txt", "b/1.txt", "B.txt", "n.txt", ".hidden/f.txt", "m/.draft.txt",
                     ".wiretrace/index.sqlite"] {
            try mirror.write(path, "text")
        }
        try FileManager.default.createSymbolicLink(atPath: mirror.path + "/link-to-b", withDestinationPath: mirror.path + "/b")
        try FileManager.default.createSymbolicLink(atPath: mirror.path + "/m/broken", withDestinationPath: mirror.path + "/missing")
        var walker = MirrorWalker(root: mirror.path)
        try walker.walk()
        #expect(walker.entries.map(\.path) == ["B.txt", "a.txt", "b/1.txt", "b/2.txt", "m/k.txt", "m/x/1.txt", "n.txt", "z.txt"])
        #expect(walker.skippedFolderLinks == 1)
        #expect(walker.problems.map(\.path) == ["m/broken"])
        #expect(walker.entries.allSatisfy { $0.size == 4 })
    }
}
