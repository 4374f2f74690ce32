#if canImport(Glibc)
import Glibc
#endif

/// Writes a report file (`scan --html FILE`) without ever replacing what is not a report.
///
/// A regular file, or a name that does not exist yet, is written whole to a temporary file
/// beside it and renamed over it, so a reader never sees half a page. Anything else is
/// written through, as a shell's `>` would: `/dev/null`, `/dev/stdout`, a FIFO. Renaming a
/// file over `/dev/null` (as root may) would replace the system's device with a page.
/// A symbolic link is followed: the file it names is written, the link stays.
enum ReportFile {
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "\(path): cannot write the report: \(reason)" }
    }

    /// Throws unless `path` can be written, before any work is done for it: its folder
    /// exists and is writable, or it is a device or FIFO that can be opened.
    static func check(_ path: String) throws(Failure) {
        let target = resolved(path)
        var info = stat()
        if stat(target, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR: throw Failure(path: path, reason: "it is a folder")
            case S_IFREG: break
            default: return
            }
        } else if errno != ENOENT {
            throw Failure(path: path, reason: String(cString: strerror(errno)))
        }
        let folder = folder(of: target)
        var folderInfo = stat()
        guard stat(folder, &folderInfo) == 0 else {
            throw Failure(path: path, reason: "its folder \(folder) does not exist (\(String(cString: strerror(errno))))")
        }
        guard (folderInfo.st_mode & S_IFMT) == S_IFDIR else { throw Failure(path: path, reason: "\(folder) is not a folder") }
        guard access(folder, W_OK) == 0 else { throw Failure(path: path, reason: "its folder \(folder) is not writable") }
    }

    static func write(_ text: String, to path: String) throws(Failure) {
        let target = resolved(path)
        var info = stat()
        let exists = stat(target, &info) == 0
        if exists && (info.st_mode & S_IFMT) == S_IFDIR { throw Failure(path: path, reason: "it is a folder") }
        if exists && (info.st_mode & S_IFMT) != S_IFREG {
            try writeThrough(text, to: target, name: path)
            return
        }
        let temporary = folder(of: target) + "/." + base(of: target) + ".wiretrace-\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, exists ? info.st_mode & 0o7777 : 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        do throws(Failure) {
            try writeAll(text, descriptor, name: path)
            guard fsync(descriptor) == 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
            close(descriptor)
            guard rename(temporary, target) == 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
    }

    /// A device or FIFO: opened without waiting (a FIFO nobody reads is an error, not a hang),
    /// then written in the ordinary blocking way.
    private static func writeThrough(_ text: String, to target: String, name: String) throws(Failure) {
        let descriptor = open(target, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw Failure(path: name, reason: code == ENXIO ? "it is a FIFO that nothing reads" : String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        try writeAll(text, descriptor, name: name)
    }

    private static func writeAll(_ text: String, _ descriptor: Int32, name: String) throws(Failure) {
        var text = text
        let failure: Int32? = text.withUTF8 { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw Failure(path: name, reason: String(cString: strerror(failure))) }
    }

    /// `path` with its symbolic links followed, when it names one; else `path`.
    private static func resolved(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    private static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func base(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
