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
        // libxml2 through the system library (Debian's libxml2-dev). Only XMLBridge includes its
        // headers: they pull in ICU headers that clash with Foundation's when Swift imports them.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // Every libxml2 call, in C, behind opaque handles: safe parsing, error collection, schemas.
        .target(name: "XMLBridge", dependencies: ["CLibXML2"]),
        // The pipeline: reading, rules, auto-fill, certificates, reports, inbox, ledger.
        .target(name: "TracesPrepKit", dependencies: ["CSQLite", "CSignalFD", "XMLBridge"]),
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
