// Properties that must hold for any input, checked on generated input: reading never traps,
// fingerprints do not depend on the run or on the number of workers, an article diffed with
// itself has no change, and comparing A with B mirrors comparing B with A. The generators use
// invented words and the repository's own samples; the counts keep the suite at a few seconds
// in debug.
import Foundation
import PropertyBased
import Testing
import Wiretrace
@testable import WiretraceFormats
@testable import WiretraceIndex
import WiretraceTestSupport

/// Invented words (no language's own), short and long, with a few marks a page carries.
let vocabulary = [
    "dralo", "mivet", "quaspen", "teroh", "lunda", "vesk", "orramine", "pell", "sutavi", "kron",
    "ebbalt", "nusk", "fiora", "gantrel", "hovi", "yeskaret", "ump", "zelto", "brannavine", "cid",
    "42", "1,250", "3.5%", "—", "\"", "(", ")", ",", ".", "é", "ß", "ő", "ç", "日本", "مدينة",
]

let word = Gen.element(of: vocabulary).map { $0 ?? "dralo" }
let paragraphText = word.array(of: 1...40).map { $0.joined(separator: " ") }
let paragraphs = paragraphText.array(of: 0...8)

func article(_ body: [String], title: String? = "Kron ebbalt mivet") -> Article {
    Article(title: title, paragraphs: body.map { Paragraph($0) })
}

/// One edit a newsroom makes between two versions or two outlets: a paragraph dropped, added,
/// reworded or moved. The numbers pick where, so any list of them applies to any article.
enum Edit: CaseIterable { case drop, add, reword, move }
let edit = zip(Gen<Edit>.case, Gen.int(in: 0...1000), paragraphText)
let edits = edit.array(of: 0...6)

func applying(_ edits: [(Edit, Int, String)], to body: [String]) -> [String] {
    var body = body
    for (kind, at, text) in edits {
        switch kind {
        case .add: body.insert(text, at: body.isEmpty ? 0 : at % (body.count + 1))
        case .drop where !body.isEmpty: body.remove(at: at % body.count)
        case .reword where !body.isEmpty:
            var words = body[at % body.count].split(separator: " ").map(String.init)
            words[at % words.count] = text.split(separator: " ").first.map(String.init) ?? "kron"
            body[at % body.count] = words.joined(separator: " ")
        case .move where body.count > 1:
            let moved = body.remove(at: at % body.count)
            body.insert(moved, at: (at / 7) % body.count)
        default: break
        }
    }
    return body
}

/// The samples a reader meets: every small file under Samples/ but the bombs.
let samplePages: [[UInt8]] = {
    let root = Fixtures.sample("")
    let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.fileSizeKey])?
        .compactMap { $0 as? URL }.filter { url in
            let size = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? nil
            return (size ?? 0) > 0 && (size ?? .max) < 64 * 1024 && !url.path.contains("/warc/")
        } ?? []
    return files.sorted { $0.path < $1.path }.compactMap { try? [UInt8](Data(contentsOf: $0)) }
}()

/// A byte-level mutation: an offset, what to do there, and a byte.
let mutation = zip(Gen.int(in: 0...Int.max), Gen.int(in: 0...3), Gen<UInt8>.value())
func mutated(_ page: [UInt8], _ mutations: [(Int, Int, UInt8)]) -> [UInt8] {
    var bytes = page
    for (at, kind, byte) in mutations {
        let index = bytes.isEmpty ? 0 : at % bytes.count
        switch kind {
        case 0 where !bytes.isEmpty: bytes[index] = byte
        case 1: bytes.insert(byte, at: index)
        case 2 where !bytes.isEmpty: bytes.remove(at: index)
        default: bytes.removeSubrange(index..<bytes.count)  // truncated in transfer
        }
    }
    return bytes
}

/// Reads as the CLI and the scan do, and checks what the result promises about itself.
func readAnyway(_ bytes: [UInt8]) {
    _ = FormatSniffer.isGzip(bytes)
    _ = FormatSniffer.isHTML(bytes)
    _ = FormatSniffer.binaryKind(bytes)
    guard let result = try? ArticleReader().read(bytes, name: "generated") else { return }
    _ = Fingerprint(of: result.article)
}

