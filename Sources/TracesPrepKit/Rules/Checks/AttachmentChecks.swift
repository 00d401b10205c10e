import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where an attached file named in the input resolves, or why it may not be used.
enum AttachmentResolution {
    case file(path: String, size: Int)
    case missing
    /// An absolute path, a `..` component or a symbolic link: the file lies outside the drop.
    case outside
}

enum AttachmentResolver {
    /// Resolves a relative name inside `folder`, refusing absolute paths, `..` and links
    /// anywhere along the path, so a consignment file cannot make TracesPrep read other files.
    static func resolve(_ name: String, in folder: URL) -> AttachmentResolution {
        let cleaned = name.replacingOccurrences(of: "\\", with: "/")
        if cleaned.hasPrefix("/") || cleaned.hasPrefix("~") || (cleaned.count >= 2 && Array(cleaned)[1] == ":") {
            return .outside
        }
        let components = cleaned.split(separator: "/").filter { $0 != "." }
        if components.contains("..") || components.isEmpty { return .outside }
        var path = folder.path
        for component in components {
            path += "/" + component
            var info = stat()
            if lstat(path, &info) != 0 { return .missing }
            if (info.st_mode & S_IFMT) == S_IFLNK { return .outside }
        }
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .missing }
        return .file(path: path, size: Int(info.st_size))
    }
}

// MARK: - attachment_files

/// Each attached file must exist inside the consignment file's folder.
struct AttachmentFilesCheck: Check {
    static let name = "attachment_files"
    static let placeholders = ["problem"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        guard let folder = context.attachmentFolder else { return }
        for document in context.consignment.documents {
            guard let files = document["document_file"] else { continue }
            for name in files.files {
                let problem: LocalizedText
                switch AttachmentResolver.resolve(name, in: folder) {
                case .file: continue
                case .missing:
                    problem = LocalizedText(zhTW: "找不到此檔案", en: "the file was not found")
                case .outside:
                    problem = LocalizedText(
                        zhTW: "路徑指向資料夾以外（絕對路徑、「..」或連結），因此不予讀取",
                        en: "the path leads outside the folder (an absolute path, '..' or a link), so it is not read")
                }
                context.report(
                    rule, field: "document_file", location: files.source.location, value: name, localized: ["problem": problem])
            }
            if files.files.count > 1, let event = context.library.eventRules[EventName.extraDocumentFiles] {
                context.report(event, field: "document_file", location: files.source.location, value: files.source.raw)
            }
        }
    }
}

// MARK: - attachment_cap

/// All attached files of one consignment together may not exceed `params.max_bytes`.
struct AttachmentCapCheck: Check {
    static let name = "attachment_cap"
    static let requiredParameters = ["max_bytes"]
    static let placeholders = ["total", "max", "total_mb", "max_mb"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        guard let folder = context.attachmentFolder, let maxText = rule.parameter("max_bytes"), let maxBytes = Int(maxText) else {
            return
        }
        var seen: Set<String> = []
        var total = 0
        var firstLocation: SourceLocation?
        for document in context.consignment.documents {
            guard let files = document["document_file"] else { continue }
            firstLocation = firstLocation ?? files.source.location
            for name in files.files {
                guard case .file(let path, let size) = AttachmentResolver.resolve(name, in: folder), seen.insert(path).inserted else {
                    continue
                }
                total += size
            }
        }
        guard total > maxBytes, let firstLocation else { return }
        context.report(
            rule, field: "document_file", location: firstLocation, expected: "≤ \(maxBytes)",
            details: [
                "total": String(total), "max": String(maxBytes),
                "total_mb": Self.megabytes(total), "max_mb": Self.megabytes(maxBytes),
            ])
    }

    /// Bytes as MB (1 MB = 1,048,576 bytes) with two decimals.
    static func megabytes(_ bytes: Int) -> String {
        let hundredths = (bytes * 100 + 524_288) / 1_048_576
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
