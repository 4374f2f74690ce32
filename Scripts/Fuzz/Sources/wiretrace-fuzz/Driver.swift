// One libFuzzer executable for every target: `wiretrace-fuzz TARGET [libFuzzer options...]`.
// SwiftPM links an executable with its entry point renamed to `wiretrace_fuzz_main` (so that
// tests can import it), which hides libFuzzer's own `main`: this one takes the target's name
// off the arguments and hands the rest over to libFuzzer's driver.
import Glibc

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The target chosen on the command line; set once before libFuzzer starts, read on each input.
nonisolated(unsafe) var chosenTarget: FuzzTarget = .sniffer

@_cdecl("wiretrace_fuzz_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    guard argc >= 2, let argv, let first = argv[1], let target = FuzzTarget(rawValue: String(cString: first)) else {
        let usage = "usage: wiretrace-fuzz TARGET [libFuzzer options...]   (TARGET: \(names))\n"
        _ = usage.withCString { write(2, $0, strlen($0)) }
        return 2
    }
    chosenTarget = target
    // libFuzzer sees the program name followed by its own options.
    argv[1] = argv[0]
    var count = argc - 1
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv + 1
    return LLVMFuzzerRunDriver(&count, &arguments, testOneInput)
}

/// libFuzzer's runtime links against this name even when the driver is handed the callback.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    chosenTarget.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
