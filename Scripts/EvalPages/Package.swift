// swift-tools-version:6.1
// The page reader of Scripts/eval-pages, in its own package so that measuring the HTML
// reader needs only WiretraceFormats (and never waits on the rest of the tree to build).
import PackageDescription

let package = Package(
    name: "EvalPages",
    dependencies: [.package(name: "Wiretrace", path: "../..")],
    targets: [
        .executableTarget(
            name: "EvalPages",
            dependencies: [.product(name: "WiretraceFormats", package: "Wiretrace")]
        ),
    ]
)
