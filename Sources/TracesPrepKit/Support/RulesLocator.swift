import Foundation

/// Finds the `Rules/` folder: an explicit path, then `TRACESPREP_RULES`, then a `Rules` folder
/// beside the executable or in one of its parent folders (so `.build/release/tracesprep` finds
/// the checkout's `Rules/`), then the working directory.
public enum RulesLocator {
    public static func locate(explicit: String?, environment: [String: String], executablePath: String) -> URL? {
        if let explicit { return URL(fileURLWithPath: explicit) }
        if let fromEnvironment = environment["TRACESPREP_RULES"], !fromEnvironment.isEmpty {
            return URL(fileURLWithPath: fromEnvironment)
        }
        var folder = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("Rules")
            if isRulesFolder(candidate) { return candidate }
            let shared = folder.appendingPathComponent("share/tracesprep/Rules")
            if isRulesFolder(shared) { return shared }
            folder = folder.deletingLastPathComponent()
        }
        let local = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Rules")
        return isRulesFolder(local) ? local : nil
    }

    static func isRulesFolder(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("fields.json").path)
    }
}
