// Reads each file named on the command line with ArticleReader and prints one JSON line per
// file: the publication day, the main text (body and credit paragraphs) and the seconds the
// reader took (the file's loading excluded). Scripts/eval-pages scores the lines.
import Wiretrace
import WiretraceFormats
#if canImport(Glibc)
import Glibc
#endif

/// CPU time of this thread: the reader's own work on one core, not the time it waited for
/// one when other processes share the machine.
func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 { out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16) } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

let reader = ArticleReader()
var arguments = Array(CommandLine.arguments.dropFirst())
// --show: print each paragraph with its role instead (for looking at failures).
if arguments.first == "--show" {
    for path in arguments.dropFirst() {
        do throws(ReadError) {
            let result = try reader.read(try ArticleFile.load(path), name: path)
            print("== \(path): \(result.article.title ?? "-") | \(result.article.times.map { "\($0.kind) \($0.text) [\($0.source)]" })")
            for paragraph in result.article.paragraphs {
                print("  [\(paragraph.role.rawValue)\(paragraph.reason.map { "/" + $0 } ?? "")] \(paragraph.text)")
            }
        } catch {
            print("== \(path): \(error)")
        }
    }
    arguments = []
}
for path in arguments {
    var fields = ["\"path\": \(quoted(path))"]
    do throws(ReadError) {
        let bytes = try ArticleFile.load(path)
        fields.append("\"bytes\": \(bytes.count)")
        let start = now()
        let result = try reader.read(bytes, name: path)
        fields.append("\"seconds\": \(now() - start)")
        let article = result.article
        if let title = article.title { fields.append("\"title\": \(quoted(title))") }
        if let created = article.created ?? article.updated {
            fields.append("\"created\": \(quoted(created.text))")
            fields.append("\"createdSource\": \(quoted(created.source))")
            // The reader's publication day; with no created time, the updated time's day.
            if let day = article.publishedDay ?? result.localDay(of: created) { fields.append("\"createdDay\": \(quoted(day))") }
        }
        if result.content == .noArticleText { fields.append("\"content\": \"noArticleText\"") }
        let text = article.paragraphs.filter { $0.role != .boilerplate }.map(\.text).joined(separator: "\n")
        fields.append("\"text\": \(quoted(text))")
    } catch {
        fields.append("\"error\": \(quoted(error.reasonText))")
    }
    print("{" + fields.joined(separator: ", ") + "}")
}
