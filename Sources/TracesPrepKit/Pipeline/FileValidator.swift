import Foundation

/// Facts a report gives about the input file itself.
public struct InputDescription: Sendable {
    /// The path as the user gave it (or as it lay in the inbox).
    public var path: String
    public var sha256: String
    public var size: Int
    public var format: ConsignmentFile.Format?
}

/// The result of validating one file: the input, the checked consignments and the draft files written.
public struct FileReport: Sendable {
    public var input: InputDescription
    public var checked: CheckedFile
    public var packName: String
    public var packVersion: String
    /// Draft certificate paths per certificate reference, filled in by the writer.
    public var drafts: [String: [String]] = [:]
}

/// A file that cannot be validated at all (missing, unreadable).
public struct InputFileError: Error, Sendable {
    public var path: String
    public var message: LocalizedText
    /// True when the file or folder does not exist (exit 66) rather than failing to read (exit 74).
    public var notFound: Bool
}

/// Reads one consignment file and runs the rule pack over it.
public struct FileValidator: Sendable {
    public var library: RuleLibrary
    /// Files larger than this are not read (a `structure` error).
    public var maxFileBytes: Int
    /// The maximum number of threads that check the consignments of one file.
    public var threads: Int
    /// False to keep only what the report needs. The rows as read are then let go once grouped,
    /// because only the annotated copy needs them. Each consignment's values are let go once it is
    /// checked, because only the draft certificates and the ledger need them.
    public var keepsInput = true

    public static let defaultMaxFileBytes = 256 * 1024 * 1024

    public init(library: RuleLibrary, maxFileBytes: Int = FileValidator.defaultMaxFileBytes, threads: Int = RuleEngine.defaultThreads) {
        self.library = library
        self.maxFileBytes = maxFileBytes
        self.threads = threads
    }

    /// Validates the file at `url`. Attached files are looked up in `attachmentFolder`, by default
    /// the file's own folder.
    public func validate(_ url: URL, displayPath: String? = nil, attachmentFolder: URL? = nil) throws -> FileReport {
        let path = displayPath ?? url.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw InputFileError(
                path: path,
                message: LocalizedText(zhTW: "找不到檔案「\(path)」。請確認路徑。", en: "file '\(path)' not found. Check the path."),
                notFound: true)
        }
        if isFolder.boolValue {
            throw InputFileError(
                path: path,
                message: LocalizedText(zhTW: "「\(path)」是資料夾，請指定檔案。", en: "'\(path)' is a folder; give a file."),
                notFound: true)
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        let format = Self.format(of: url)
        if size > maxFileBytes {
            let file = emptyFile(format: format, complete: false, events: [
                StageEvent(EventName.fileTooLarge, value: String(size), details: ["max": String(maxFileBytes)]),
            ])
            return report(for: file, input: InputDescription(path: path, sha256: "", size: size, format: format))
        }
        var bytes: [UInt8]
        do {
            bytes = try Self.readBytes(url, limit: maxFileBytes, expectedSize: size)
        } catch {
            throw InputFileError(
                path: path,
                message: LocalizedText(
                    zhTW: "無法讀取「\(path)」：\(error.localizedDescription)。請確認檔案權限。",
                    en: "cannot read '\(path)': \(error.localizedDescription). Check the file's permissions."),
                notFound: false)
        }
        // The file may have grown since its size was checked; no more than the limit is read.
        if bytes.count > maxFileBytes {
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            let grownSize = (attributes?[.size] as? NSNumber)?.intValue ?? bytes.count
            let file = emptyFile(format: format, complete: false, events: [
                StageEvent(EventName.fileTooLarge, value: String(grownSize), details: ["max": String(maxFileBytes)]),
            ])
            return report(for: file, input: InputDescription(path: path, sha256: "", size: grownSize, format: format))
        }
        let input = InputDescription(path: path, sha256: SHA256.hexDigest(bytes), size: bytes.count, format: format)
        var file: ConsignmentFile
        switch format {
        case .csv:
            let decoded = TextDecoder.decode(bytes)
            // The decoded text contains every byte again, so the bytes are let go before it is read.
            bytes = []
            file = CSVConsignmentReader(catalog: library.catalog).read(decoded)
        case .xml:
            file = XMLConsignmentReader(library: library).read(bytes)
        case .xlsx:
            file = Self.readSpreadsheet(bytes, url: url, catalog: library.catalog)
        case nil:
            file = emptyFile(format: format, complete: false, events: [
                StageEvent(EventName.unsupportedFormat, value: url.pathExtension),
            ])
        }
        if !keepsInput { file.records = [] }
        let folder = attachmentFolder ?? url.deletingLastPathComponent()
        var result = report(for: file, input: input, attachmentFolder: folder)
        XLSXConsignmentReader.citeCells(in: &result.checked)
        return result
    }

    /// Reads at most `limit + 1` bytes, so a file that grew past the limit is not read whole.
    /// Reads straight into the array, so a large file is in memory once, not twice.
    private static func readBytes(_ url: URL, limit: Int, expectedSize: Int) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(expectedSize, limit) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { buffer in
                read(handle.fileDescriptor, buffer.baseAddress, min(buffer.count, limit + 1 - bytes.count))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    private func report(for file: consuming ConsignmentFile, input: InputDescription, attachmentFolder: URL? = nil) -> FileReport {
        var engine = RuleEngine(library: library, threads: threads)
        engine.keepsValues = keepsInput
        let checked = engine.check(file, attachmentFolder: attachmentFolder)
        return FileReport(input: input, checked: checked, packName: library.pack.name, packVersion: library.pack.version)
    }

    private func emptyFile(format: ConsignmentFile.Format?, complete: Bool, events: [StageEvent]) -> ConsignmentFile {
        ConsignmentFile(
            format: format ?? .csv, encoding: nil, delimiter: nil, consignments: [], events: events, columns: [:],
            headers: [], records: [], complete: complete)
    }

    /// The reader for a file, by its extension: `.csv`, `.txt` and `.tsv` are CSV; `.xlsx`, `.xlsm`
    /// and `.xls` are workbooks, read as XLSX when their content is a ZIP archive.
    public static func format(of url: URL) -> ConsignmentFile.Format? {
        switch url.pathExtension.lowercased() {
        case "csv", "txt", "tsv": return .csv
        case "xml": return .xml
        case "xlsx", "xlsm", "xls": return .xlsx
        default: return nil
        }
    }
}

// MARK: - Workbooks

extension FileValidator {
    /// The signature of the OLE2 compound file that the old binary `.xls` format uses.
    static let compoundFileSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Reads a workbook by its content: a ZIP archive is read as XLSX whatever its extension, and
    /// the old binary format (or a `.xls` name on anything else) gets a finding that says how to save it.
    static func readSpreadsheet(_ bytes: [UInt8], url: URL, catalog: FieldCatalog) -> ConsignmentFile {
        let isZIP = bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06])
        if bytes.starts(with: compoundFileSignature) || (!isZIP && url.pathExtension.lowercased() == "xls") {
            return ConsignmentFile(
                format: .xlsx, encoding: nil, delimiter: nil, consignments: [],
                events: [StageEvent(EventName.xlsFormat, value: url.lastPathComponent)], columns: [:], headers: [], records: [],
                complete: false)
        }
        return XLSXConsignmentReader(catalog: catalog).read(bytes)
    }
}
