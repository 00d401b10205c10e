/// Maps TracesPrep's consignment XML (`Rules/xml/README.md`) to consignments. The element names
/// are the field ids of `Rules/fields.json`, in no namespace:
///
///     <consignments>
///       <consignment>
///         <certificate_reference>…</certificate_reference>   consignment-level fields
///         <document>…</document>                             document fields, repeatable
///         <container>…</container>                           container fields, repeatable
///         <line>…</line>                                     commodity-line fields, repeatable
///       </consignment>
///     </consignments>
///
/// Fields may come in any order. Unknown elements, fields in the wrong group, a field given twice
/// and text outside field elements are reported here with their element path. The XSD checks
/// the same structure; its errors on an element reported here are dropped by the caller.
struct ConsignmentXMLMapper {
    static let rootName = "consignments"
    static let consignmentName = "consignment"
    static let groupNames: [FieldLevel: String] = [.document: "document", .container: "container", .line: "line"]

    var catalog: FieldCatalog

    struct Output {
        var consignments: [Consignment] = []
        var events: [StageEvent] = []
        /// Element paths that events point at, so schema errors on them can be dropped.
        var reportedPaths: Set<String> = []
        /// The certificate reference of each `<consignment>` read, by its element path.
        var referenceByPath: [String: String] = [:]
    }

    static func isRoot(_ element: ParsedXMLElement) -> Bool {
        element.isNamed(rootName, in: nil)
    }

    func map(_ root: ParsedXMLElement) -> Output {
        var output = Output()
        var lineOfReference: [String: Int] = [:]
        var sawConsignment = false
        for content in root.children {
            switch content {
            case .text(let text, let line):
                reportText(text, line: line, in: root, consignment: nil, into: &output)
            case .element(let element) where element.isNamed(Self.consignmentName, in: nil):
                sawConsignment = true
                readConsignment(element, lineOfReference: &lineOfReference, into: &output)
            case .element(let element):
                reportElement(element, in: root, consignment: nil, into: &output)
            }
        }
        if !sawConsignment {
            report(StageEvent(EventName.xmlNoConsignments, location: root.location), into: &output)
        }
        return output
    }

    // MARK: - Consignments and groups

    private func readConsignment(
        _ element: ParsedXMLElement, lineOfReference: inout [String: Int], into output: inout Output
    ) {
        let reference = element.child("certificate_reference", in: nil)?.text.trimmingWhitespace() ?? ""
        // Events of a certificate that is not checked stay file-level, so they cannot attach to
        // another certificate with the same reference.
        let checked = !reference.isEmpty && lineOfReference[reference] == nil
        let eventReference = checked ? reference : nil

        var consignment = Consignment(reference: reference, header: FieldValues(location: element.location))
        let subgroups = readGroup(element, level: .consignment, into: &consignment.header, consignment: eventReference,
                                  output: &output)
        for (level, child) in subgroups {
            var group = FieldValues(location: child.location)
            _ = readGroup(child, level: level, into: &group, consignment: eventReference, output: &output)
            switch level {
            case .document: consignment.documents.append(group)
            case .container: consignment.containers.append(group)
            case .line: consignment.lines.append(group)
            case .consignment: break
            }
        }

        if reference.isEmpty {
            report(StageEvent(EventName.xmlMissingReference, field: "certificate_reference", location: element.location),
                   into: &output)
        } else if let earlier = lineOfReference[reference] {
            report(StageEvent(
                EventName.xmlDuplicateReference, field: "certificate_reference", location: element.location,
                value: reference, details: ["other_line": String(earlier)]), into: &output)
        } else {
            lineOfReference[reference] = element.line
            output.referenceByPath[element.path] = reference
            output.consignments.append(consignment)
        }
    }

