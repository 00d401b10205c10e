import Foundation

/// One consignment after the rules: its model, values, filled-in values, findings and verdict.
public struct CheckedConsignment: Sendable {
    public var consignment: NormalizedConsignment
    public var model: CertificateModel?
    public var autofilled: [AutofilledValue]
    public var findings: [Finding]
    public var verdict: Verdict
}

/// A whole input file after the rules.
public struct CheckedFile: Sendable {
    public var file: ConsignmentFile
    public var consignments: [CheckedConsignment]
    /// All findings in file order: file-level ones and every consignment's.
    public var findings: [Finding]
    public var verdict: Verdict
}

/// Runs a rule pack over a read file: normalises each consignment, chooses its model, fills in
/// what TRACES-NT fills and applies every rule.
public struct RuleEngine: Sendable {
    public var library: RuleLibrary
    /// The maximum number of threads that normalise and check consignments at once.
    public var threads: Int
    /// False to keep only each consignment's reference once it is checked, for a report that
    /// needs no values: memory then stays near that of the file as read.
    public var keepsValues = true

    public init(library: RuleLibrary, threads: Int = RuleEngine.defaultThreads) {
        self.library = library
        self.threads = threads
    }

    /// One thread per processor, up to eight.
    public static var defaultThreads: Int { min(ProcessInfo.processInfo.activeProcessorCount, 8) }

    public func check(_ file: consuming ConsignmentFile, attachmentFolder: URL?) -> CheckedFile {
        var fileFindings = file.events.filter { $0.consignment == nil }.compactMap(library.finding(for:))
        var eventsByReference: [String: [StageEvent]] = [:]
        for event in file.events {
            if let reference = event.consignment { eventsByReference[reference, default: []].append(event) }
        }
        var columnOrder: [String: Int] = [:]
        for (index, header) in file.headers.enumerated() where columnOrder[header] == nil {
            columnOrder[header] = index
        }
        let sorted = { (findings: [Finding]) in Self.sortedInFileOrder(findings, columnOrder: columnOrder) }
        let consignments = file.consignments
        file.consignments = []
        var checked: [CheckedConsignment] = []
        checked.reserveCapacity(consignments.count)
        for (result, consignmentEvents) in checkAll(consignments, columns: file.columns, attachmentFolder: attachmentFolder) {
            var result = result
            let events = consignmentEvents + (eventsByReference.removeValue(forKey: result.consignment.reference) ?? [])
            result.findings = sorted(result.findings + events.compactMap(library.finding(for:)))
            result.verdict = Verdict.of(result.findings, complete: file.complete)
            checked.append(result)
        }
        fileFindings += eventsByReference.values.joined().compactMap(library.finding(for:))
        // An error about the file as a whole (a duplicate header, undecodable bytes) leaves every
        // certificate in doubt, so no consignment counts as accepted.
        if fileFindings.contains(where: { $0.severity == .error }) {
            for index in checked.indices where checked[index].verdict == .accepted {
                checked[index].verdict = .rejected
            }
        }
        let all = sorted(fileFindings + checked.flatMap(\.findings))
        let verdict = Verdict.of(all, complete: file.complete)
        return CheckedFile(file: file, consignments: checked, findings: all, verdict: verdict)
    }

    /// The minimum number of consignments per thread. With fewer, starting a thread costs more
    /// than it saves (an estimate, not measured per machine).
    static let consignmentsPerWorker = 200

    /// The consignments not yet checked by one thread, and what it made of the others.
    private final class Share: @unchecked Sendable {
        /// In reverse order, so that each is taken from the end and let go once checked.
        var pending: [Consignment]
        var results: [(CheckedConsignment, [StageEvent])] = []

        init(_ consignments: ArraySlice<Consignment>) {
            pending = consignments.reversed()
        }
    }

    /// Normalises and checks every consignment, with the events of each, in file order. A large
    /// file is split into contiguous shares checked on separate threads, one share per thread.
    private func checkAll(
        _ consignments: consuming [Consignment], columns: [String: String], attachmentFolder: URL?
    ) -> [(CheckedConsignment, [StageEvent])] {
        let workers = max(1, min(threads, consignments.count / Self.consignmentsPerWorker))
        let shareSize = (consignments.count + workers - 1) / workers
        let shares = stride(from: 0, to: consignments.count, by: max(shareSize, 1)).map { start in
            Share(consignments[start..<min(start + shareSize, consignments.count)])
        }
        // The shares now hold the only copies, so each consignment is freed as its thread finishes it.
        consignments = []
        DispatchQueue.concurrentPerform(iterations: shares.count) { index in
            let share = shares[index]
            var normalizer = Normalizer(catalog: library.catalog, codeLists: library.codeLists)
            while let consignment = share.pending.popLast() {
                var events: [StageEvent] = []
                let normalized = normalizer.normalize(consignment, events: &events)
                var result = check(normalized, columns: columns, attachmentFolder: attachmentFolder, events: &events)
                if !keepsValues {
                    result.consignment = NormalizedConsignment(
                        reference: normalized.reference, header: NormalizedValues(location: normalized.header.location),
                        documents: [], containers: [], lines: [])
                }
                share.results.append((result, events))
            }
        }
        return shares.flatMap(\.results)
    }

