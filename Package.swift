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
        // zlib and libxml2 through the system libraries (Debian's zlib1g-dev and libxml2-dev). Only the
        // C bridges include their headers: libxml2's pull in ICU headers that clash with Foundation's
        // when Swift imports them.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // Every libxml2 call for XML input, in C, behind opaque handles: safe parsing, errors, schemas.
        .target(name: "XMLBridge", dependencies: ["CLibXML2"]),
        // Raw deflate, CRC-32 and a hardened XML parse for XLSX members, in C behind opaque handles.
        .target(name: "XLSXBridge", dependencies: ["CZlib", "CLibXML2"]),
        // SHA-256 blocks with the processor's SHA instructions, for the input digest of large files.
        .target(name: "SHA256Blocks"),
        // The pipeline: reading, rules, auto-fill, certificates, reports, inbox, ledger.
        .target(name: "TracesPrepKit", dependencies: ["CSQLite", "CSignalFD", "XMLBridge", "XLSXBridge", "SHA256Blocks"]),
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
