import Foundation
import Wiretrace
import WiretraceFormats

/// Scans a mirror into its index: walks it, reads and fingerprints new and changed files on
/// every core, records documents and versions in batched transactions, marks vanished files
/// gone, links documents into stories, and reports what is new since the last scan.
///
/// A file whose size, modification time and inode are unchanged is not read again. Each
/// batch of files is one transaction, and linking is one more, so a scan killed at any
/// moment leaves a consistent index; the next scan reads what the killed one had not
/// committed and links every document not yet linked.
public final class MirrorScanner {
    public struct Options: Sendable {
        /// Files larger than this are reported as too large, not read, and so are compressed
        /// files that inflate to more.
        public var maxSize: Int
        public var reader: ArticleReader
        /// Threads that parse and fingerprint.
        public var workers: Int
        /// Files per transaction.
        public var batchSize: Int
        /// Bytes of files per transaction (a larger file alone), and of what their results hold
        /// (a small gzip file can hold a large page): with at most two batches alive, the
        /// scan's memory follows the larger of this and the largest file, not the number of
        /// workers or the batch size (README, "Memory").
        public var batchBytes = 16 << 20
        /// A pause after each committed batch, in milliseconds: lets a test kill a scan
        /// between two batches in any build, however fast the scan is. 0 in real use.
        public var pauseAfterBatchMilliseconds = 0
        /// Files the walk passes over though they are in the mirror: the report a scan writes
        /// there (`--html`). The index's own files are always passed over.
        public var excludedPaths: [String] = []
        /// Globs of files to read (none: every file) and of files and folders not to read,
        /// matched as `.wiretraceignore` patterns are, after that file's own.
        public var include: [String] = []
        public var exclude: [String] = []
        /// When the report's exit status is 1.
        public var failOn = FailurePolicy.new
        /// Only this part of the mirror is walked, read and marked gone, and linking is left
        /// to a later ``linkOnly`` run, once every shard's scanner is done: several scanners,
        /// on one machine or several, then share one PostgreSQL index. Such a scan ends
        /// `written`, not `finished`: the next report counts its files.
        public var shard: ScanShard?
        /// Links what the scanners of the shards wrote, and reports, without walking the
        /// mirror. Refused while a scanner is still writing.
        public var linkOnly = false

        public init(maxSize: Int = ArticleFile.defaultSizeLimit, reader: ArticleReader = ArticleReader(),
                    workers: Int = ProcessInfo.processInfo.activeProcessorCount, batchSize: Int = 512) {
            self.maxSize = maxSize
            self.reader = reader
            self.workers = workers
            self.batchSize = batchSize
        }
    }

    /// Where a scan is, for a progress bar.
    public struct Progress: Sendable {
        public enum Phase: String, Sendable { case walking, reading, linking, reporting }
        public var phase: Phase
        public var done: Int
        public var total: Int
        public var bytesDone: Int
        public var bytesTotal: Int
    }

    public let mirror: String
    public let index: MirrorIndex
    public let options: Options

    public init(mirror: String, index: MirrorIndex, options: Options = Options()) {
        self.mirror = mirror
        self.index = index
        self.options = options
    }

    /// Throws unless `mirror` is a folder a scan can walk, with a message saying what it is
    /// (missing, a file, unreadable).
    public static func checkMirror(_ mirror: String) throws(IndexError) {
        try MirrorWalker.checkRoot(mirror)
    }

