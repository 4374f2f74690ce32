#if canImport(Glibc)
import Glibc
#endif

/// One pattern of a `.wiretraceignore` file (gitignore's syntax), an `--exclude` or an
/// `--include`. Globs are matched by `fnmatch(3)`: `*` and `?` stay within one folder name,
/// `[...]` is a class, `\` escapes; `**` is a run of whole folders.
struct PathPattern: Sendable, Hashable {
    /// The glob, without the `!`, the leading `/` and the trailing `/`.
    var glob: String
    /// `!`: a file or folder this pattern matches is read after all.
    var negated = false
    /// A trailing `/`: the pattern matches folders only.
    var foldersOnly = false
    /// A `/` at the start or in the middle: matched against the whole path from the mirror's
    /// root; otherwise against the name of a file or folder at any depth.
    var anchored = false

    /// The pattern of one line of an ignore file; nil for a blank line or a `#` comment.
    init?(line: Substring) {
        var text = line
        if text.last == "\r" { text = text.dropLast() }
        // Trailing spaces do not count unless escaped.
        while text.last == " " && !text.dropLast().hasSuffix("\\") { text = text.dropLast() }
        guard !text.isEmpty, text.first != "#" else { return nil }
        if text.first == "!" { negated = true; text = text.dropFirst() }
        if text.hasSuffix("/") { foldersOnly = true; text = text.dropLast() }
        if text.first == "/" { anchored = true; text = text.dropFirst() }
        // `**/name` is a name at any depth, as a pattern without a slash is.
        if text.hasPrefix("**/") && !text.dropFirst(3).contains("/") { text = text.dropFirst(3); anchored = false }
        else if text.contains("/") { anchored = true }
        guard !text.isEmpty else { return nil }
        glob = String(text)
    }

    /// A pattern given on the command line (`--include`, `--exclude`): the same syntax, where
    /// `!` and `#` have no special meaning.
    init?(argument: String) {
        let escaped = argument.first == "!" || argument.first == "#" ? "\\" + argument : argument
        self.init(line: Substring(escaped))
    }

    /// Whether the pattern matches `path` (relative to the mirror, `/`-separated).
    func matches(_ path: String, isFolder: Bool) -> Bool {
        if foldersOnly && !isFolder { return false }
        guard anchored else {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            return Self.fnmatch(glob, name)
        }
        guard glob.contains("**") else { return Self.fnmatch(glob, path) }
        return Self.match(glob.split(separator: "/", omittingEmptySubsequences: false)[...],
                          path.split(separator: "/", omittingEmptySubsequences: false)[...])
    }

    /// Folder by folder, `**` taking none or more of them (at the end, one or more: `a/**` is
    /// what is inside `a`).
    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            if rest.isEmpty { return !path.isEmpty }
            var tail = path
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let name = path.first, fnmatch(String(first), String(name)) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    private static func fnmatch(_ glob: String, _ name: String) -> Bool {
        Glibc.fnmatch(glob, name, FNM_PATHNAME) == 0
    }
}

/// What a scan reads of a mirror: every file, less those its `.wiretraceignore` and the
/// `--exclude` patterns ignore (the last pattern that matches decides, as in gitignore; a
/// folder ignored is not walked, so nothing in it can be taken back), and, when `--include`
/// patterns are given, only the files one of them matches.
struct PathFilter: Sendable {
    /// The ignore file's patterns, then the `--exclude` ones.
    var ignored: [PathPattern] = []
    var included: [PathPattern] = []

    static let ignoreFileName = ".wiretraceignore"

    var isEmpty: Bool { ignored.isEmpty && included.isEmpty }

    /// The patterns of an ignore file's text.
    static func patterns(ofIgnoreFile text: String) -> [PathPattern] {
        text.split(separator: "\n", omittingEmptySubsequences: false).compactMap(PathPattern.init(line:))
    }

    /// Whether the walk passes over the file or folder at `path`.
    func ignores(_ path: String, isFolder: Bool) -> Bool {
        var ignore = false
        for pattern in ignored where pattern.negated == ignore && pattern.matches(path, isFolder: isFolder) {
            ignore = !pattern.negated
        }
        return ignore
    }

    /// Whether the scan reads the file at `path`.
    func reads(_ path: String) -> Bool {
        !ignores(path, isFolder: false) && (included.isEmpty || included.contains { $0.matches(path, isFolder: false) })
    }
}
