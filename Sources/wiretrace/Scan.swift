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
                may use it. Exit status: 0 when every file was read, 1 when some files could not be read \
                (each is listed with the reason), 2 when the scan itself failed.
                """
        )

        @Argument(help: "The mirror folder (text and HTML articles, optionally gzip-compressed).") var mirror: String
        @Option(name: .customLong("index"), help: ArgumentHelp("The index file (default: MIRROR/.wiretrace/index.sqlite).", valueName: "PATH"))
        var indexPath: String?
        @Option(name: .customLong("html"), help: ArgumentHelp("Also write the report as one self-contained HTML page.", valueName: "FILE"))
        var html: String?
        @Option(name: .customLong("max-size"), help: ArgumentHelp("Files larger than this are reported, not read (bytes, or with K, M, G).", valueName: "SIZE"))
        var maxSize: String = "32M"
        @Option(name: .customLong("jobs"), help: ArgumentHelp("Threads that read and fingerprint files (default: one per core).", valueName: "N"))
        var jobs: Int?
        /// Files per transaction; small batches let tests kill a scan between commits.
        @Option(name: .customLong("batch-size"), help: .hidden) var batchSize = 512
        @Option(name: .customLong("batch-pause-ms"), help: .hidden) var batchPauseMilliseconds = 0
        @Flag(name: .customLong("no-progress"), help: "Never draw the progress bar (it is drawn only when standard error is a terminal).")
        var noProgress = false
        @OptionGroup var output: OutputOptions
        @OptionGroup var times: TimeOptions

        func validate() throws {
            if Self.bytes(maxSize) == nil { throw ValidationError("--max-size \(maxSize): expected a size such as 5000000, 512K or 32M") }
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        static func bytes(_ text: String) -> Int? {
            let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
            if let last = text.uppercased().last, let unit = units[last], let value = Double(text.dropLast()) { return Int(value * Double(unit)) }
            return Int(text)
        }

        func run() throws {
            let reader = try times.reader()
            let path = indexPath ?? MirrorIndex.defaultPath(forMirror: mirror)
            var options = MirrorScanner.Options(maxSize: Self.bytes(maxSize)!, reader: reader)
            if let jobs { options.workers = jobs }
            options.batchSize = max(1, batchSize)
            options.pauseAfterBatchMilliseconds = max(0, batchPauseMilliseconds)
            let bar = ProgressBar(enabled: !noProgress && Terminal.isTerminal(.standardError))
            let report: ScanReport
            let index: MirrorIndex
            do {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: mirror, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw IndexError(path: mirror, reason: .mirror("no such folder"))
                }
                index = try MirrorIndex(path: path, create: true)
                report = try MirrorScanner(mirror: mirror, index: index, options: options).scan { bar.update($0) }
                bar.finish()
            } catch let error as IndexError {
                bar.finish()
                Terminal.standardError.write("wiretrace: \(error)\n")
                throw ExitCode(2)
            }
            if let html {
                do {
                    let page = try ScanHTMLReport(report: report, index: index).render()
                    try page.write(toFile: html, atomically: true, encoding: .utf8)
                } catch {
                    Terminal.standardError.write("wiretrace: \(html): cannot write the HTML report: \(error)\n")
                    throw ExitCode(2)
                }
            }
            if output.json {
                Terminal.standardOutput.write(try JSONOutput.encode(report))
            } else {
                Terminal.standardOutput.write(ScanReportText(report: report, style: output.style).render())
            }
            if report.exitStatus != 0 { throw ExitCode(Int32(report.exitStatus)) }
        }
    }
}