    /// Runs one scan. Throws only when the scan itself cannot run (the lock is held, the
    /// mirror or the index cannot be read); unreadable files are in the report.
    public func scan(progress: ((Progress) -> Void)? = nil) throws(IndexError) -> ScanReport {
        // One scan at a time per index file; on PostgreSQL, one per shard (PostgresScanLocks).
        var fileLock: ScanLock?
        var shared: PostgresDatabase?
        switch index.engine {
        case .sqlite: fileLock = try ScanLock(indexPath: index.path)
        case .postgresql(let database):
            try PostgresScanLocks.take(database, shard: options.shard, linkOnly: options.linkOnly)
            shared = database
        }
        defer {
            withExtendedLifetime(fileLock) {}
            if let shared { PostgresScanLocks.release(shared, shard: options.shard, linkOnly: options.linkOnly) }
        }
        let startedAt = Date()
        let now = Int64(startedAt.timeIntervalSince1970)
        let linkOnly = options.linkOnly
        let (scanID, since): (Int, Int?) = try index.write { db in
            let since = try Int.fetchOne(db, sql: "SELECT MAX(id) FROM scan WHERE status = 'finished'")
            if shared != nil {
                // Other scanners may be writing: only the rows of dead ones are interrupted,
                // and linking waits for the live ones.
                let live = try PostgresScanLocks.liveScans(db)
                if linkOnly && !live.isEmpty {
                    throw IndexError(path: index.path, reason: .locked(holder: "scans \(live.map(String.init).joined(separator: ", ")) are still writing; link once they are done"))
                }
            } else {
                // This scan holds the lock, so a scan still marked running is one that was killed.
                try db.execute(sql: "UPDATE scan SET status = 'interrupted' WHERE status = 'running'")
            }
            let id = try db.insert(sql: "INSERT INTO scan(startedAt, status, mirror) VALUES (?, 'running', ?)", arguments: [now, mirror])
            if let shared { try PostgresScanLocks.holdScan(Int(id), db, shared) }
            return (Int(id), since)
        }
        defer { if let shared { PostgresScanLocks.releaseScan(scanID, shared) } }
        do {
            return try scan(scanID, since: since, startedAt: startedAt, progress: progress)
        } catch {
            // Best effort: the scan row says it failed (a killed scan is found by the next one).
            try? index.write { db in try db.execute(sql: "UPDATE scan SET status = 'failed', finishedAt = ? WHERE id = ?",
                                                    arguments: [Int64(Date().timeIntervalSince1970), scanID]) }
            throw error
        }
    }

    /// Whether `text` is a pattern `include` and `exclude` take: not blank, not only slashes.
    public static func isGlob(_ text: String) -> Bool { PathPattern(argument: text) != nil }

    /// The mirror's `.wiretraceignore` (when it has one) and the options' globs.
    private func pathFilter() throws(IndexError) -> PathFilter {
        var filter = PathFilter()
        let ignoreFile = (mirror.hasSuffix("/") ? mirror : mirror + "/") + PathFilter.ignoreFileName
        if FileManager.default.fileExists(atPath: ignoreFile) {
            guard let data = FileManager.default.contents(atPath: ignoreFile) else {
                throw IndexError(path: ignoreFile, reason: .mirror("cannot be read"))
            }
            filter.ignored = PathFilter.patterns(ofIgnoreFile: String(decoding: data, as: UTF8.self))
        }
        filter.ignored += options.exclude.compactMap(PathPattern.init(argument:))
        filter.included = options.include.compactMap(PathPattern.init(argument:))
        return filter
    }

    /// The files an index keeps beside its database, which the walk must never take for articles.
    static func indexFiles(_ indexPath: String) -> [String] {
        ["", "-wal", "-shm", "-journal"].map { indexPath + $0 } + [ScanLock.path(forIndex: indexPath)]
    }

