#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import WiretraceFormats

/// A regular file found in the mirror, with what decides whether it must be read again.
struct MirrorEntry: Sendable {
    /// Path relative to the mirror, `/`-separated, as shown and stored: a name that is not
    /// valid UTF-8 has its stray bytes written `\xNN` (see `ArticleFile.displayName(_:)`).
    var path: String
    /// The path's bytes as the file system holds them, when they differ from `path`'s UTF-8.
    var pathBytes: [UInt8]?
    var size: Int
    /// Modification time in nanoseconds since 1970.
    var mtime: Int64
    var inode: Int64
}

/// A file as the kernel knows it, whatever its name: device and inode.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64

    /// The identity of the file at `path`, if there is one.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// Walks a mirror with `opendir`/`lstat`, in byte order of names so that runs are
/// reproducible. Hidden files and folders (the index's own `.wiretrace` among them) are
/// skipped, and so are the `excluded` files (an index or a report given a path inside the
/// mirror), and what the `filter` passes over (an ignored folder is not walked). Symbolic links to files are followed; symbolic links to folders are not, so a
/// link back up the tree can never make the walk loop. Problems (an unreadable folder, a
/// broken or looping link, a pipe or a device) are collected, not thrown: the walk goes on.
/// Names are handled as the bytes they are, so a name that is not valid UTF-8 is read too.
struct MirrorWalker {
    let root: String
    var excluded: Set<FileIdentity> = []
    var entries: [MirrorEntry] = []
    var problems: [(path: String, reason: String)] = []
    var skippedFolderLinks = 0
    /// What the user chose to read (`.wiretraceignore`, `--include`, `--exclude`).
    var filter = PathFilter()
    /// Files and folders the filter passed over.
    var ignored = 0

