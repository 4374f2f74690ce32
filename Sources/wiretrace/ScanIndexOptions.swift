import ArgumentParser
import Foundation
import Wiretrace
import WiretraceIndex

/// Where the index of a mirror is: `--index PATH` or `--index postgresql://...`, else
/// `$WIRETRACE_INDEX`, else the embedded `MIRROR/.wiretrace/index.sqlite`.
struct IndexLocationOptions: ParsableArguments {
    @Option(name: .customLong("index"), help: ArgumentHelp(
        "The index file, or a postgresql:// URL (default: $WIRETRACE_INDEX, else MIRROR/.wiretrace/index.sqlite, found from the current folder upwards).",
        valueName: "PATH|URL"))
    var indexPath: String?

    /// `WIRETRACE_INDEX`, when set and not empty: where a site's shared index is.
    static var environmentIndex: String? {
        guard let value = ProcessInfo.processInfo.environment["WIRETRACE_INDEX"], !value.isEmpty else { return nil }
        return value
    }

    @Option(name: .customLong("mirror"), help: ArgumentHelp("The mirror whose embedded index to use (default: the current folder).", valueName: "DIR"))
    var mirror: String?

    /// Opens the existing index for reading, or stops with status 2 and a message.
    func open() throws -> MirrorIndex {
        let path: String
        if let indexPath {
            path = indexPath
        } else if mirror == nil, let environment = Self.environmentIndex {
            path = environment
        } else if let mirror {
            path = MirrorIndex.defaultPath(forMirror: mirror)
        } else if let found = MirrorIndex.locate(from: FileManager.default.currentDirectoryPath) {
            path = found
        } else {
            Terminal.complain("no index found in this folder or above; give --mirror DIR or --index PATH (run `wiretrace scan MIRROR` first)")
            throw ExitCode(2)
        }
        do {
            return try MirrorIndex(readOnlyAt: path)
        } catch {
            Terminal.complain("\(error)")
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
        Terminal.complain("\(error)")
        throw ExitCode(2)
    }
}

/// `2023-12-08T09:29:37Z` → `2023-12-08 09:29 UTC`: to the minute, which is what report
/// columns have room for and what pages print.
func shortTime(_ iso: String?) -> String {
    guard let iso else { return "" }
    guard iso.hasSuffix("Z"), let t = iso.firstIndex(of: "T") else { return iso }
    return "\(iso[..<t]) \(iso[iso.index(after: t)...].prefix(5)) UTC"
}

/// `text` cut to `limit` characters with an ellipsis.
func excerpt(_ text: String, _ limit: Int) -> String {
    text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
}

/// `text` padded with spaces to `width` characters (or cut).
func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? excerpt(text, width) : text + String(repeating: " ", count: width - text.count)
}
