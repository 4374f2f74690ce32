#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file's bytes with the checks a mirror needs: directories, permissions, size
/// limits, and files that change while they are read.
public enum ArticleFile {
    /// The default largest file read: news pages are rarely over a few megabytes.
    public static let defaultSizeLimit = 32 << 20

    /// The bytes of the file at `path`.
    public static func load(_ path: String, sizeLimit: Int = defaultSizeLimit) throws(ReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw error(path, errno) }
        defer { close(descriptor) }
        var before = stat()
        guard fstat(descriptor, &before) == 0 else { throw error(path, errno) }
        if (before.st_mode & S_IFMT) == S_IFDIR { throw ReadError(path: path, reason: .isDirectory) }
        let size = Int(before.st_size)
        if size > sizeLimit { throw ReadError(path: path, reason: .tooLarge(bytes: size, limit: sizeLimit)) }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + filled, size - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw error(path, errno)
            }
            if count == 0 { break }
            filled += count
        }
        var after = stat()
        guard fstat(descriptor, &after) == 0 else { throw error(path, errno) }
        if filled != size || after.st_size != before.st_size || after.st_mtim.tv_sec != before.st_mtim.tv_sec
            || after.st_mtim.tv_nsec != before.st_mtim.tv_nsec {
            throw ReadError(path: path, reason: .changedWhileReading)
        }
        return bytes
    }

    private static func error(_ path: String, _ code: Int32) -> ReadError {
        switch code {
        case ENOENT: ReadError(path: path, reason: .notFound)
        case EACCES, EPERM: ReadError(path: path, reason: .permissionDenied)
        case EISDIR: ReadError(path: path, reason: .isDirectory)
        default: ReadError(path: path, reason: .system(String(cString: strerror(code))))
        }
    }
}
