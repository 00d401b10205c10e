// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "TracesPrep",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tracesprep", targets: ["tracesprep"]),
        .library(name: "TracesPrepKit", targets: ["TracesPrepKit"]),
    ],
    targets: [
        // The pipeline: reading, rules, auto-fill, certificates, reports, inbox.
        .target(name: "TracesPrepKit", dependencies: ["CSignalFD"]),
        // signalfd(2), which Swift's Glibc module does not expose. Headers only, nothing to link.
        .systemLibrary(name: "CSignalFD"),
        // The command line: argument parsing, help text and exit codes only.
        .executableTarget(name: "tracesprep", dependencies: ["TracesPrepKit"]),
        .testTarget(
            name: "TracesPrepKitTests",
            dependencies: ["TracesPrepKit"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
