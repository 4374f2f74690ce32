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
    ///
    /// Only regular files are read. The type is checked before the file is opened, and the
    /// open never blocks (`O_NONBLOCK`): opening a FIFO for reading would otherwise wait for
    /// a writer forever, and opening some devices has effects of its own.
    public static func load(_ path: String, sizeLimit: Int = defaultSizeLimit) throws(ReadError) -> [UInt8] {
        try path.withCString { cPath in Result { () throws(ReadError) in try load(cPath, name: path, sizeLimit: sizeLimit) } }.get()
    }

    /// The bytes of the file whose path is `pathBytes` as the file system holds it (a name
    /// need not be valid UTF-8); `name` is how messages show it.
    public static func load(pathBytes: [UInt8], name: String, sizeLimit: Int = defaultSizeLimit) throws(ReadError) -> [UInt8] {
        let terminated = pathBytes.map { CChar(bitPattern: $0) } + [0]
        return try terminated.withUnsafeBufferPointer { buffer in
            Result { () throws(ReadError) in try load(buffer.baseAddress!, name: name, sizeLimit: sizeLimit) }
        }.get()
    }

    private static func load(_ cPath: UnsafePointer<CChar>, name path: String, sizeLimit: Int) throws(ReadError) -> [UInt8] {
        var status = stat()
        guard stat(cPath, &status) == 0 else { throw error(path, errno) }
        try requireRegular(path, status)
        let descriptor = open(cPath, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { throw error(path, errno) }
        defer { close(descriptor) }
        var before = stat()
        guard fstat(descriptor, &before) == 0 else { throw error(path, errno) }
        // Checked again on what was opened: the path may have been replaced in between.
        try requireRegular(path, before)
        if before.st_size == 0 {
            // Files of /proc and /sys say they are empty and are not: refuse those too.
            var probe: UInt8 = 0
            let count = read(descriptor, &probe, 1)
            if count > 0 { throw ReadError(path: path, reason: .notRegular("a system file whose size is not known")) }
            return []
        }
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

    /// A file name or path as shown and stored: itself when it is valid UTF-8, else with each
    /// byte that is not part of a valid sequence written `\xNN` (file systems allow any bytes).
    public static func displayName(_ bytes: [UInt8]) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var shown = ""
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var position = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                shown.unicodeScalars.append(Unicode.UTF8.decode(encoded))
                position += encoded.count
            case .error(let length):
                for byte in bytes[position..<position + length] {
                    let hex = String(byte, radix: 16, uppercase: true)
                    shown += "\\x" + (hex.count == 1 ? "0" + hex : hex)
                }
                position += length
            case .emptyInput:
                return shown
            }
        }
    }

    /// Throws unless `status` is a regular file's, naming what the file is instead.
    private static func requireRegular(_ path: String, _ status: stat) throws(ReadError) {
        switch status.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw ReadError(path: path, reason: .isDirectory)
        default: throw ReadError(path: path, reason: .notRegular(kindName(mode: status.st_mode)))
        }
    }

    /// What a file of this `st_mode` is, as a phrase for messages: `a FIFO (named pipe)`.
    public static func kindName(mode: UInt32) -> String {
        switch mode & S_IFMT {
        case S_IFREG: "a file"
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }

    private static func error(_ path: String, _ code: Int32) -> ReadError {
        switch code {
        case ENOENT: ReadError(path: path, reason: .notFound)
        case EACCES, EPERM: ReadError(path: path, reason: .permissionDenied)
        case EISDIR: ReadError(path: path, reason: .isDirectory)
        case EAGAIN: ReadError(path: path, reason: .notRegular("a file that cannot be read without waiting"))
        default: ReadError(path: path, reason: .system(String(cString: strerror(code))))
        }
    }
}