    private func check(
        _ consignment: NormalizedConsignment, columns: [String: String], attachmentFolder: URL?, events: inout [StageEvent]
    ) -> CheckedConsignment {
        let lineModels = consignment.lines.indices.map { index -> [CertificateModel] in
            guard let value = consignment.lines[index]["cn_code"], let code = CNCode.usable(value.text) else { return [] }
            return library.pack.models(allowing: code)
        }
        let model = chooseModel(consignment, lineModels: lineModels, events: &events)
        let totals = Totals(lines: consignment.lines)
        var context = CheckContext(
            library: library, consignment: consignment, columns: columns, attachmentFolder: attachmentFolder,
            lineModels: lineModels, model: model, totals: totals)
        for rule in library.pack.rules where rule.check != CheckRegistry.eventCheckName {
            CheckRegistry.byName[rule.check]?.run(rule, &context)
        }
        let autofilled = AutoFiller(library: library).fill(consignment, model: model, totals: totals, events: &events)
        return CheckedConsignment(
            consignment: consignment, model: model, autofilled: autofilled, findings: context.findings, verdict: .accepted)
    }

    /// Chooses the certificate model. A model named in the file wins when every line allows it.
    /// Otherwise the model that every line allows and whose prefixes match the codes most
    /// precisely wins (pack order on a tie), with a warning when another was possible.
    private func chooseModel(
        _ consignment: NormalizedConsignment, lineModels: [[CertificateModel]], events: inout [StageEvent]
    ) -> CertificateModel? {
        let covered = lineModels.filter { !$0.isEmpty }
        guard !covered.isEmpty else { return nil }
        let common = library.pack.models.filter { model in covered.allSatisfy { $0.contains { $0.id == model.id } } }
        if let declared = consignment.header["certificate_model"] {
            guard let model = Self.model(named: declared.text, in: library.pack), common.contains(where: { $0.id == model.id }) else {
                return nil
            }
            return model
        }
        // The model that names the codes most precisely wins: composite lists 160420 while the
        // fishery model only lists 1604, so 16042090 (the BSMI manual's composite example) is composite.
        let codes = consignment.lines.compactMap { $0["cn_code"].flatMap { CNCode.usable($0.text) } }
        func precision(_ model: CertificateModel) -> Int {
            codes.map { code in model.cnPrefixes.filter { code.hasPrefix($0) }.map(\.count).max() ?? 0 }.reduce(0, +)
        }
        let ranked = common.enumerated().sorted { left, right in
            let (leftScore, rightScore) = (precision(left.element), precision(right.element))
            return leftScore != rightScore ? leftScore > rightScore : left.offset < right.offset
        }.map(\.element)
        guard let first = ranked.first else { return nil }
        if common.count > 1 {
            events.append(StageEvent(
                EventName.modelChoice, field: "certificate_model", consignment: consignment.reference,
                location: consignment.header.location, expected: first.id,
                details: ["models": ranked.map(\.id).joined(separator: ", ")]))
        }
        return first
    }

    /// Finds a model by its id or either of its names, ignoring case and full-width forms.
    static func model(named text: String, in pack: RulePack) -> CertificateModel? {
        let key = TextNormalization.key(text)
        return pack.models.first {
            TextNormalization.key($0.id) == key || TextNormalization.key($0.name.en) == key || TextNormalization.key($0.name.zhTW) == key
        }
    }

    /// Sorts findings by line (file-level ones without a line first), then by the position of
    /// their column in the file (row-level ones first), keeping the order they were made otherwise.
    static func sortedInFileOrder(_ findings: [Finding], columnOrder: [String: Int] = [:]) -> [Finding] {
        func key(_ finding: Finding) -> (Int, Int) {
            let column = finding.location.column.map { columnOrder[$0] ?? Int.max - 1 } ?? -1
            return (finding.location.line ?? 0, column)
        }
        return findings.enumerated().sorted { left, right in
            let (leftKey, rightKey) = (key(left.element), key(right.element))
            return leftKey != rightKey ? leftKey < rightKey : left.offset < right.offset
        }.map(\.element)
    }
}
