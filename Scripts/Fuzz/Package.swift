// swift-tools-version:6.1
// libFuzzer targets for Wiretrace's readers and core, kept in their own package so that they
// never enter the library's products. `Scripts/fuzz TARGET SECONDS` builds (in debug, where
// `@testable import` reaches the internal readers) and runs one; see
// Scripts/Benchmarks/README.md, "Fuzzing".
import PackageDescription

let targets = ["fuzz-sniffer", "fuzz-html", "fuzz-text", "fuzz-time", "fuzz-fingerprint"]

let package = Package(
    name: "WiretraceFuzz",
    dependencies: [
        .package(name: "Wiretrace", path: "../.."),
    ],
    targets: targets.map { name in
        .executableTarget(
            name: name,
            dependencies: [
                .product(name: "Wiretrace", package: "Wiretrace"),
                .product(name: "WiretraceFormats", package: "Wiretrace"),
            ],
            path: "Sources/\(name)"
        )
    }
)
