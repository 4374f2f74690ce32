// swift-tools-version:6.1
// The benchmark harness of Wiretrace, kept in its own package so that it never enters the
// library's dependencies. `Scripts/bench` builds and runs it; see README.md here.
import PackageDescription

let package = Package(
    name: "WiretraceBenchmarks",
    dependencies: [
        .package(name: "Wiretrace", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "wiretrace-benchmarks",
            dependencies: [
                .product(name: "Wiretrace", package: "Wiretrace"),
                .product(name: "WiretraceFormats", package: "Wiretrace"),
                "CBenchXXHash",
            ],
            path: "Sources/WiretraceBenchmarks"
        ),
        .systemLibrary(name: "CBenchXXHash", path: "Sources/CBenchXXHash", pkgConfig: "libxxhash"),
    ]
)
