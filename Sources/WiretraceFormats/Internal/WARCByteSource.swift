#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CWiretraceZlib

/// What one call to ``WARCByteSource/fill(_:)`` gave.
enum WARCFill {
    /// Bytes were appended.
    case bytes
    /// The file ended where it may end.
    case end
    /// Compressed data was damaged or cut short: the bytes appended before this point are
    /// all that could be read of it, and what comes next starts on a fresh gzip member.
    case gap(WARCDamage.Reason, fileOffset: Int)
}

/// The bytes of a WARC file, inflated when it is gzip-compressed, read in bounded chunks:
/// a 1 GB archive is never held in memory.
protocol WARCByteSource: AnyObject {
    /// Appends the next bytes of the stream to `buffer`.
    func fill(_ buffer: inout [UInt8]) -> WARCFill
    /// Where the byte at `streamOffset` of the (inflated) stream is in the file.
    func location(of streamOffset: Int) -> WARCLocation
    /// Positions before `streamOffset` will not be asked about again.
    func forget(before streamOffset: Int)
    /// Whether the gzip member holding `streamOffset` is still being inflated (its end and
    /// its check sum not reached yet).
    func memberIsOpen(at streamOffset: Int) -> Bool
}

/// An uncompressed `.warc`: stream offsets are file offsets.
final class PlainWARCSource: WARCByteSource {
    private let descriptor: Int32
    private static let chunk = 64 << 10

    init(descriptor: Int32) { self.descriptor = descriptor }

    func fill(_ buffer: inout [UInt8]) -> WARCFill {
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: Self.chunk))
        let count = buffer.withUnsafeMutableBytes { raw in WARCFileIO.readFully(descriptor, raw.baseAddress! + old, Self.chunk) }
        buffer.removeLast(Self.chunk - max(count, 0))
        return count > 0 ? .bytes : .end
    }

    func location(of streamOffset: Int) -> WARCLocation { WARCLocation(fileOffset: streamOffset) }
    func forget(before streamOffset: Int) {}
    func memberIsOpen(at streamOffset: Int) -> Bool { false }
}

/// A `.warc.gz`: one gzip member per record (the usual layout, which lets a record be found
/// by the offset of its member) or one gzip stream for the whole file.
///
/// A damaged member is reported once, and reading resumes at the next gzip header found
/// after the damaged member's start; candidates that fail before giving a byte (the magic
/// number by chance inside compressed data) are passed over silently.
final class GzipWARCSource: WARCByteSource {
    private enum State {
        case betweenMembers
        case inMember
        /// Looking for the next gzip header, from the input position.
        case searching
        case ended
    }

    private let descriptor: Int32
    private var stream = z_stream()
    private static let inputCapacity = 64 << 10
    private static let outputCapacity = 256 << 10
    private let input = UnsafeMutablePointer<UInt8>.allocate(capacity: inputCapacity)
    private let output = UnsafeMutablePointer<UInt8>.allocate(capacity: outputCapacity)
    /// The unread input is `input[inputStart..<inputEnd]`; `input[0]` is at `inputFileOffset`.
    private var inputStart = 0, inputEnd = 0, inputFileOffset = 0
    private var state = State.betweenMembers
    /// Inflated bytes handed out so far.
    private var produced = 0
    /// Where recent members start: in the stream and in the file.
    private var members: [(stream: Int, file: Int)] = []
    /// The member being inflated came from a search after damage and has given nothing yet.
    private var probing = false
    private var memberProduced = 0
    private var started = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    deinit {
        if started { inflateEnd(&stream) }
        input.deallocate()
        output.deallocate()
    }

    private var fileOffset: Int { inputFileOffset + inputStart }

    /// Reads more input, keeping the unread bytes; false at the end of the file.
    private func readInput() -> Bool {
        if inputStart > 0 {
            let kept = inputEnd - inputStart
            if kept > 0 { memmove(input, input + inputStart, kept) }
            inputFileOffset += inputStart
            inputEnd = kept
            inputStart = 0
        }
        guard inputEnd < Self.inputCapacity else { return true }
        let count = WARCFileIO.readFully(descriptor, input + inputEnd, Self.inputCapacity - inputEnd)
        guard count > 0 else { return false }
        inputEnd += count
        return true
    }

    /// Reads from `offset` of the file next.
    private func seek(to offset: Int) {
        lseek(descriptor, off_t(offset), SEEK_SET)
        inputFileOffset = offset
        inputStart = 0
        inputEnd = 0
    }

