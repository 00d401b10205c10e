import Foundation

/// `tracesprep validate FILE…`: checks files, writes nothing, prints findings or JSON reports.
struct ValidateCommand {
    var tool: CommandLineTool
    var options: ParsedOptions
    var language: Language

    func run() throws -> ExitStatus {
        guard !options.files.isEmpty else {
            throw CommandFailure(.usage, LocalizedText(
                zhTW: "validate 需要至少一個檔案。", en: "validate needs at least one file."))
        }
        let library = try tool.loadLibrary(options)
        var validator = FileValidator(library: library, maxFileBytes: options.maxFileBytes, threads: options.threads)
        // validate writes no drafts and no annotated copy, so only what the report needs is kept.
        validator.keepsInput = false
        var reports: [FileReport] = []
        var missingInput = false
        var unreadable = false
        for path in options.files {
            do {
                reports.append(try validator.validate(URL(fileURLWithPath: path), displayPath: path))
            } catch let error as InputFileError {
                tool.standardError("tracesprep: \(error.message[language])\n")
                if error.notFound { missingInput = true } else { unreadable = true }
            }
        }
        if options.format == "json" {
            let documents = reports.map(ReportJSON.document(for:))
            let output = documents.count == 1 && options.files.count == 1 ? documents[0] : .array(documents)
            tool.standardOutput(output.serialized() + "\n")
        } else {
            for report in reports {
                for line in TextReport.lines(for: report, language: language) {
                    tool.standardOutput(line + "\n")
                }
                tool.standardOutput(TextReport.summary(for: report, language: language) + "\n")
            }
        }
        if missingInput { return .noInput }
        if unreadable { return .ioError }
        if reports.contains(where: { $0.checked.verdict == .incomplete }) { return .incomplete }
        if reports.contains(where: { $0.checked.verdict == .rejected }) { return .rejected }
        return .success
    }
}
