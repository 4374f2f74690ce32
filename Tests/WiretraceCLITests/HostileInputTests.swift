import Foundation
import Testing
import WiretraceTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A folder in the temporary directory, removed when the test ends.
final class Scratch {
    let root: URL
    var path: String { root.path }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("wiretrace-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func fifo(_ relative: String) throws -> String {
        let path = root.appendingPathComponent(relative).path
        try #require(mkfifo(path, 0o644) == 0)
        return path
    }

    /// A plain-text article long enough to be read.
    static let article = "Harbour council approves budget\n\nThe harbour council approved next year's budget on Tuesday after a long debate about ferry fares and the new library.\n\nCouncillors said the money for the railway bridge would come from the sale of an old warehouse near the market.\n"
}

/// Runs the binary, killing it if it is still running after `seconds`: a command that blocks
/// (on a FIFO, say) fails the test instead of hanging the suite.
struct BoundedRun {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

func runBounded(_ arguments: [String], seconds: Double = 20) throws -> (outcome: BoundedRun, timedOut: Bool) {
    let process = Process()
    process.executableURL = WiretraceBinary.url
    process.arguments = arguments
    process.currentDirectoryURL = Fixtures.root
    let output = Pipe(), error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    // A thread of its own, and SIGKILL: the test runner's threads may all be busy, and a
    // child may inherit a mask that blocks SIGTERM.
    let pid = process.processIdentifier
    let killer = Thread {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if Foundation.kill(pid, 0) != 0 { return }
            usleep(50_000)
        }
        _ = Foundation.kill(pid, SIGKILL)
    }
    killer.start()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let timedOut = process.terminationReason == .uncaughtSignal
    return (BoundedRun(status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
                       standardError: String(decoding: errData, as: UTF8.self)), timedOut)
}

