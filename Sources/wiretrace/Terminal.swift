#if canImport(Glibc)
import Glibc
#endif

/// The few things the CLI needs from the terminal: is it one, and writing to it.
enum Terminal {
    enum Stream { case standardOutput, standardError }

    static func isTerminal(_ stream: Stream) -> Bool {
        isatty(stream == .standardOutput ? STDOUT_FILENO : STDERR_FILENO) == 1
    }

    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    struct Writer {
        let descriptor: Int32
        func write(_ text: String) {
            var text = text
            text.withUTF8 { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { return }
                    offset += written
                }
            }
        }
    }

    static let standardOutput = Writer(descriptor: STDOUT_FILENO)
    static let standardError = Writer(descriptor: STDERR_FILENO)
}

/// `1 version`, `3 versions`: a count with its noun in the right number.
func counted(_ value: Int, _ one: String, _ many: String) -> String {
    "\(value) \(value == 1 ? one : many)"
}

/// ANSI styling that turns itself off when colors are off.
struct Style {
    let enabled: Bool

    private func wrap(_ code: String, _ text: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { wrap("1", text) }
    func dim(_ text: String) -> String { wrap("2", text) }
    func red(_ text: String) -> String { wrap("31", text) }
    func green(_ text: String) -> String { wrap("32", text) }
    func yellow(_ text: String) -> String { wrap("33", text) }
    func cyan(_ text: String) -> String { wrap("36", text) }
}

/// `text` safe to print on a terminal: every control character (C0, DEL, C1, which is where
/// ESC sequences and the BEL that ends a title change live) and every bidirectional
/// override is shown escaped (`\e`, `\n`, `\u{202E}`), so nothing read from an article or a
/// file name can move the cursor, clear the screen, retitle the window or reorder the line.
/// Every string from outside Wiretrace goes through here before it is printed as text.
func shown(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        guard needsEscape(scalar) else { out.append(scalar); continue }
        let escaped: String
        switch scalar {
        case "\n": escaped = "\\n"
        case "\r": escaped = "\\r"
        case "\t": escaped = "\\t"
        case "\u{1B}": escaped = "\\e"
        default:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            escaped = scalar.value < 0x100 ? "\\x" + (hex.count == 1 ? "0" + hex : hex) : "\\u{\(hex)}"
        }
        out.append(contentsOf: escaped.unicodeScalars)
    }
    return String(out)
}

private func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00..<0x20, 0x7F...0x9F: true
    // Embeddings, overrides and isolates: they reorder what follows them on the line.
    case 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
}

extension Terminal {
    /// Prints `wiretrace: MESSAGE` on standard error, the message shown safely.
    static func complain(_ message: String) {
        standardError.write("wiretrace: " + shown(message) + "\n")
    }
}