@Suite struct ReadingNeverTraps {
    @Test func onRandomBytes() async {
        // Some inputs start like a page or a gzip stream, so that the readers behind the sniffer
        // see them too.
        let prefixes: [[UInt8]] = [[], Array("<!doctype html><p>".utf8), [0x1F, 0x8B, 8, 0], Array("Title\n\n".utf8)]
        let prefix = Gen.element(of: prefixes).map { $0 ?? [] }
        await propertyCheck(count: 200, input: prefix, Gen<UInt8>.value().array(of: 0...2048)) { prefix, bytes in
            readAnyway(prefix + bytes)
        }
    }

    @Test func onMutatedSamplePages() async {
        #expect(samplePages.count > 10)
        let page = Gen.element(of: samplePages.indices).map { $0 ?? 0 }
        await propertyCheck(count: 150, input: page, mutation.array(of: 1...12)) { page, mutations in
            readAnyway(mutated(samplePages[page], mutations))
        }
    }
}

@Suite struct FingerprintsAreStable {
    @Test func acrossRuns() async {
        await propertyCheck(count: 100, input: paragraphs) { body in
            let first = Fingerprint(of: article(body)), second = Fingerprint(of: article(body))
            #expect(first.paragraphs == second.paragraphs)
            #expect(first.winnowed == second.winnowed && first.normalizedBytes == second.normalizedBytes)
        }
    }

    /// What a scan stores for each file, read by 1 worker and by several (`--jobs`).
    @Test func acrossWorkerCounts() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wiretrace-jobs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        await propertyCheck(count: 5, input: paragraphs.array(of: 1...12)) { articles in
            var entries: [MirrorEntry] = []
            for (number, body) in articles.enumerated() {
                let name = "\(number).txt"
                let text = "Kron mivet \(number)\n\n" + body.joined(separator: "\n\n") + "\n"
                try? text.write(to: folder.appendingPathComponent(name), atomically: false, encoding: .utf8)
                entries.append(MirrorEntry(path: name, pathBytes: nil, size: text.utf8.count, mtime: 0, inode: 0))
            }
            func digests(workers: Int) -> [String] {
                var all: [String] = []
                ChunkedParallel.run(entries, chunkSize: 3, workers: workers, transform: { entry in
                    FileProcessor.process(entry, root: folder.path, reader: ArticleReader(), maxSize: 1 << 20, budget: ParsingBudget(capacity: 1 << 20))
                }, consume: { results in all += results.map(summary) })
                return all
            }
            let one = digests(workers: 1)
            #expect(one.count == entries.count)
            #expect(digests(workers: 4) == one)
            #expect(digests(workers: 2) == one)
        }
    }
}

/// What a scan keeps of one file, as text to compare.
func summary(_ file: ProcessedFile) -> String {
    switch file.outcome {
    case .bad(let reason): return "\(file.entry.path) bad \(reason)"
    case .notArticle(let kind): return "\(file.entry.path) not an article: \(kind)"
    case .withoutText: return "\(file.entry.path) without text"
    case .article(let digest):
        return "\(file.entry.path) \(digest.textHash) \(digest.titleHash) \(digest.postings) \(digest.paragraphHashBlob.base64EncodedString()) \(digest.storedJSON.base64EncodedString())"
    }
}

@Suite struct DiffAndCompareAgreeWithThemselves {
    @Test func diffOfAnArticleWithItselfHasNoChange() async {
        await propertyCheck(count: 100, input: paragraphs) { body in
            let diff = VersionDiff(from: article(body), to: article(body))
            #expect(diff.classification == .identical)
            #expect(diff.changes.isEmpty)
        }
    }

    @Test func compareMirrors() async {
        await propertyCheck(count: 150, input: paragraphs, edits) { body, edits in
            let a = Fingerprint(of: article(body)), b = Fingerprint(of: article(applying(edits, to: body)))
            let ab = Comparison(a, b), ba = Comparison(b, a)
            #expect(ab.score == ba.score)
            #expect(ab.resemblance == ba.resemblance)
            #expect(ab.containmentOfAInB == ba.containmentOfBInA && ab.containmentOfBInA == ba.containmentOfAInB)
            #expect(ab.verdict == ba.verdict)
            #expect(ab.containingSide.map { $0 == .a ? Comparison.Side.b : .a } == ba.containingSide)
        }
    }
}
