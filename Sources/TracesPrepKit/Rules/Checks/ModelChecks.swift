// MARK: - model_conflict

/// Lines of one certificate whose CN codes allow no common model.
struct ModelConflictCheck: Check {
    static let name = "model_conflict"
    static let placeholders = ["lines"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        let coveredLines = context.lineModels.indices.filter { !context.lineModels[$0].isEmpty }
        guard coveredLines.count > 1 else { return }
        var common = Set(context.lineModels[coveredLines[0]].map(\.id))
        for index in coveredLines.dropFirst() {
            common.formIntersection(context.lineModels[index].map(\.id))
        }
        guard common.isEmpty else { return }
        var zh: [String] = []
        var en: [String] = []
        for index in coveredLines {
            let line = context.consignment.lines[index]
            let code = context.cnCode(line: index) ?? ""
            let lineNumber = line.location.line.map(String.init) ?? "?"
            zh.append("第 \(lineNumber) 行 \(code)：" + context.lineModels[index].map(\.name.zhTW).joined(separator: "、"))
            en.append("line \(lineNumber) \(code): " + context.lineModels[index].map(\.name.en).joined(separator: ", "))
        }
        let first = context.consignment.lines[coveredLines[0]]
        context.report(
            rule, field: "cn_code", location: context.location(of: "cn_code", in: first),
            localized: ["lines": LocalizedText(zhTW: zh.joined(separator: "；"), en: en.joined(separator: "; "))])
    }
}

// MARK: - model_declared

/// A certificate model named in the file that the pack does not know or that a line's CN code does not allow.
struct ModelDeclaredCheck: Check {
    static let name = "model_declared"
    static let placeholders = ["models"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        guard let declared = context.consignment.header["certificate_model"] else { return }
        let pack = context.library.pack
        let models = LocalizedText(
            zhTW: pack.models.map { "\($0.id)（\($0.name.zhTW)）" }.joined(separator: "、"),
            en: pack.models.map { "\($0.id) (\($0.name.en))" }.joined(separator: ", "))
        guard let model = RuleEngine.model(named: declared.text, in: pack) else {
            context.report(
                rule, field: "certificate_model", location: declared.source.location, value: declared.source.raw,
                localized: ["models": models])
            return
        }
        for index in context.lineModels.indices where !context.lineModels[index].isEmpty {
            if context.lineModels[index].contains(where: { $0.id == model.id }) { continue }
            let line = context.consignment.lines[index]
            context.report(
                rule, field: "cn_code", location: context.location(of: "cn_code", in: line),
                value: line["cn_code"]?.source.raw,
                localized: ["models": LocalizedText(
                    zhTW: context.lineModels[index].map(\.name.zhTW).joined(separator: "、"),
                    en: context.lineModels[index].map(\.name.en).joined(separator: ", "))])
        }
    }
}
