// The HTML reader (character set, markup filter, libxml2, main text, metadata, times) on any
// bytes, without the sniffer in front so that every input reaches it.
import Wiretrace
@testable import WiretraceFormats

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = HTMLReader(context: TimeContext()).read(bytes, name: "fuzz.html")
    return 0
}
