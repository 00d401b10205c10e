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
        // SQLite through the system library (Debian's libsqlite3-dev), for the ledger.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // signalfd(2), which Swift's Glibc module does not expose. Headers only, nothing to link.
        .systemLibrary(name: "CSignalFD"),
        // The pipeline: reading, rules, auto-fill, certificates, reports, inbox, ledger.
        .target(name: "TracesPrepKit", dependencies: ["CSQLite", "CSignalFD"]),
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