@Suite("hostile input: numbers, FIFOs and devices, help, escape codes")
struct HostileInputTests {
    @Test("every --max-size a user can type is a usage error (exit 2) or works; none traps", arguments: [
        ("nanM", 2), ("infK", 2), ("1e30G", 2), ("9223372036854775807G", 2), ("-5M", 2), ("0", 2), ("+5M", 2), ("1.5", 2),
        ("9223372036854775808", 2), ("5M5", 2), ("", 2), ("1.5M", 0), ("512K", 0), ("32m", 0), ("5000000", 0),
    ])
    func maxSize(value: String, status: Int32) throws {
        let scratch = try Scratch()
        try scratch.write("mirror/example.com/a.txt", Scratch.article)
        let run = try WiretraceBinary.run(["scan", scratch.path + "/mirror", "--max-size=" + value, "--no-progress"])
        #expect(run.status == status, "\(value): \(run.standardError)")
        if status == 2 { #expect(run.standardError.contains("--max-size")) }
    }

    @Test("a --max-size with a fraction counts to the byte: 1.5K lets a 1,536-byte file through and stops one of 1,537")
    func fractionalSize() throws {
        let scratch = try Scratch()
        try scratch.write("mirror/example.com/a.txt", Scratch.article + String(repeating: "x", count: 1536 - Scratch.article.utf8.count))
        #expect(try WiretraceBinary.run(["scan", scratch.path + "/mirror", "--max-size", "1.5K", "--no-progress"]).status == 0)
        try scratch.write("mirror/example.com/a.txt", Scratch.article + String(repeating: "x", count: 1537 - Scratch.article.utf8.count))
        let run = try WiretraceBinary.run(["scan", scratch.path + "/mirror", "--max-size", "1.5K", "--no-progress", "--color", "never"])
        #expect(run.status == 1)
        #expect(run.standardOutput.contains("too large (1537 bytes; the limit is 1536)"))
    }

    @Test("huge --jobs, --batch-size and --batch-pause-ms are usage errors, not a trap or a scan that runs on", arguments: [
        ["--jobs", "9223372036854775807"], ["--jobs", "0"], ["--batch-size", "9223372036854775807"], ["--batch-size", "-1"],
        ["--batch-pause-ms", "9223372036854775807"], ["--batch-pause-ms", "-1"],
    ])
    func hugeCounts(option: [String]) throws {
        let scratch = try Scratch()
        try scratch.write("mirror/example.com/a.txt", Scratch.article)
        let (run, timedOut) = try runBounded(["scan", scratch.path + "/mirror", "--no-progress"] + option)
        #expect(!timedOut)
        #expect(run.status == 2, "\(option): \(run.standardError)")
        #expect(run.standardError.contains(option[0]))
    }

    @Test("inspect and compare read a file whose name is not valid UTF-8, and show the name escaped")
    func nonUTF8Argument() throws {
        let scratch = try Scratch()
        try scratch.write("plain.txt", Scratch.article)
        let name = Array((scratch.path + "/caf").utf8) + [0xE9] + Array(".txt".utf8)
        let descriptor = (name.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) }
        try #require(descriptor >= 0)
        _ = Scratch.article.withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)
        // Foundation passes arguments as strings, which cannot hold the stray byte: a shell does.
        for command in ["inspect \"$(printf 'caf\\351.txt')\"", "compare \"$(printf 'caf\\351.txt')\" plain.txt"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "exec \"$0\" " + command + " --color never", WiretraceBinary.url.path]
            process.currentDirectoryURL = scratch.root
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(command)")
            #expect(text.contains("caf\\xE9.txt"), "\(text)")
        }
    }

    @Test("stories --limit below 1 is a usage error, not a listing without limit")
    func storiesLimit() throws {
        for value in ["-5", "0"] {
            let run = try WiretraceBinary.run(["stories", "--limit=" + value, "--index", "/no/such/index.sqlite"])
            #expect(run.status == 2)
            #expect(run.standardError.contains("--limit \(value): expected at least 1 story"), "\(run.standardError)")
        }
    }

    @Test("inspect, compare and diff on a FIFO or a device return at once, naming the file and what it is", arguments: [
        "inspect", "compare", "diff",
    ])
    func fifoAndDevices(command: String) throws {
        let scratch = try Scratch()
        let article = try scratch.write("a.txt", Scratch.article)
        let fifo = try scratch.fifo("pipe")
        for (path, reason) in [(fifo, "a FIFO (named pipe), not an article file"), ("/dev/zero", "a character device, not an article file"),
                               ("/proc/self/status", "a system file whose size is not known, not an article file")] {
            let arguments = command == "inspect" ? [command, path] : [command, path, article]
            let (run, timedOut) = try runBounded(arguments, seconds: 10)
            #expect(!timedOut, "\(command) \(path) blocked")
            #expect(run.status == 2)
            #expect(run.standardError.contains("\(path): \(reason)"), "\(run.standardError)")
        }
    }

    @Test("a file whose name starts with '-' and holds an h is no help request: exit 2 and how to name it; after -- it is read")
    func dashFileName() throws {
        let scratch = try Scratch()
        let article = try scratch.write("a.txt", Scratch.article)
        try scratch.write("-hidden.txt", Scratch.article)
        let run = try WiretraceBinary.run(["compare", "-hidden.txt", article])
        #expect(run.status == 2, "0 would say the two share a source")
        #expect(!run.standardOutput.contains("USAGE"))
        #expect(run.standardError.contains("-hidden.txt: not an option"))
        #expect(run.standardError.contains("wiretrace compare -- -hidden.txt"))
        let process = Process()
        process.executableURL = WiretraceBinary.url
        process.arguments = ["compare", "--color", "never", "--", "-hidden.txt", article]
        process.currentDirectoryURL = scratch.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "after --, the file is read: the same article twice shares a source")
    }

    @Test("help never exits with a verdict's status: compare and diff exit 2 after help; the root's help exits 0")
    func helpStatus() throws {
        for command in ["compare", "diff"] {
            for flag in ["-h", "--help"] {
                let run = try WiretraceBinary.run([command, flag])
                #expect(run.status == 2, "\(command) \(flag)")
                #expect(run.standardOutput.contains("USAGE: wiretrace \(command)"))
            }
        }
        #expect(try WiretraceBinary.run(["--help"]).status == 0)
        #expect(try WiretraceBinary.run(["inspect", "--help"]).status == 0)
    }

    @Test("escape sequences in a title, an outlet, a time and a file name reach the terminal escaped, --color never included",
          arguments: [["inspect"], ["compare"], ["diff"]])
    func escapeCodes(command: [String]) throws {
        let scratch = try Scratch()
        let title = "Harbour \u{1B}]0;retitled\u{07}council \u{1B}[2J approves budget"
        let text = title + "\n\nReuters | Updated: 08-12-2023 15:00 IST\u{1B}[2J\n\n" + Scratch.article.split(separator: "\n", maxSplits: 1)[1]
        let evil = try scratch.write("evil\u{1B}[31m.txt", text)
        let plain = try scratch.write("plain.txt", Scratch.article)
        for color in ["never", "always"] {
            let arguments = command + (command == ["inspect"] ? [evil] : [evil, plain]) + ["--color", color]
            let run = try WiretraceBinary.run(arguments)
            #expect(run.status != 2, "\(run.standardError)")
            let output = run.standardOutput + run.standardError
            #expect(!output.contains("\u{1B}]"), "no title change")
            #expect(!output.contains("\u{1B}[2J"), "no screen clear")
            #expect(!output.contains("\u{1B}[31m.txt"), "the file name is shown escaped")
            #expect(!output.contains("\u{07}"))
            #expect(output.contains("evil\\e[31m.txt"))
            if command != ["diff"] { #expect(output.contains("Harbour \\e]0;retitled\\x07council \\e[2J approves budget")) }
        }
    }

    @Test("usage errors repeat what was typed escaped")
    func escapedUsageError() throws {
        let run = try WiretraceBinary.run(["scan", "/no/such/mirror", "--max-size", "1\u{1B}[2J"])
        #expect(run.status == 2)
        #expect(!run.standardError.contains("\u{1B}"))
        #expect(run.standardError.contains("1\\e[2J"))
    }

    /// A small page in valid UTF-8 that declares `charset`.
    private static func page(declaring charset: String, extra: String = "") -> String {
        "<html><head><meta charset=\"\(charset)\"><title>Café council news</title></head><body><article>"
            + "<p>The harbour council approved the café licence on Tuesday after a long debate about ferry fares\(extra).</p>"
            + "<p>Councillors said the money for the railway bridge would come from the sale of an old warehouse.</p></article></body></html>"
    }

    @Test("a valid UTF-8 page declaring UTF-16, UTF-32 or UTF-7 is read as UTF-8, as browsers read it", arguments: [
        "utf-16", "UTF-16LE", "utf-16be", "utf-32", "utf-7",
    ])
    func impossibleDeclarations(charset: String) throws {
        let scratch = try Scratch()
        let path = try scratch.write("page.html", Self.page(declaring: charset))
        let run = try WiretraceBinary.run(["inspect", path, "--color", "never"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("title     \"Café council news\""))
        #expect(run.standardOutput.contains("approved the café licence"))
        #expect(!run.standardError.contains("error :"), "no raw libxml2 message")
    }

    @Test("bytes a declared character set cannot convert: no raw libxml2 message, a warning naming the file")
    func conversionFailure() throws {
        let scratch = try Scratch()
        var bytes = Array(Self.page(declaring: "shift_jis").utf8)
        let marker = Array("ferry fares".utf8)
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: marker) })
        bytes.insert(contentsOf: [0xFF, 0xFE, 0xFD, 0x80], at: at)
        let path = scratch.path + "/page.html"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let run = try WiretraceBinary.run(["inspect", path, "--color", "never"])
        #expect(!run.standardError.contains("encoding error"))
        #expect(!run.standardError.contains("I/O error"))
        #expect(run.standardError.contains("wiretrace: warning: \(path): not valid SHIFT_JIS (the meta charset declares it)"), "\(run.standardError)")
    }
}