    /// Reads the field elements of one group into `group` and returns the nested groups
    /// (`<document>`, `<container>`, `<line>`) of a `<consignment>` for the caller to read.
    private func readGroup(
        _ element: ParsedXMLElement, level: FieldLevel, into group: inout FieldValues, consignment: String?,
        output: inout Output
    ) -> [(FieldLevel, ParsedXMLElement)] {
        var subgroups: [(FieldLevel, ParsedXMLElement)] = []
        var firstLine: [String: Int] = [:]
        for content in element.children {
            guard case .element(let child) = content else {
                if case .text(let text, let line) = content {
                    reportText(text, line: line, in: element, consignment: consignment, into: &output)
                }
                continue
            }
            if level == .consignment,
               let subgroup = Self.groupNames.first(where: { child.isNamed($0.value, in: nil) })?.key
            {
                subgroups.append((subgroup, child))
                continue
            }
            guard child.namespaceURI == nil, let fieldLevel = catalog.level(of: child.localName), fieldLevel == level else {
                reportElement(child, in: element, consignment: consignment, into: &output)
                continue
            }
            readFieldContent(child, consignment: consignment, into: &output)
            // Looked up by its id, the field's id is the element's local name.
            let fieldID = child.localName
            if let earlier = firstLine[fieldID] {
                report(StageEvent(
                    EventName.xmlDuplicateField, field: fieldID, consignment: consignment, location: child.location,
                    value: child.text, details: ["other_line": String(earlier), "parent": element.localName]),
                    into: &output)
                continue
            }
            firstLine[fieldID] = child.line
            let raw = child.text
            // A blank element counts as absent, like a blank CSV cell.
            if raw.trimmingWhitespace().isEmpty { continue }
            group[fieldID] = FieldValue(raw: raw, location: child.location)
        }
        return subgroups
    }

    /// Reports child elements of a field element, which contains text only.
    private func readFieldContent(_ field: ParsedXMLElement, consignment: String?, into output: inout Output) {
        for content in field.children {
            guard case .element(let child) = content else { continue }
            report(StageEvent(
                EventName.xmlUnknownElement, consignment: consignment, location: child.location,
                value: Self.writtenName(child), details: ["parent": field.localName]), into: &output)
        }
    }

    // MARK: - Structure findings

    /// Reports an element that does not belong here: a known field of another group, or an
    /// element TracesPrep does not know.
    private func reportElement(
        _ element: ParsedXMLElement, in parent: ParsedXMLElement, consignment: String?, into output: inout Output
    ) {
        if element.namespaceURI == nil, let field = catalog[element.localName] {
            let group = field.level == .consignment ? Self.consignmentName : Self.groupNames[field.level] ?? ""
            report(StageEvent(
                EventName.xmlMisplacedField, field: field.id, consignment: consignment, location: element.location,
                value: element.localName, details: ["parent": parent.localName, "group": group]), into: &output)
            return
        }
        report(StageEvent(
            EventName.xmlUnknownElement, consignment: consignment, location: element.location,
            value: Self.writtenName(element), details: ["parent": parent.localName]), into: &output)
    }

    private func reportText(
        _ text: String, line: Int, in parent: ParsedXMLElement, consignment: String?, into output: inout Output
    ) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return }
        // The text node starts at `line`; its leading line ends move the visible text down.
        let leading = text.unicodeScalars.prefix { $0.properties.isWhitespace }
        let visibleLine = line + leading.filter { $0 == "\n" }.count
        // Long stray text is shortened so the report stays readable.
        let excerpt = trimmed.count > 80 ? String(trimmed.prefix(80)) + "…" : trimmed
        report(StageEvent(
            EventName.xmlMisplacedText, consignment: consignment,
            location: SourceLocation(line: visibleLine, record: nil, column: parent.path), value: excerpt,
            details: ["parent": parent.localName]), into: &output)
    }

    private func report(_ event: StageEvent, into output: inout Output) {
        output.events.append(event)
        if let path = event.location.column { output.reportedPaths.insert(path) }
    }

    /// Returns the element's name with its namespace URI when it has one, such as `{urn:x}name`.
    static func writtenName(_ element: ParsedXMLElement) -> String {
        element.namespaceURI.map { "{\($0)}\(element.localName)" } ?? element.localName
    }
}
