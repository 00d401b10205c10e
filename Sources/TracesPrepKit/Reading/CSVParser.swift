/// A CSV record: its cells and the physical line it starts on.
public struct CSVRecord: Sendable, Equatable {
    /// 1-based physical line where the record starts.
    public var line: Int
    public var cells: [String]
}

/// A problem met while splitting CSV text into records.
public enum CSVProblem: Sendable, Equatable {
    /// A quoted cell that is still open at the end of the file.
    case unclosedQuote(line: Int)
    /// A `"` inside an unquoted cell, or text after a closing quote, in the cell at 0-based
    /// `cell` of the record; the characters are kept.
    case strayQuote(line: Int, cell: Int)
}

/// The result of parsing: records in file order, the delimiter used and any problems.
public struct CSVTable: Sendable {
    public var records: [CSVRecord]
    public var delimiter: UInt8
    public var problems: [CSVProblem]
}

/// An RFC 4180 parser over UTF-8 text that accepts CRLF, LF and CR line ends and line feeds
/// inside quoted cells. The delimiter is comma, semicolon or tab, detected from the header line.
public enum CSVParser {
    public static let candidateDelimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]

    public static func parse(_ text: String) -> CSVTable {
        var bytes = Array(text.utf8)
        let delimiter = detectDelimiter(bytes)
        return bytes.withUnsafeMutableBufferPointer { parse($0, delimiter: delimiter) }
    }

    /// Picks the candidate that occurs most often outside quotes on the first line; comma on a tie.
    static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [:]
        var inQuotes = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes && (byte == 0x0A || byte == 0x0D) {
                break
            } else if !inQuotes && candidateDelimiters.contains(byte) {
                counts[byte, default: 0] += 1
            }
        }
        var best = UInt8(ascii: ",")
        for candidate in candidateDelimiters where counts[candidate, default: 0] > counts[best, default: 0] {
            best = candidate
        }
        return best
    }

    private static func parse(_ bytes: UnsafeMutableBufferPointer<UInt8>, delimiter: UInt8) -> CSVTable {
        let quote = UInt8(ascii: "\"")
        var records: [CSVRecord] = []
        var problems: [CSVProblem] = []
        var cells: [String] = []
        var cell: [UInt8] = []
        var line = 1
        var recordLine = 1
        var index = 0
        let count = bytes.count
        var inQuotes = false
        var cellWasQuoted = false
        var afterClosingQuote = false
        var recordHasContent = false

        func finishCell() {
            cells.append(String(decoding: cell, as: UTF8.self))
            cell.removeAll(keepingCapacity: true)
            cellWasQuoted = false
            afterClosingQuote = false
        }
        func finishRecord() {
            finishCell()
            // A line with nothing on it is not a record.
            if recordHasContent || cells.count > 1 {
                records.append(CSVRecord(line: recordLine, cells: cells))
            }
            cells.removeAll(keepingCapacity: true)
            recordHasContent = false
        }

        while index < count {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < count && bytes[index + 1] == quote {
                        cell.append(quote)
                        index += 2
                        continue
                    }
                    inQuotes = false
                    afterClosingQuote = true
                } else {
                    if byte == 0x0A || (byte == 0x0D && !(index + 1 < count && bytes[index + 1] == 0x0A)) { line += 1 }
                    cell.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case delimiter:
                finishCell()
                recordHasContent = true
            case 0x0D, 0x0A:
                if byte == 0x0D && index + 1 < count && bytes[index + 1] == 0x0A { index += 1 }
                finishRecord()
                line += 1
                recordLine = line
            case quote:
                if cell.isEmpty && !cellWasQuoted {
                    inQuotes = true
                    cellWasQuoted = true
                    recordHasContent = true
                } else {
                    problems.append(.strayQuote(line: line, cell: cells.count))
                    cell.append(byte)
                }
            default:
                if afterClosingQuote {
                    problems.append(.strayQuote(line: line, cell: cells.count))
                    afterClosingQuote = false
                }
                cell.append(byte)
                recordHasContent = true
            }
            index += 1
        }
        if inQuotes {
            problems.append(.unclosedQuote(line: recordLine))
        }
        if !cell.isEmpty || !cells.isEmpty || recordHasContent {
            finishRecord()
        }
        return CSVTable(records: records, delimiter: delimiter, problems: problems)
    }
}
