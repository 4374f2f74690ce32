#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One scan at a time per index: advisory locks on `INDEX.lock`, held for the scan's life,
/// which the kernel releases when the process ends however it ends (even under `kill -9`),
/// so a dead scan never leaves a stale lock behind and the file itself means nothing: it is
/// never truncated nor removed.
///
/// Two locks on one descriptor: a POSIX record lock (`fcntl`), because the kernel tells a
/// process refused one the pid of its holder, and an `flock`, which also excludes a second
/// scanner in the same process and scanners built before the record lock. The file holds the
/// holder's pid and start time in a record of fixed width, written over in place, so that it
/// is never read empty or half written.
final class ScanLock {
    private let descriptor: Int32
    static let recordWidth = 80

    init(indexPath: String) throws(IndexError) {
        let path = Self.path(forIndex: indexPath)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw IndexError(path: path, reason: .database("cannot create the lock file: \(String(cString: strerror(errno)))"))
        }
        var record = Self.wholeFile(F_WRLCK)
        if fcntl(descriptor, F_SETLK, &record) != 0 {
            let holder = Self.holder(descriptor)
            close(descriptor)
            throw IndexError(path: indexPath, reason: .locked(holder: holder))
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let holder = Self.recorded(descriptor) ?? "a process of an older wiretrace, or this one"
            close(descriptor)
            throw IndexError(path: indexPath, reason: .locked(holder: holder))
        }
        self.descriptor = descriptor
        let started = ISO8601DateFormatter().string(from: Date())
        var note = "pid \(getpid()), started \(started)"
        note += String(repeating: " ", count: max(0, Self.recordWidth - 1 - note.utf8.count)) + "\n"
        _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit {
        // Closing the descriptor releases both locks.
        close(descriptor)
    }

    static func path(forIndex indexPath: String) -> String { indexPath + ".lock" }

    private static func wholeFile(_ type: Int32) -> flock {
        var record = flock()
        record.l_type = Int16(type)
        record.l_whence = Int16(SEEK_SET)
        record.l_start = 0
        record.l_len = 0
        return record
    }

    /// The holder as the kernel names it, with its start time from the file when the file
    /// was written by that same process.
    private static func holder(_ descriptor: Int32) -> String {
        var record = wholeFile(F_WRLCK)
        guard fcntl(descriptor, F_GETLK, &record) == 0, record.l_type != Int16(F_UNLCK), record.l_pid > 0 else {
            return recorded(descriptor) ?? "a process that could not be named"
        }
        if let note = recorded(descriptor), note.hasPrefix("pid \(record.l_pid),") { return note }
        return "pid \(record.l_pid)"
    }

    /// What the holder wrote in the file.
    private static func recorded(_ descriptor: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: recordWidth)
        let count = pread(descriptor, &buffer, recordWidth, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
