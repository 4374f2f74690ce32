import ArgumentParser
import Foundation
import Wiretrace
import WiretraceIndex

/// Where the index of a mirror is: `--index PATH`, or the embedded `MIRROR/.wiretrace/index.sqlite`.
struct IndexLocationOptions: ParsableArguments {
    @Option(name: .customLong("index"), help: ArgumentHelp("The index file (default: MIRROR/.wiretrace/index.sqlite, found from the current folder upwards).", valueName: "PATH"))
    var indexPath: String?

    @Option(name: .customLong("mirror"), help: ArgumentHelp("The mirror whose embedded index to use (default: the current folder).", valueName: "DIR"))
    var mirror: String?

    /// Opens the existing index, or stops with status 2 and a message.
    func open() throws -> MirrorIndex {
        let path: String
        if let indexPath {
            path = indexPath
        } else if let mirror {
            path = MirrorIndex.defaultPath(forMirror: mirror)
        } else if let found = MirrorIndex.locate(from: FileManager.default.currentDirectoryPath) {
            path = found
        } else {
            Terminal.standardError.write("wiretrace: no index found in this folder or above; give --mirror DIR or --index PATH (run `wiretrace scan MIRROR` first)\n")
            throw ExitCode(2)
        }
        do {
            return try MirrorIndex(path: path, create: false)
        } catch {
            Terminal.standardError.write("wiretrace: \(error)\n")
            throw ExitCode(2)
        }
    }

    /// The mirror folder the index belongs to, when it is an embedded one.
    func mirrorFolder(of index: MirrorIndex) -> String? {
        if let mirror { return mirror }
        let folder = (index.path as NSString).deletingLastPathComponent
        return (folder as NSString).lastPathComponent == MirrorIndex.folderName ? (folder as NSString).deletingLastPathComponent : nil
    }
}

/// Turns an index error into status 2 with its message.
func reportingIndexErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as IndexError {
        Terminal.standardError.write("wiretrace: \(error)\n")
        throw ExitCode(2)
    }
}

/// `2023-12-08T09:29:00Z` → `2023-12-08 09:29 UTC`.
func shortTime(_ iso: String?) -> String {
    guard var text = iso else { return "" }
    if text.hasSuffix(":00Z") { text = String(text.dropLast(4)) + " UTC" } else if text.hasSuffix("Z") { text = String(text.dropLast()) + " UTC" }
    if let t = text.firstIndex(of: "T") { text.replaceSubrange(t...t, with: " ") }
    return text
}

/// `text` cut to `limit` characters with an ellipsis.
func excerpt(_ text: String, _ limit: Int) -> String {
    text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
}

/// `text` padded with spaces to `width` characters (or cut).
func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? excerpt(text, width) : text + String(repeating: " ", count: width - text.count)
}
