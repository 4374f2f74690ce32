import Foundation
import Wiretrace
import WiretraceIndex
import WiretraceTestSupport

/// A mirror folder in the temporary directory, removed when the test ends.
final class TestMirror {
    let root: URL
    var path: String { root.path }
    var indexPath: String { MirrorIndex.defaultPath(forMirror: path) }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("wiretrace-mirror-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// A copy of the sample folder `Samples/NAME`, without any index it holds, so that no
    /// index is ever written into the repository.
    convenience init(copyOf sample: String) throws {
        try self.init()
        try FileManager.default.removeItem(at: root)
        try FileManager.default.copyItem(at: Fixtures.sample(sample), to: root)
        try? FileManager.default.removeItem(atPath: path + "/.wiretrace")
    }

    /// Two stories of two copies each: Reuters' Baghdad story (8 December 2023) with the
    /// Devdiscourse copy, and PTI's monsoon story (30 May 2024) with a Hindi outlet's copy.
    static func twoStories() throws -> TestMirror {
        let mirror = try TestMirror()
        try mirror.copySample("articles/reuters-baghdad-embassy.txt", to: "www.reuters.com/world/baghdad.txt")
        try mirror.copySample("articles/devdiscourse-reuters-baghdad-embassy.txt", to: "www.devdiscourse.com/article/baghdad.txt")
        try mirror.copySample("articles/hindi-pti-monsoon.txt", to: "www.ptinews.com/hindi/monsoon.txt")
        try mirror.copySample("articles/hindi-outlet-monsoon.txt", to: "www.hindi-outlet.in/monsoon.txt")
        return mirror
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ relative: String, _ text: String) throws {
        try write(relative, Data(text.utf8))
    }

    func write(_ relative: String, _ data: Data) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func remove(_ relative: String) throws { try FileManager.default.removeItem(at: root.appendingPathComponent(relative)) }

    /// Copies a sample article into the mirror.
    func copySample(_ sample: String, to relative: String) throws {
        try write(relative, try Data(contentsOf: Fixtures.sample(sample)))
    }

    func scan(maxSize: Int = 1 << 20, failOn: FailurePolicy = .new) throws -> ScanReport {
        let index = try MirrorIndex(path: indexPath, create: true)
        var options = MirrorScanner.Options(maxSize: maxSize, workers: 2, batchSize: 4)
        options.failOn = failOn
        return try MirrorScanner(mirror: path, index: index, options: options).scan()
    }

    func index() throws -> MirrorIndex { try MirrorIndex(path: indexPath, create: false) }

    /// A plain-text article: headline, labelled times, paragraphs.
    static func article(_ title: String, published: String? = nil, updated: String? = nil, _ paragraphs: [String]) -> String {
        var header = title + "\n\n"
        if let published { header += "Published: \(published)\n" }
        if let updated { header += "Updated: \(updated)\n" }
        return header + "\n" + paragraphs.joined(separator: "\n\n") + "\n"
    }

    /// Text of an unrelated article, different for each `seed`, about 120 words.
    static func unrelated(_ seed: Int) -> [String] {
        var generator = SplitMix(seed: UInt64(seed))
        let words = ["harbour", "council", "budget", "river", "festival", "school", "railway", "vaccine", "market", "orchestra",
                     "drought", "museum", "tariff", "glacier", "hospital", "election", "bridge", "satellite", "league", "factory",
                     "ferry", "library", "airport", "senate", "wildlife", "copper", "theatre", "pension", "reservoir", "stadium"]
        return (0..<3).map { _ in
            (0..<40).map { _ in words[Int(generator.next() % UInt64(words.count))] + String(generator.next() % 97) }.joined(separator: " ") + "."
        }
    }
}
