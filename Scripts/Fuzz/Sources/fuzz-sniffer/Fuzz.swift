// The format sniffer on any bytes: it must answer (never trap) and agree with itself.
@testable import WiretraceFormats

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let gzip = FormatSniffer.isGzip(bytes)
    let html = FormatSniffer.isHTML(bytes)
    let binary = FormatSniffer.binaryKind(bytes)
    _ = Zstd.isZstd(bytes)
    _ = WARCArchive.startsRecord(bytes)
    precondition(FormatSniffer.isGzip(bytes) == gzip && FormatSniffer.isHTML(bytes) == html
        && FormatSniffer.binaryKind(bytes) == binary, "the sniffer answered differently on the same bytes")
    return 0
}