    init(root: String, excluded: Set<FileIdentity> = [], filter: PathFilter = PathFilter()) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        self.excluded = excluded
        self.filter = filter
    }

    /// Walks the whole mirror; throws only when the mirror itself cannot be read.
    mutating func walk() throws(IndexError) {
        try Self.checkRoot(root)
        walkFolder("", subfoldersInParallel: true)
    }

    /// Throws unless `root` is a folder that can be listed, saying what it is instead.
    static func checkRoot(_ root: String) throws(IndexError) {
        var info = stat()
        guard stat(root, &info) == 0 else {
            let code = errno
            throw IndexError(path: root, reason: .mirror(code == ENOENT ? "no such folder" : String(cString: strerror(code))))
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw IndexError(path: root, reason: .mirror("\(ArticleFile.kindName(mode: info.st_mode)), not a folder: scan takes the mirror's folder"))
        }
        guard let directory = opendir(root) else { throw IndexError(path: root, reason: .mirror(String(cString: strerror(errno)))) }
        closedir(directory)
    }

    /// Walks one folder; with `subfoldersInParallel`, its subfolders (a mirror's sites) are
    /// walked on all cores, each by a walker of its own, and their findings put in the
    /// places a walk in order would have given them. Listing folders and reading file status
    /// is kernel work that one core did at about 100,000 files a second.
    private mutating func walkFolder(_ relative: String, bytes relativeBytes: [UInt8]? = nil, subfoldersInParallel: Bool = false) {
        let fullBytes = relative.isEmpty ? Array(root.utf8) : Array(root.utf8) + [UInt8(ascii: "/")] + (relativeBytes ?? Array(relative.utf8))
        guard let directory = (fullBytes.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer({ opendir($0.baseAddress!) }) else {
            problems.append((relative, "folder cannot be read: \(String(cString: strerror(errno)))"))
            return
        }
        // Names are looked up relative to the open folder (fstatat): the kernel then does not
        // resolve the whole path again for each of a mirror's many files.
        defer { closedir(directory) }
        let folder = dirfd(directory)
        var names: [[UInt8]] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw -> [UInt8] in
                let bytes = raw.bindMemory(to: UInt8.self)
                return Array(bytes.prefix(while: { $0 != 0 }))
            }
            if name.first == UInt8(ascii: ".") { continue }
            names.append(name)
        }
        names.sort { $0.lexicographicallyPrecedes($1) }
        // Subfolders left for the parallel walk, with where their findings go.
        var subfolders: [(path: String, bytes: [UInt8]?, entryPosition: Int, problemPosition: Int)] = []
        for nameBytes in names {
            let name = ArticleFile.displayName(nameBytes)
            let path = relative.isEmpty ? name : relative + "/" + name
            // The raw bytes, kept only when some part of the path is not valid UTF-8.
            let pathBytes: [UInt8]? = relativeBytes == nil && name.utf8.elementsEqual(nameBytes) ? nil
                : (relative.isEmpty ? [] : (relativeBytes ?? Array(relative.utf8)) + [UInt8(ascii: "/")]) + nameBytes
            let cName = nameBytes.map { CChar(bitPattern: $0) } + [0]
            var info = stat()
            guard cName.withUnsafeBufferPointer({ fstatat(folder, $0.baseAddress!, &info, AT_SYMLINK_NOFOLLOW) }) == 0 else {
                problems.append((path, String(cString: strerror(errno))))
                continue
            }
            var kind = info.st_mode & S_IFMT
            if kind == S_IFLNK {
                guard cName.withUnsafeBufferPointer({ fstatat(folder, $0.baseAddress!, &info, 0) }) == 0 else {
                    let code = errno
                    problems.append((path, code == ELOOP ? "symbolic link loop" : "broken symbolic link (\(String(cString: strerror(code))))"))
                    continue
                }
                kind = info.st_mode & S_IFMT
                if kind == S_IFDIR { skippedFolderLinks += 1; continue }
            }
            if !filter.isEmpty && (kind == S_IFDIR ? filter.ignores(path, isFolder: true) : kind == S_IFREG && !filter.reads(path)) {
                ignored += 1
                continue
            }
            if kind == S_IFDIR && subfoldersInParallel {
                subfolders.append((path, pathBytes, entries.count, problems.count))
            } else if kind == S_IFDIR {
                walkFolder(path, bytes: pathBytes)
            } else if kind == S_IFREG {
                if !excluded.isEmpty && excluded.contains(FileIdentity(info)) { continue }
                let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
                entries.append(MirrorEntry(path: path, pathBytes: pathBytes, size: Int(info.st_size), mtime: mtime,
                                           inode: Int64(bitPattern: UInt64(info.st_ino))))
            } else {
                // Pipes, sockets and devices are not articles, and opening a pipe would block:
                // they are listed, never opened.
                problems.append((path, "\(ArticleFile.kindName(mode: info.st_mode)), not an article file; not read"))
            }
        }
        guard !subfolders.isEmpty else { return }
        let walked = PendingChunk<MirrorWalker>(count: subfolders.count)
        let root = self.root, excluded = self.excluded, filter = self.filter, folders = subfolders.map { ($0.path, $0.bytes) }
        DispatchQueue.concurrentPerform(iterations: folders.count) { position in
            var walker = MirrorWalker(root: root, excluded: excluded, filter: filter)
            walker.walkFolder(folders[position].0, bytes: folders[position].1)
            walked.store(walker, at: position)
        }
        let walkers = walked.take()
        entries = Self.interleave(entries, walkers.map(\.entries), at: subfolders.map(\.entryPosition))
        problems = Self.interleave(problems, walkers.map(\.problems), at: subfolders.map(\.problemPosition))
        skippedFolderLinks += walkers.reduce(0) { $0 + $1.skippedFolderLinks }
        ignored += walkers.reduce(0) { $0 + $1.ignored }
    }

    /// `items` with each of `parts` put in at its position (positions in `items`, ascending),
    /// in one pass: inserting part by part would move everything after each of a mirror's
    /// sites once per site.
    private static func interleave<Item>(_ items: [Item], _ parts: [[Item]], at positions: [Int]) -> [Item] {
        var merged: [Item] = []
        merged.reserveCapacity(items.count + parts.reduce(0) { $0 + $1.count })
        var taken = 0
        for (part, position) in zip(parts, positions) {
            merged += items[taken..<position]
            merged += part
            taken = position
        }
        merged += items[taken...]
        return merged
    }
}

