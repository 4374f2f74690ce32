import CBenchXXHash
import Foundation
import Wiretrace
import WiretraceFormats

/// Normalize + fingerprint throughput on one core, against the floor: a plain byte pass
/// that only splits the file into paragraphs (at blank lines) and hashes each with XXH3.
///
/// Stages, each timed over the whole corpus in memory (no I/O):
/// - `plain`: the floor;
/// - `hashesOnly` and `spanHashesOnly`: lower bounds on any fingerprint's time, the XXH3
///   hashes alone (see ``HashFloor``);
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
            do { articles.append(try reader.read(file.bytes, name: file.path).requiringText(name: file.path).article) } catch {
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
        let floor = HashFloor(files.map(\.bytes), shingleSize: FingerprintVersion.current.shingleSize)
        stage("hashesOnly") { floor.hashesOnly() }
        stage("spanHashesOnly") { floor.spanHashesOnly() }
        stage("read") {
            var checksum: UInt64 = 0
            for file in files {
                if let article = try? reader.read(file.bytes, name: file.path).requiringText(name: file.path).article { checksum &+= UInt64(article.paragraphs.count) }
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
                if let article = try? reader.read(file.bytes, name: file.path).requiringText(name: file.path).article { checksum &+= digest(Fingerprint(of: article)) }
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
            if let value = cpu["hashesOnly"] { figures["hashesOnlyOverPlain"] = value / floor }
            if let value = cpu["spanHashesOnly"] { figures["spanHashesOnlyOverPlain"] = value / floor }
            if let value = cpu["readAndFingerprint"] { figures["readAndFingerprintOverPlain"] = value / floor }
        }
        return figures
    }

    /// Splits at blank lines and hashes each paragraph's bytes in place. The line feeds are
    /// found with `memchr`, as a careful plain pass would: a byte loop's speed here depended on
    /// how the compiler laid it out (1.25 or 2.0 GB/s from one build to the next, for the same
    /// source), and a slow floor flatters every ratio to it.
    static func plainPass(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { raw -> UInt64 in
            guard let base = raw.baseAddress else { return 0 }
            var checksum: UInt64 = 0
            var start = 0, index = 0
            let count = raw.count
            while index < count, let found = memchr(base + index, 0x0A, count - index) {
                index = UnsafeRawPointer(found) - base
                guard index + 1 < count, raw[index + 1] == 0x0A else { index += 1; continue }
                if index > start { checksum &+= wiretrace_xxh3_64_inline(base + start, index - start, 0) }
                index += 2
                while index < count, raw[index] == 0x0A { index += 1 }
                start = index
            }
            if count > start { checksum &+= wiretrace_xxh3_64_inline(base + start, count - start, 0) }
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

/// How fast any fingerprint of the design's kind could be, at best: the XXH3 hashes it must
/// compute, timed alone, with the paragraphs and words found before the timer starts (no
/// splitting, normalization, winnowing, sorting, repeats or datelines).
///
/// - `hashesOnly`: this version's hashes: each paragraph, each word, and each run of
///   k word hashes (the shingles).
/// - `spanHashesOnly`: the cheapest XXH3 shingle there could be: each paragraph, and each
///   run of k words hashed once as text (the words joined by single spaces), with no hash
///   per word.
///
/// Words here are runs of bytes between ASCII white space and punctuation.
struct HashFloor {
    /// One file, laid out compactly so that the floors read little besides the text: its bytes
    /// and its words joined by single spaces; per paragraph, its range and how many words it
    /// has; per word, its start and length in `bytes` and its start in `joined`.
    private struct File {
        var bytes: [UInt8]
        var joined: [UInt8] = []
        var paragraphs: [(range: Range<Int>, words: Int)] = []
        /// Start and length of each word in `bytes`, two entries a word.
        var words: [UInt32] = []
        /// Start of each word in `joined`, and one past the last word's space.
        var joinedStarts: [UInt32] = []
    }

    let shingleSize: Int
    private let files: [File]

    init(_ files: [[UInt8]], shingleSize: Int) {
        self.shingleSize = shingleSize
        self.files = files.map { bytes in
            var file = File(bytes: bytes)
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && !(bytes[end] == 0x0A && end + 1 < bytes.count && bytes[end + 1] == 0x0A) { end += 1 }
                var count = 0, index = start
                while index < end {
                    while index < end && Self.isSeparator(bytes[index]) { index += 1 }
                    let wordStart = index
                    while index < end && !Self.isSeparator(bytes[index]) { index += 1 }
                    guard index > wordStart else { continue }
                    file.words += [UInt32(wordStart), UInt32(index - wordStart)]
                    file.joinedStarts.append(UInt32(file.joined.count))
                    file.joined += bytes[wordStart..<index]
                    file.joined.append(0x20)
                    count += 1
                }
                file.paragraphs.append((start..<end, count))
                start = end + 2
            }
            file.joinedStarts.append(UInt32(file.joined.count))
            return file
        }
    }

    func hashesOnly() -> UInt64 {
        var checksum: UInt64 = 0
        var hashes = [UInt64](repeating: 0, count: files.reduce(0) { max($0, $1.bytes.count) } / 2 + 1)
        hashes.withUnsafeMutableBufferPointer { hashes in
            guard let first = hashes.baseAddress else { return }
            for file in files {
                file.bytes.withUnsafeBufferPointer { bytes in
                    file.words.withUnsafeBufferPointer { words in
                        guard let base = bytes.baseAddress else { return }
                        var word = 0
                        for paragraph in file.paragraphs {
                            checksum &+= wiretrace_xxh3_64_inline(base + paragraph.range.lowerBound, paragraph.range.count, 0)
                            for index in 0..<paragraph.words {
                                let entry = 2 * (word + index)
                                hashes[index] = wiretrace_xxh3_64_inline(base + Int(words[entry]), Int(words[entry + 1]), 0)
                            }
                            word += paragraph.words
                            guard paragraph.words >= shingleSize else { continue }
                            for position in 0...(paragraph.words - shingleSize) {
                                checksum &+= wiretrace_xxh3_64_inline(first + position, shingleSize * 8, 0)
                            }
                        }
                    }
                }
            }
        }
        return checksum
    }

    func spanHashesOnly() -> UInt64 {
        var checksum: UInt64 = 0
        for file in files {
            file.bytes.withUnsafeBufferPointer { bytes in
                file.joined.withUnsafeBufferPointer { joined in
                    file.joinedStarts.withUnsafeBufferPointer { starts in
                        guard let base = bytes.baseAddress, let joinedBase = joined.baseAddress else { return }
                        var word = 0
                        for paragraph in file.paragraphs {
                            checksum &+= wiretrace_xxh3_64_inline(base + paragraph.range.lowerBound, paragraph.range.count, 0)
                            if paragraph.words >= shingleSize {
                                for position in word...(word + paragraph.words - shingleSize) {
                                    // The k words and the spaces between them, not the space after.
                                    let from = Int(starts[position]), to = Int(starts[position + shingleSize]) - 1
                                    checksum &+= wiretrace_xxh3_64_inline(joinedBase + from, to - from, 0)
                                }
                            }
                            word += paragraph.words
                        }
                    }
                }
            }
        }
        return checksum
    }

    /// ASCII white space and punctuation.
    static func isSeparator(_ byte: UInt8) -> Bool {
        byte <= 0x2F || (byte >= 0x3A && byte <= 0x40) || (byte >= 0x5B && byte <= 0x60) || (byte >= 0x7B && byte <= 0x7F)
    }
}
