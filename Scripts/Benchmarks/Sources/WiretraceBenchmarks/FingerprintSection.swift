import Foundation
import Wiretrace
import WiretraceFormats

/// Normalize + fingerprint throughput on one core, against the floor: a plain byte pass
/// that only splits the file into paragraphs (at blank lines) and hashes each with XXH3.
///
/// Stages, each timed over the whole corpus in memory (no I/O):
/// - `plain`: the floor;
/// - `read`: `ArticleReader.read` (bytes to `Article`: decoding, layout, classification);
/// - `fingerprint`: `Fingerprint(of:)` on articles already read (normalize, paragraph hashes,
///   shingles, winnowing);
/// - `readAndFingerprint`: both, from bytes, what a scan pays per file.
/// Rates are per CPU second of the bytes of the files.
enum FingerprintSection: BenchmarkSection {
    static let name = "fingerprint"
    static let summary = "normalize+fingerprint throughput vs a plain paragraph-hashing byte pass"

    static func run(_ context: BenchmarkContext) throws -> [String: Any] {
        let files = try context.files()
        let bytes = files.reduce(0) { $0 + $1.bytes.count }
        let reader = ArticleReader()
        var articles: [Article] = []
        for file in files {
            do { articles.append(try reader.read(file.bytes, name: file.path).article) } catch {
                throw BenchmarkError(description: "\(error)")
            }
        }
        var stages: [String: [String: Any]] = [:]
        var cpu: [String: Double] = [:]
        func stage(_ name: String, _ body: () -> UInt64) {
            guard context.runs(name) else { return }
            let result = Clock.measure(repetitions: context.repetitions, body)
            stages[name] = throughput(result.samples, bytes: bytes, articles: files.count, checksum: result.checksum)
            cpu[name] = median(result.samples.map(\.cpuSeconds))
        }
        stage("plain") {
            var checksum: UInt64 = 0
            for file in files { checksum &+= plainPass(file.bytes) }
            return checksum
        }
        stage("read") {
            var checksum: UInt64 = 0
            for file in files {
                if let article = try? reader.read(file.bytes, name: file.path).article { checksum &+= UInt64(article.paragraphs.count) }
            }
            return checksum
        }
        stage("fingerprint") {
            var checksum: UInt64 = 0
            for article in articles { checksum &+= digest(Fingerprint(of: article)) }
            return checksum
        }
        stage("readAndFingerprint") {
            var checksum: UInt64 = 0
            for file in files {
                if let article = try? reader.read(file.bytes, name: file.path).article { checksum &+= digest(Fingerprint(of: article)) }
            }
            return checksum
        }
        var figures: [String: Any] = [
            "articles": files.count,
            "bytes": bytes,
            "paragraphs": articles.reduce(0) { $0 + $1.paragraphs.count },
            "fingerprintVersion": FingerprintVersion.current.description,
            "fingerprintDigest": hex(fullDigest(articles.map { Fingerprint(of: $0) })),
            "articleDigest": hex(try articleDigest(articles)),
            "stages": stages,
        ]
        if let floor = cpu["plain"] {
            if let value = cpu["fingerprint"] { figures["fingerprintOverPlain"] = value / floor }
            if let value = cpu["readAndFingerprint"] { figures["readAndFingerprintOverPlain"] = value / floor }
        }
        return figures
    }

    /// Splits at blank lines and hashes each paragraph's bytes in place.
    static func plainPass(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { raw -> UInt64 in
            var checksum: UInt64 = 0
            var start = 0, index = 0
            let count = raw.count
            while index < count {
                if raw[index] == 0x0A, index + 1 < count, raw[index + 1] == 0x0A {
                    if index > start { checksum &+= XXH3.hash64(UnsafeRawBufferPointer(rebasing: raw[start..<index])) }
                    index += 2
                    while index < count, raw[index] == 0x0A { index += 1 }
                    start = index
                    continue
                }
                index += 1
            }
            if count > start { checksum &+= XXH3.hash64(UnsafeRawBufferPointer(rebasing: raw[start..<count])) }
            return checksum
        }
    }

    /// What the timed loops keep of each fingerprint: cheap, but enough that the work
    /// cannot be optimized away.
    static func digest(_ print: Fingerprint) -> UInt64 {
        var value = UInt64(print.winnowed.count)
        for paragraph in print.paragraphs { value &+= paragraph.hash }
        return value
    }

    /// A hash of everything the articles that were read hold (title, times, credits,
    /// paragraphs and their roles), so that a change to the reader can be checked to read the
    /// corpus identically (`articleDigest` in the output).
    static func articleDigest(_ articles: [Article]) throws -> UInt64 {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var hasher = XXH3.Hasher()
        for article in articles { try encoder.encode(article).withUnsafeBytes { hasher.update($0) } }
        return hasher.finalize()
    }

    /// A hash of everything the fingerprints hold, so that two builds can be checked to
    /// fingerprint the corpus identically (`fingerprintDigest` in the output).
    static func fullDigest(_ prints: [Fingerprint]) -> UInt64 {
        var hasher = XXH3.Hasher()
        for print in prints { fullDigest(print, into: &hasher) }
        return hasher.finalize()
    }

    static func fullDigest(_ print: Fingerprint, into hasher: inout XXH3.Hasher) {
        func add(_ value: UInt64) { withUnsafeBytes(of: value) { hasher.update($0) } }
        add(print.titleHash ?? 1)
        for paragraph in print.paragraphs {
            add(paragraph.hash)
            add(UInt64(paragraph.wordCount))
            add(UInt64(paragraph.range.lowerBound))
            add(UInt64(paragraph.range.upperBound))
            switch paragraph.status {
            case .counted: add(1)
            case .boilerplate: add(2)
            case .credit: add(3)
            case .empty: add(4)
            case .repeatOf(let index): add(5); add(UInt64(index))
            }
            for shingle in paragraph.shingles { add(shingle) }
        }
        for hash in print.winnowed { add(hash) }
        for dateline in print.datelines {
            add(UInt64(dateline.paragraph))
            hasher.update(dateline.text)
            hasher.update(dateline.agency ?? "-")
        }
    }
}