    private func scan(_ scanID: Int, since: Int?, startedAt: Date, progress: ((Progress) -> Void)?) throws(IndexError) -> ScanReport {
        let clock = ContinuousClock()
        let started = clock.now
        let now = Int64(startedAt.timeIntervalSince1970)
        var report = ScanReport(scan: scanID, sinceScan: since, mirror: mirror, index: index.path,
                                startedAt: ISO8601DateFormatter().string(from: startedAt), elapsedSeconds: 0,
                                fingerprintVersion: FingerprintVersion.current.description, refingerprinted: 0)
        report.refingerprinted = try Refingerprinter(index: index, workers: options.workers).runIfNeeded()

        // Walk.
        progress?(Progress(phase: .walking, done: 0, total: 0, bytesDone: 0, bytesTotal: 0))
        let excluded = Set((Self.indexFiles(index.path) + options.excludedPaths).compactMap(FileIdentity.init(path:)))
        var walker = MirrorWalker(root: mirror, excluded: excluded, filter: try pathFilter())
        if !options.linkOnly { try walker.walk() }
        if let shard = options.shard {
            walker.entries.removeAll { !shard.contains(path: $0.path) }
            walker.problems.removeAll { !shard.contains(path: $0.path) }
        }
        report.timings.walk = seconds(since: started, clock)

        // Plan: which files to read.
        var writer = try IndexWriter(index: index, scan: scanID, now: now)
        var toRead: [MirrorEntry] = []
        var seenPaths = Set<String>()
        seenPaths.reserveCapacity(walker.entries.count)
        for entry in walker.entries {
            seenPaths.insert(entry.path)
            if let known = writer.files[entry.path], known.state != .gone, known.isUnchanged(entry) {
                report.files.unchanged += 1
                // A bad file is tried again each scan (they are few): what made it bad (its
                // mode, the size limit) can change without its size, time or inode changing.
                guard known.state == .bad else { continue }
                report.files.retried += 1
            }
            toRead.append(entry)
        }
        report.files.seen = walker.entries.count
        report.ignored = walker.ignored
        try writer.deferPostingsIfBulk(reading: toRead.count)

        // Read, fingerprint and write.
        let readStarted = clock.now
        let bytesTotal = toRead.reduce(0) { $0 + $1.size }
        var done = 0, bytesDone = 0
        progress?(Progress(phase: .reading, done: 0, total: toRead.count, bytesDone: 0, bytesTotal: bytesTotal))
        let root = walker.root, reader = options.reader, maxSize = options.maxSize
        let budget = ParsingBudget(capacity: options.batchBytes)
        do {
            // WARC files are streamed in parts of their own, whatever their size (WARCCaptures.swift).
            let warcs = toRead.filter { WARCArchive.hasWARCName($0.path) }
            try ChunkedParallel.run(warcs.isEmpty ? toRead : toRead.filter { !WARCArchive.hasWARCName($0.path) }, chunkSize: options.batchSize,
                                    chunkBytes: options.batchBytes, bytes: { $0.size }, workers: options.workers,
                                    cost: { if case .article(let digest) = $0.outcome { digest.memoryCost } else { 0 } },
                                transform: { entry in FileProcessor.process(entry, root: root, reader: reader, maxSize: maxSize, budget: budget) },
                                progress: progress.map { progress in { files, bytes in
                                    progress(Progress(phase: .reading, done: files, total: toRead.count, bytesDone: bytes, bytesTotal: bytesTotal))
                                } },
                                    consume: { (results: [ProcessedFile]) in
                try writer.write(results, report: &report)
                if options.pauseAfterBatchMilliseconds > 0 { usleep(UInt32(min(options.pauseAfterBatchMilliseconds, 60_000)) * 1000) }
                done += results.count
                bytesDone += results.reduce(0) { $0 + $1.entry.size }
            })
            for entry in warcs {
                try WARCCaptures.scan(entry, root: root, reader: reader, options: options, writer: &writer, report: &report)
                done += 1
                bytesDone += entry.size
                progress?(Progress(phase: .reading, done: done, total: toRead.count, bytesDone: bytesDone, bytesTotal: bytesTotal))
            }
        } catch let error as IndexError {
            throw error
        } catch {
            throw IndexError(path: index.path, reason: .database("\(error)"))
        }
        report.files.bytesRead = bytesDone
        report.files.read = toRead.count - report.files.retried
        // Problems the walk found (a broken link, a FIFO) are kept as bad files too, so that one
        // found again for the same reason is listed as still bad, not as new.
        try writer.recordWalkProblems(walker.problems, report: &report)
        for problem in walker.problems { seenPaths.insert(problem.path) }
        if !options.linkOnly {
            report.files.gone = try writer.markGone(keeping: seenPaths, in: options.shard, counted: report.files)
        }
        (report.notArticles, report.pagesWithoutText) = try index.skipped()
        try writer.rebuildDeferredPostings()
        report.timings.read = seconds(since: readStarted, clock)

        if options.shard != nil { return try finishWritten(report, scanID, started: started, clock) }

        // Link documents into stories.
        let linkStarted = clock.now
        report.linking = try StoryLinker(index: index, scan: scanID, workers: options.workers).run { done, total in
            progress?(Progress(phase: .linking, done: done, total: total, bytesDone: 0, bytesTotal: 0))
        }
        report.timings.link = seconds(since: linkStarted, clock)

        // Report.
        let reportStarted = clock.now
        progress?(Progress(phase: .reporting, done: 0, total: 0, bytesDone: 0, bytesTotal: 0))
        try index.addInterruptedScans(to: &report, since: since ?? 0)
        try index.fillReport(&report, since: since ?? 0)
        report.timings.report = seconds(since: reportStarted, clock)
        report.exitStatus = options.failOn.exitStatus(for: report)
        report.elapsedSeconds = seconds(since: started, clock)
        let finished = report
        try index.write { db in
            let json = String(decoding: try JSONEncoder().encode(finished), as: UTF8.self)
            try db.execute(sql: "UPDATE scan SET status = 'finished', finishedAt = ?, report = ? WHERE id = ?",
                           arguments: [Int64(Date().timeIntervalSince1970), json, scanID])
        }
        return report
    }

