// swift-tools-version:6.1
// The libFuzzer harness for Wiretrace's readers and core, kept in its own package so that it
// never enters the library's products: one executable, `wiretrace-fuzz TARGET`, with the
// targets in Sources/wiretrace-fuzz/Targets.swift. `Scripts/fuzz TARGET SECONDS` builds
// (release with `-enable-testing`, where `@testable import` reaches the internal readers) and
// runs one; see Scripts/Benchmarks/README.md, "Fuzzing".
import PackageDescription

let package = Package(
    name: "WiretraceFuzz",
    dependencies: [
        .package(name: "Wiretrace", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "wiretrace-fuzz",
            dependencies: [
                .product(name: "Wiretrace", package: "Wiretrace"),
                .product(name: "WiretraceFormats", package: "Wiretrace"),
            ],
            path: "Sources/wiretrace-fuzz"
        ),
    ]
)
