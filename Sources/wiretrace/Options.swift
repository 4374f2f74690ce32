import ArgumentParser
import Wiretrace
import WiretraceFormats
#if canImport(Glibc)
import Glibc
#endif

/// Output options shared by every command.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print one JSON object instead of text (schema version 2, the same objects in every command).")
    var json = false

    @Option(help: "Color the text output: auto (on a terminal, unless NO_COLOR is set), always, never.")
    var color: ColorChoice = .auto

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    var style: Style {
        switch color {
        case .always: Style(enabled: true)
        case .never: Style(enabled: false)
        case .auto: Style(enabled: Terminal.isTerminal(.standardOutput) && Terminal.environment("NO_COLOR")?.isEmpty != false)
        }
    }
}

/// How times are read.
struct TimeOptions: ParsableArguments {
    @Option(name: .customLong("zone"), help: ArgumentHelp(
        "Offset of a zone abbreviation, e.g. IST=+05:30 (repeatable); wins over every default.",
        valueName: "ABBR=OFFSET"))
    var zones: [String] = []

    @Option(help: ArgumentHelp("Country of sources whose country is unknown (ISO code, e.g. in, us, gb); decides zones such as IST and the day order of 08-12-2023.", valueName: "CODE"))
    var country: String?

    func zoneOverrides() throws -> [String: Int] {
        var overrides: [String: Int] = [:]
        for zone in zones {
            let parts = zone.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let minutes = TimeContext.offsetMinutes(parsing: String(parts[1])) else {
                throw ValidationError("--zone \(zone): expected ABBR=+HH:MM, e.g. IST=+05:30")
            }
            overrides[parts[0].uppercased()] = minutes
        }
        return overrides
    }

    func reader() throws -> ArticleReader {
        ArticleReader(zoneOverrides: try zoneOverrides(), defaultCountry: country?.lowercased())
    }
}

extension ArticleReader {
    /// Reads the article at `path`, or throws a ``ReadError`` naming it.
    func readFile(_ path: String) throws(ReadError) -> ArticleReader.Result {
        if let raw = RawArguments.bytes(of: path) {
            let name = ArticleFile.displayName(raw)
            return try read(try ArticleFile.load(pathBytes: raw, name: name), name: name)
        }
        return try read(try ArticleFile.load(path), name: path)
    }
}

/// The command line as the bytes it was: Swift's arguments are strings, in which a file name
/// that is not valid UTF-8 has had its stray bytes replaced (U+FFFD), and no longer names
/// the file.
enum RawArguments {
    /// The bytes of the argument that was decoded as `argument`, when it was not valid UTF-8.
    static func bytes(of argument: String) -> [UInt8]? {
        guard argument.unicodeScalars.contains("\u{FFFD}") else { return nil }
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let raw = Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
            if String(validating: raw, as: UTF8.self) == nil && String(decoding: raw, as: UTF8.self) == argument { return raw }
        }
        return nil
    }

    /// `argument` as messages and reports show it: stray bytes written `\xNN`.
    static func shown(_ argument: String) -> String {
        bytes(of: argument).map(ArticleFile.displayName) ?? argument
    }
}

extension TimeOptions {
    /// Reads each path as an article and prints the readers' warnings. A file that cannot be
    /// read stops the command with status 2 and a message naming it.
    func readArticles(_ paths: [String]) throws -> [ArticleReader.Result] {
        try readInputs(paths).map(\.result)
    }

    /// ``readArticles(_:)`` with the name each article is known by: a path may pick a capture
    /// of a WARC file (`FILE#URI`), and `records` pick captures by number.
    func readInputs(_ paths: [String], records: [Int] = []) throws -> [ArticleArgument.Read] {
        let reader = try reader()
        var picks = try RecordPicks(records)
        do {
            // A page without article text has no text to compare: it is trouble, named.
            let reads = try paths.map { path throws(ReadError) in
                let argument = ArticleArgument(path)
                var read = try argument.read(with: reader, record: picks.next(for: argument))
                read.result = try read.result.requiringText(name: read.name)
                return read
            }
            try picks.checkAllUsed()
            for damage in reads.flatMap(\.damages) { Terminal.complain("warning: \(damage)") }
            for warning in reads.flatMap(\.result.warnings) { Terminal.complain("warning: \(warning)") }
            return reads
        } catch let error as ReadError {
            Terminal.complain("\(error)")
            throw ExitCode(2)
        }
    }
}

extension OutputOptions {
    /// Prints `report` as JSON with `--json`, as text otherwise.
    func emit(_ report: some Encodable, text: (Style) -> String) throws {
        Terminal.standardOutput.write(json ? try JSONOutput.encode(Versioned(report)) : text(style))
    }
}
