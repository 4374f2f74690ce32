#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One scan at a time per index: an exclusive `flock` on `INDEX.lock`, which the kernel
/// releases when the process ends however it ends (even under `kill -9`), so a dead scan
/// never leaves a stale lock behind. The file holds the holder's pid and start time, for
/// the message the next scan prints.
final class ScanLock {
    private let descriptor: Int32

    init(indexPath: String) throws(IndexError) {
        let path = indexPath + ".lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw IndexError(path: path, reason: .database("cannot create the lock file: \(String(cString: strerror(errno)))"))
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = pread(descriptor, &buffer, 255, 0)
            close(descriptor)
            let holder = count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "unknown process"
            throw IndexError(path: indexPath, reason: .locked(holder: holder))
        }
        self.descriptor = descriptor
        let started = ISO8601DateFormatter().string(from: Date())
        let note = "pid \(getpid()), started \(started)\n"
        _ = ftruncate(descriptor, 0)
        _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