    /// Ends a scan of one shard: what it wrote is in the index, its report holds its files,
    /// and its row says `written` so that the link run's report counts them.
    private func finishWritten(_ written: ScanReport, _ scanID: Int, started: ContinuousClock.Instant, _ clock: ContinuousClock)
        throws(IndexError) -> ScanReport {
        var report = written
        report.exitStatus = options.failOn.exitStatus(for: report)
        report.elapsedSeconds = seconds(since: started, clock)
        let finished = report
        try index.write { db in
            let json = String(decoding: try JSONEncoder().encode(finished.files), as: UTF8.self)
            try db.execute(sql: "UPDATE scan SET status = 'written', finishedAt = ?, report = ? WHERE id = ?",
                           arguments: [Int64(Date().timeIntervalSince1970), json, scanID])
        }
        return report
    }

    private func seconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        let duration = clock.now - start
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return (value * 1000).rounded() / 1000
    }
}

/// One file after the workers are done with it.
struct ProcessedFile: Sendable {
    enum Outcome: Sendable {
        case article(ArticleDigest)
        /// A file of another kind (a stylesheet, a feed, an image): skipped, not bad.
        case notArticle(NonArticleKind)
        /// A page with no article text: nothing to link or diff, and not bad either.
        case withoutText(PageDigest)
        case bad(String)
    }

    var entry: MirrorEntry
    var outcome: Outcome
}

enum FileProcessor {
    static func process(_ entry: MirrorEntry, root: String, reader: ArticleReader, maxSize: Int, budget: ParsingBudget) -> ProcessedFile {
        if entry.size > maxSize {
            let reason = ReadError(path: entry.path, reason: .tooLarge(bytes: entry.size, limit: maxSize)).reasonText
            return ProcessedFile(entry: entry, outcome: .bad(reason))
        }
        // The size limit bounds what a file inflates to as well as the file.
        var reader = reader
        reader.inflatedSizeLimit = maxSize
        do throws(ReadError) {
            let bytes: [UInt8]
            if let raw = entry.pathBytes {
                bytes = try ArticleFile.load(pathBytes: Array(root.utf8) + [UInt8(ascii: "/")] + raw, name: entry.path, sizeLimit: maxSize)
            } else {
                bytes = try ArticleFile.load(root + "/" + entry.path, sizeLimit: maxSize)
            }
            let (payload, compression) = try reader.decompressed(bytes, name: entry.path)
            return try budget.withAdmission(bytes: payload.count) { () throws(ReadError) -> ProcessedFile in
                let result = try reader.read(decompressed: payload, compression: compression, name: entry.path)
                guard result.content == .articleText else { return ProcessedFile(entry: entry, outcome: .withoutText(PageDigest(result))) }
                return ProcessedFile(entry: entry, outcome: .article(ArticleDigest(result)))
            }
        } catch {
            if case .notArticle(let kind, _) = error.reason { return ProcessedFile(entry: entry, outcome: .notArticle(kind)) }
            let reason = error.reason == .notFound ? "vanished while the scan was reading it" : error.reasonText
            return ProcessedFile(entry: entry, outcome: .bad(reason))
        }
    }
}
