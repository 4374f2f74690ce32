import Foundation

/// The sections this harness can run, in the order `all` runs them.
enum BenchmarkSections {
    static let all: [any BenchmarkSection.Type] = [
        FingerprintSection.self,
        CompareSection.self,
        // Later issues add theirs here: diff throughput, HTML reading, cold/warm scan.
    ]
}

let usage = """
    usage: wiretrace-benchmarks SECTION... --corpus DIR [--repetitions N] [--stages A,B]

    Prints one JSON object: {"SECTION": {figures}, ...}. Sections:
    \(BenchmarkSections.all.map { "  \($0.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \($0.summary)" }.joined(separator: "\n"))
      all          every section above
    """

func main() -> Int32 {
    var arguments = Array(CommandLine.arguments.dropFirst())
    var corpus: String?
    var repetitions = 5
    var names: [String] = []
    var stages: Set<String>?
    while !arguments.isEmpty {
        let argument = arguments.removeFirst()
        switch argument {
        case "--corpus":
            guard !arguments.isEmpty else { break }
            corpus = arguments.removeFirst()
        case "--repetitions":
            guard !arguments.isEmpty, let value = Int(arguments.removeFirst()), value > 0 else {
                FileHandle.standardError.write(Data("wiretrace-benchmarks: --repetitions needs a positive number\n".utf8))
                return 2
            }
            repetitions = value
        case "--stages":
            guard !arguments.isEmpty else { break }
            stages = Set(arguments.removeFirst().split(separator: ",").map(String.init))
        case "-h", "--help":
            print(usage)
            return 0
        default:
            names.append(argument)
        }
    }
    guard let corpus, !names.isEmpty else {
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        return 2
    }
    let chosen: [any BenchmarkSection.Type]
    if names == ["all"] {
        chosen = BenchmarkSections.all
    } else {
        var found: [any BenchmarkSection.Type] = []
        for name in names {
            guard let section = BenchmarkSections.all.first(where: { $0.name == name }) else {
                FileHandle.standardError.write(Data("wiretrace-benchmarks: no section \"\(name)\"\n\(usage)\n".utf8))
                return 2
            }
            found.append(section)
        }
        chosen = found
    }
    let context = BenchmarkContext(corpus: URL(fileURLWithPath: corpus), repetitions: repetitions, stages: stages)
    var output: [String: Any] = [:]
    for section in chosen {
        do {
            output[section.name] = try section.run(context)
        } catch {
            FileHandle.standardError.write(Data("wiretrace-benchmarks: \(section.name): \(error)\n".utf8))
            return 1
        }
    }
    do {
        let data = try JSONSerialization.data(withJSONObject: output, options: [.prettyPrinted, .sortedKeys])
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    } catch {
        FileHandle.standardError.write(Data("wiretrace-benchmarks: cannot encode the figures: \(error)\n".utf8))
        return 1
    }
    return 0
}

exit(main())
