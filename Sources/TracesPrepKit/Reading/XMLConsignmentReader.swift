/// Reads an XML file into consignments: decodes it to UTF-8, parses it safely through libxml2,
/// and maps either of the two forms TracesPrep reads (`Rules/xml/README.md`). The root element's
/// namespace URI and local name tell them apart. `<consignments>` is TracesPrep's consignment XML,
/// validated against `Rules/xml/consignments.xsd`, and `rsm:SPSCertificate` is a UN/CEFACT SPS
/// certificate.
///
/// Every problem with the file itself becomes a `structure` or `encoding` event with its line
/// and element path. The first `XMLLimits.maxListedProblems` are listed and the rest are counted
/// in one summary event.
public struct XMLConsignmentReader {
    public var library: RuleLibrary
    public var limits: XMLLimits

    public init(library: RuleLibrary, limits: XMLLimits = XMLLimits()) {
        self.library = library
        self.limits = limits
    }

    public func read(_ bytes: [UInt8]) -> ConsignmentFile {
        var file = ConsignmentFile(
            format: .xml, encoding: nil, delimiter: nil, consignments: [], events: [], columns: [:], headers: [],
            records: [], complete: true)
        var problems = ProblemList(maxListed: limits.maxListedProblems)

        let decoded: DecodedText
        switch XMLEncodingDetector.detect(bytes) {
        case .unsupported(let declared):
            // The outcome is certain without reading further: the file must be saved again.
            file.events.append(StageEvent(EventName.xmlEncodingUnsupported, location: SourceLocation(line: 1), value: declared))
            return file
        case .supported(let encoding, let declared):
            decoded = TextDecoder.decode(bytes, as: encoding)
            file.encoding = decoded.encoding
            if decoded.encoding != .utf8 && decoded.encoding != .utf8BOM {
                file.events.append(StageEvent(
                    EventName.xmlDecodedFrom, value: declared, details: ["encoding": decoded.encoding.rawValue]))
            }
        }
        for failure in decoded.undecodable {
            problems.add(StageEvent(
                EventName.xmlUndecodableBytes, location: SourceLocation(line: failure.line), value: failure.bytes,
                details: ["encoding": decoded.encoding.rawValue]))
        }

        let parser = SafeXMLParser(limits: limits, pathPrefixes: SPSCertificateReader.pathPrefixes)
        let result = parser.parse(Array(decoded.text.utf8)) { root in
            ConsignmentXMLMapper.isRoot(root) ? library.consignmentSchema : nil
        }
        // A DOCTYPE stops the parse on purpose: the file is rejected, not left unread.
        file.complete = !result.stoppedEarly || result.hasDoctype

        for problem in result.problems where problem.source != .schema {
            problems.add(event(for: problem, consignment: nil))
        }
        var reportedPaths: Set<String> = []
        var referenceByPath: [String: String] = [:]
        if let root = result.root {
            if ConsignmentXMLMapper.isRoot(root) {
                let output = ConsignmentXMLMapper(catalog: library.catalog).map(root)
                file.consignments = output.consignments
                output.events.forEach { problems.add($0) }
                reportedPaths = output.reportedPaths
                referenceByPath = output.referenceByPath
            } else if SPSCertificateReader.isRoot(root) {
                let output = SPSCertificateReader(library: library).read(root)
                file.consignments = output.consignment.map { [$0] } ?? []
                output.events.forEach { problems.add($0) }
            } else {
                problems.add(StageEvent(
                    EventName.xmlUnknownRoot, location: root.location, value: ConsignmentXMLMapper.writtenName(root),
                    details: ["namespace": SPSCertificateReader.rsm]))
            }
        }
        // A schema error on an element the mapper already reported repeats that finding in
        // libxml2's English only, so it is dropped.
        for problem in result.problems where problem.source == .schema {
            if let path = problem.path, reportedPaths.contains(path) { continue }
            let reference = problem.path.flatMap { Self.reference(containing: $0, in: referenceByPath) }
            problems.add(event(for: problem, consignment: reference))
        }
        // NOTE: problems beyond the 100 the bridge keeps are counted as they are, so a schema
        // error among them that repeats a reader finding is counted twice in the summary.
        problems.countUnlisted(result.uncountedProblems)
        file.events += problems.events(limit: limits.maxListedProblems)
        return file
    }

    /// Turns a bridge problem into the event of its kind, with its line and element path.
    private func event(for problem: XMLProblem, consignment: String?) -> StageEvent {
        let location = SourceLocation(line: problem.line, record: nil, column: problem.path)
        let position = [problem.line, problem.column].compactMap { $0 }.map(String.init).joined(separator: ":")
        // libxml2's messages end in a line feed and sometimes a period; the rule templates add their own.
        var detail = problem.message.trimmingWhitespace()
        while detail.hasSuffix(".") { detail.removeLast() }
        let details = ["detail": detail, "where": position.isEmpty ? "?" : position]
        let name: String
        var limit: Int?
        switch problem.source {
        case .parser: name = problem.level == .warning ? EventName.xmlWarning : EventName.xmlNotWellFormed
        case .encoding: name = EventName.xmlEncodingError
        case .schema: name = EventName.xmlSchemaInvalid
        case .doctype: name = EventName.xmlDoctype
        case .externalLoad: name = EventName.xmlExternalRejected
        case .depthLimit: (name, limit) = (EventName.xmlTooDeep, limits.maxDepth)
        case .nodeLimit: (name, limit) = (EventName.xmlTooManyNodes, limits.maxNodes)
        case .attributeLimit: (name, limit) = (EventName.xmlTooManyAttributes, limits.maxAttributesPerElement)
        case .textLimit: (name, limit) = (EventName.xmlTextTooLong, limits.maxTextBytes)
        case .other: name = EventName.xmlParserFailure
        }
        var event = StageEvent(name, consignment: consignment, location: location, details: details)
        if let limit { event.details["max"] = String(limit) }
        if problem.source == .doctype { event.value = problem.message }
        return event
    }

    /// Returns the reference of the `<consignment>` whose path is `path` or contains it.
    static func reference(containing path: String, in referenceByPath: [String: String]) -> String? {
        var candidate = Substring(path)
        while !candidate.isEmpty {
            if let reference = referenceByPath[String(candidate)] { return reference }
            guard let slash = candidate.lastIndex(of: "/") else { break }
            candidate = candidate[..<slash]
        }
        return nil
    }
}

/// Problem events up to a limit, and a count of those left out.
private struct ProblemList {
    let maxListed: Int
    private(set) var listed: [StageEvent] = []
    private(set) var unlisted = 0

    init(maxListed: Int) {
        self.maxListed = maxListed
    }

    mutating func add(_ event: StageEvent) {
        if listed.count < maxListed {
            listed.append(event)
        } else {
            unlisted += 1
        }
    }

    mutating func countUnlisted(_ count: Int) {
        unlisted += count
    }

    /// Returns the listed events, then one summary event when some were left out.
    func events(limit: Int) -> [StageEvent] {
        guard unlisted > 0 else { return listed }
        return listed + [StageEvent(EventName.xmlMoreProblems, value: String(unlisted), details: ["max": String(limit)])]
    }
}
