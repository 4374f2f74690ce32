// The plain-text reader on any bytes: decoding (bad UTF-8 replaced), blocks, metadata lines,
// labelled times; then the whole public reader, which sniffs first.
import Wiretrace
@testable import WiretraceFormats

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let decoded = TextDecoding.decode(bytes)
    _ = PlainTextReader(context: TimeContext()).read(decoded.text)
    _ = try? ArticleReader().read(bytes, name: "fuzz.txt")
    return 0
}
