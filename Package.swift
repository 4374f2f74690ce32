// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Wiretrace",
    products: [
        .library(name: "Wiretrace", targets: ["Wiretrace"]),
        .library(name: "WiretraceFormats", targets: ["WiretraceFormats"]),
        .library(name: "WiretraceIndex", targets: ["WiretraceIndex"]),
        .executable(name: "wiretrace", targets: ["wiretrace"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // postgres-nio's own dependency, named for its lock (NIOConcurrencyHelpers).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Test-only: the property tests (Tests/WiretracePropertyTests).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CWiretraceXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"])]
        ),
        .systemLibrary(name: "CWiretraceXML", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CWiretraceZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CWiretraceZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        // ICU's NFKC_Casefold behind one plain-C function (see its header for why).
        .target(
            name: "CWiretraceICU",
            linkerSettings: [.linkedLibrary("icuuc")]
        ),
        .target(
            name: "Wiretrace",
            dependencies: ["CWiretraceXXHash", "CWiretraceICU"]
        ),
        .target(
            name: "WiretraceFormats",
            dependencies: ["Wiretrace", "CWiretraceXML", "CWiretraceZlib", "CWiretraceZstd"]
        ),
        .target(
            name: "WiretraceIndex",
            dependencies: [
                "Wiretrace", "WiretraceFormats", "CWiretraceZlib", "CWiretraceZstd",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "wiretrace",
            dependencies: [
                "Wiretrace",
                "WiretraceFormats",
                "WiretraceIndex",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The JSON Schemas of the --json outputs: documentation the tests validate against,
            // read from the repository (Scripts/validate-json), not shipped in the binary.
            exclude: ["Schemas"]
        ),
        .target(
            name: "WiretraceTestSupport",
            dependencies: ["Wiretrace", "WiretraceFormats"],
            path: "Tests/WiretraceTestSupport"
        ),
        .testTarget(
            name: "WiretraceTests",
            dependencies: ["Wiretrace", "WiretraceTestSupport"]
        ),
        .testTarget(
            name: "WiretraceFormatsTests",
            dependencies: ["WiretraceFormats", "WiretraceTestSupport"]
        ),
        .testTarget(
            name: "WiretraceIndexTests",
            // The end-to-end and kill-and-resume tests run the built binary.
            dependencies: ["WiretraceIndex", "WiretraceTestSupport", "wiretrace"]
        ),
        .testTarget(
            // Invariants on generated input: reading never traps, fingerprints do not depend on
            // the run or the number of workers, diff and compare agree with themselves.
            name: "WiretracePropertyTests",
            dependencies: [
                "Wiretrace", "WiretraceFormats", "WiretraceIndex", "WiretraceTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "WiretraceCLITests",
            // The end-to-end tests run the built binary, so it must be built first.
            dependencies: ["WiretraceTestSupport", "wiretrace"]
        ),
    ]
)
