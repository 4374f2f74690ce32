import ArgumentParser
import Foundation
import Wiretrace
import WiretraceFormats
import WiretraceIndex

extension WiretraceCommand {
    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Index a mirror of saved articles and report what is new: stories, republications, versions, silent edits, bad files.",
            discussion: """
                Incremental: files whose size, modification time and inode are unchanged are not read again. \
                The index lives in MIRROR/.wiretrace/index.sqlite unless --index is given; one scan at a time \
                may use it. Exit status: 0 when the scan did its work, 1 when files became unreadable in \
                this scan (each is listed with the reason; --fail-on changes when), 2 when the scan itself failed.

                With --index postgresql://USER@HOST[:PORT]/DATABASE (or WIRETRACE_INDEX) the index is a \
                PostgreSQL database that several scanners share: run one `scan --shard K/N` per part of the \
                mirror, on one machine or several, then one `scan --link-only` to link and report.
                """
        )

        @Argument(help: "The mirror folder (text and HTML articles, optionally gzip-compressed).") var mirror: String
        @Option(name: .customLong("index"), help: ArgumentHelp(
            "The index file, or a postgresql:// URL (default: $WIRETRACE_INDEX, else MIRROR/.wiretrace/index.sqlite).", valueName: "PATH|URL"))
        var indexPath: String?
        @Option(name: .customLong("shard"), help: ArgumentHelp(
            "Scan only part K of N of the mirror (by a hash of each file's path), and leave linking to `scan --link-only`.",
            valueName: "K/N"))
        var shard: String?
        @Flag(name: .customLong("link-only"), help: "Do not read the mirror: link what the --shard scans wrote, and report.")
        var linkOnly = false
        @Option(name: .customLong("max-size"), help: ArgumentHelp("Files larger than this are reported, not read (bytes, or with K, M, G).", valueName: "SIZE"))
        var maxSize: String = "32M"
        @Option(name: .customLong("jobs"), help: ArgumentHelp("Threads that read and fingerprint files (default: one per core).", valueName: "N"))
        var jobs: Int?
        /// Files per transaction; small batches let tests kill a scan between commits.
        @Option(name: .customLong("batch-size"), help: .hidden) var batchSize = 512
        @Option(name: .customLong("batch-pause-ms"), help: .hidden) var batchPauseMilliseconds = 0
        @Option(name: .customLong("include"), help: ArgumentHelp(
            "Read only files matching GLOB (repeatable; gitignore syntax: *, **, ?, a leading / anchors).", valueName: "GLOB"))
        var include: [String] = []
        @Option(name: .customLong("exclude"), help: ArgumentHelp(
            "Do not read files or folders matching GLOB (repeatable; after the mirror's .wiretraceignore).", valueName: "GLOB"))
        var exclude: [String] = []
        @Option(name: .customLong("fail-on"), help: ArgumentHelp(
            "When to exit 1: new (files became unreadable in this scan), any (some file is unreadable, now or still), never.",
            valueName: "WHEN"))
        var failOn: FailurePolicy = .new
        @Flag(name: .customLong("no-progress"), help: "Never draw the progress bar (it is drawn only when standard error is a terminal).")
        var noProgress = false
        @OptionGroup var reportOutput: ReportOutputOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var times: TimeOptions

        /// The most threads `--jobs` takes: more than this is a typo, not a machine.
        static let maxJobs = 1024
        /// Bounds of the hidden test knobs.
        static let maxBatchSize = 1 << 20, maxBatchPauseMilliseconds = 60_000

        func validate() throws {
            if Self.bytes(maxSize) == nil {
                throw ValidationError("--max-size \(maxSize): expected a size of at least 1 byte, in bytes or with K, M or G, such as 5000000, 512K, 1.5M or 32M")
            }
            for glob in include + exclude where !MirrorScanner.isGlob(glob) {
                throw ValidationError("--include/--exclude \"\(glob)\": expected a glob such as '*.html' or 'assets/'")
            }
            if let shard, ScanShard(argument: shard) == nil {
                throw ValidationError("--shard \(shard): expected K/N with 1 <= K <= N, such as 1/3")
            }
            if shard != nil && linkOnly { throw ValidationError("--shard and --link-only: a scan either writes a shard or links") }
            if let jobs, !(1...Self.maxJobs).contains(jobs) { throw ValidationError("--jobs \(jobs): expected 1 to \(Self.maxJobs) threads") }
            if !(1...Self.maxBatchSize).contains(batchSize) { throw ValidationError("--batch-size \(batchSize): expected 1 to \(Self.maxBatchSize)") }
            if !(0...Self.maxBatchPauseMilliseconds).contains(batchPauseMilliseconds) {
                throw ValidationError("--batch-pause-ms \(batchPauseMilliseconds): expected 0 to \(Self.maxBatchPauseMilliseconds)")
            }
        }

        /// `5000000`, `512K`, `1.5M`, `2G` as bytes; nil for anything else: no sign, no
        /// exponent, no `nan` or `inf`, no fraction of a byte, nothing below 1 byte and nothing
        /// that overflows.
        static func bytes(_ text: String) -> Int? {
            let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
            var number = Substring(text), unit = 1
            if let last = text.uppercased().last, let scale = units[last] { number = number.dropLast(); unit = scale }
            let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard let whole = parts.first, !whole.isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
                  parts.count == 1 || !parts[1].isEmpty && unit > 1,
                  let wholeValue = Int(whole) else { return nil }
            let (scaled, overflow) = wholeValue.multipliedReportingOverflow(by: unit)
            guard !overflow else { return nil }
            var total = scaled
            if parts.count == 2 {
                // The fraction of one unit, to the byte: digits beyond the 18th cannot move it.
                let digits = parts[1].prefix(18)
                guard let fraction = Int(digits) else { return nil }
                var power = 1
                for _ in digits { power *= 10 }
                let (sum, overflow) = total.addingReportingOverflow(Int((Double(fraction) / Double(power) * Double(unit)).rounded(.down)))
                guard !overflow else { return nil }
                total = sum
            }
            return total >= 1 ? total : nil
        }

        func run() throws {
            let reader = try times.reader()
            let path = indexPath ?? IndexLocationOptions.environmentIndex ?? MirrorIndex.defaultPath(forMirror: mirror)
            var options = MirrorScanner.Options(maxSize: Self.bytes(maxSize)!, reader: reader)
            if let jobs { options.workers = jobs }
            // A report written into the mirror is not an article of it.
            if let html = reportOutput.html { options.excludedPaths = [html] }
            options.batchSize = batchSize
            options.failOn = failOn
            options.include = include
            options.exclude = exclude
            options.pauseAfterBatchMilliseconds = batchPauseMilliseconds
            options.shard = shard.flatMap(ScanShard.init(argument:))
            options.linkOnly = linkOnly
            let bar = ProgressBar(enabled: !noProgress && Terminal.isTerminal(.standardError))
            let report: ScanReport
            let index: MirrorIndex
            do {
                try MirrorScanner.checkMirror(mirror)
                // Before the scan commits anything: a report that cannot be written is known now.
                if let html = reportOutput.html {
                    do throws(ReportFile.Failure) { try ReportFile.check(html) } catch {
                        Terminal.complain("\(error)")
                        throw ExitCode(2)
                    }
                }
                index = try MirrorIndex(path: path, create: true)
                report = try MirrorScanner(mirror: mirror, index: index, options: options).scan { bar.update($0) }
                bar.finish()
            } catch let error as IndexError {
                bar.finish()
                Terminal.complain("\(error)")
                throw ExitCode(2)
            }
            try reportOutput.show(report, index: index, output: output)
            if let shard = options.shard, !output.json {
                Terminal.standardOutput.write("Shard \(shard) written; stories are linked by `wiretrace scan MIRROR --index INDEX --link-only` once every shard is written.\n")
            }
            if report.exitStatus != 0 { throw ExitCode(Int32(report.exitStatus)) }
        }
    }
}

/// `--fail-on new|any|never`: the policy's own names.
extension FailurePolicy: ExpressibleByArgument {}