    func fill(_ buffer: inout [UInt8]) -> WARCFill {
        while true {
            switch state {
            case .ended:
                return .end
            case .betweenMembers:
                // Zero padding after the last member is not damage.
                while inputStart < inputEnd && input[inputStart] == 0 { inputStart += 1 }
                if inputEnd - inputStart < 3 {
                    let before = inputEnd - inputStart
                    if !readInput() || inputEnd - inputStart == before {
                        state = .ended
                        return before == 0 ? .end : .gap(.notGzipData, fileOffset: fileOffset)
                    }
                    continue
                }
                guard input[inputStart] == 0x1F && input[inputStart + 1] == 0x8B && input[inputStart + 2] == 0x08 else {
                    let at = fileOffset
                    inputStart += 1
                    state = .searching
                    if probing { continue }
                    probing = true
                    return .gap(.notGzipData, fileOffset: at)
                }
                startMember()
            case .searching:
                var found = false
                while inputStart + 2 < inputEnd {
                    if input[inputStart] == 0x1F && input[inputStart + 1] == 0x8B && input[inputStart + 2] == 0x08 {
                        found = true
                        break
                    }
                    inputStart += 1
                }
                if found {
                    state = .betweenMembers
                } else if !readInput() || inputEnd - inputStart < 3 {
                    state = .ended
                    return .end
                }
            case .inMember:
                if inputStart == inputEnd && !readInput() {
                    state = .ended
                    return .gap(.gzip("the gzip member at byte \(members.last?.file ?? 0) ends too soon"), fileOffset: members.last?.file ?? 0)
                }
                stream.next_in = input + inputStart
                stream.avail_in = uInt(inputEnd - inputStart)
                stream.next_out = output
                stream.avail_out = uInt(Self.outputCapacity)
                let status = CWiretraceZlib.inflate(&stream, Z_NO_FLUSH)
                inputStart = inputEnd - Int(stream.avail_in)
                let count = Self.outputCapacity - Int(stream.avail_out)
                if count > 0 {
                    buffer.append(contentsOf: UnsafeBufferPointer(start: output, count: count))
                    produced += count
                    memberProduced += count
                    probing = false
                }
                switch status {
                case Z_STREAM_END:
                    state = .betweenMembers
                case Z_OK, Z_BUF_ERROR:
                    break
                default:
                    let memberStart = members.last?.file ?? 0
                    let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    let silent = probing && memberProduced == 0
                    if silent { members.removeLast() }
                    seek(to: memberStart + 1)
                    state = .searching
                    if silent { continue }
                    probing = true
                    return .gap(.gzip("damaged gzip member (\(message))"), fileOffset: memberStart)
                }
                if count > 0 { return .bytes }
            }
        }
    }

    private func startMember() {
        if started {
            inflateReset(&stream)
        } else {
            // 16 + MAX_WBITS: a gzip header and trailer, not a zlib one.
            inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            started = true
        }
        members.append((produced, fileOffset))
        memberProduced = 0
        state = .inMember
    }

    func location(of streamOffset: Int) -> WARCLocation {
        guard let member = members.last(where: { $0.stream <= streamOffset }) else { return WARCLocation(fileOffset: 0) }
        if member.stream == streamOffset { return WARCLocation(fileOffset: member.file) }
        return WARCLocation(fileOffset: member.file, offsetInMember: streamOffset - member.stream)
    }

    func memberIsOpen(at streamOffset: Int) -> Bool {
        guard case .inMember = state, let last = members.last else { return false }
        return last.stream <= streamOffset
    }

    func forget(before streamOffset: Int) {
        // Keep the member holding `streamOffset` and every later one.
        guard let keep = members.lastIndex(where: { $0.stream <= streamOffset }), keep > 0 else { return }
        members.removeFirst(keep)
    }
}

enum WARCFileIO {
    /// Reads up to `count` bytes, retrying on interruptions; 0 at the end, -1 on an error.
    static func readFully(_ descriptor: Int32, _ destination: UnsafeMutableRawPointer, _ count: Int) -> Int {
        var filled = 0
        while filled < count {
            let got = read(descriptor, destination + filled, count - filled)
            if got < 0 {
                if errno == EINTR { continue }
                return filled > 0 ? filled : -1
            }
            if got == 0 { break }
            filled += got
        }
        return filled
    }
}
