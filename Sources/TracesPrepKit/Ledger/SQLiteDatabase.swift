import CSQLite
import Foundation

/// An SQLite call that failed, with the extended result code and SQLite's message.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public var code: Int32
    public var message: String
    /// The statement or step that failed, without bound values.
    public var context: String

    public var description: String { "\(context): \(message) (SQLite code \(code))" }

    /// True for SQLITE_FULL and SQLITE_IOERR*: the disk, not the data, is at fault.
    public var isStorageFailure: Bool {
        let primary = code & 0xFF
        return primary == SQLITE_FULL || primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY
    }
}

/// A single SQLite connection. It is used from one thread at a time (its owner), so it is not
/// `Sendable`.
public final class SQLiteDatabase {
    private var handle: OpaquePointer?

    /// Opens (creating if needed) the database at `path` with extended result codes, a busy
    /// timeout, foreign keys on and WAL journaling, and checks that WAL took effect.
    public init(path: String, busyTimeoutMilliseconds: Int32 = 5_000) throws {
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &connection, flags, nil)
        guard status == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(connection)
            throw SQLiteError(code: status, message: message, context: "open \(path)")
        }
        handle = connection
        sqlite3_extended_result_codes(connection, 1)
        sqlite3_busy_timeout(connection, busyTimeoutMilliseconds)
        do {
            try execute("PRAGMA foreign_keys = ON")
            // "PRAGMA journal_mode=WAL" returns the mode in force, which stays "delete" on file
            // systems without shared memory; a ledger there would lose crash safety, so fail.
            let mode = try query("PRAGMA journal_mode = WAL") { $0.text(0) }.first ?? nil
            guard mode?.lowercased() == "wal" else {
                throw SQLiteError(code: SQLITE_MISUSE, message: "journal_mode is \(mode ?? "unknown"), not wal", context: "open \(path)")
            }
            try execute("PRAGMA synchronous = FULL")
        } catch {
            sqlite3_close_v2(connection)
            handle = nil
            throw error
        }
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    // MARK: - Statements

    /// Runs SQL without results (several statements allowed, no bound values).
    public func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if status != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errorMessage)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: message, context: Self.summary(sql))
        }
    }

    /// Runs one statement with bound values and no results; returns the last inserted row id.
    @discardableResult
    public func run(_ sql: String, _ values: [SQLiteValue] = []) throws -> Int64 {
        let statement = try Statement(database: self, sql: sql)
        try statement.bind(values)
        while try statement.step() {}
        return sqlite3_last_insert_rowid(handle)
    }

    /// Runs one statement with bound values and maps each result row.
    public func query<Row>(_ sql: String, _ values: [SQLiteValue] = [], row: (Statement) throws -> Row) throws -> [Row] {
        let statement = try Statement(database: self, sql: sql)
        try statement.bind(values)
        var rows: [Row] = []
        while try statement.step() {
            rows.append(try row(statement))
        }
        return rows
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back and rethrowing on the first error.
    public func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    func error(_ context: String) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), context: context)
    }

    var rawHandle: OpaquePointer? { handle }

    /// The first words of a statement, for error messages without values.
    static func summary(_ sql: String) -> String {
        String(sql.split(whereSeparator: \.isWhitespace).prefix(4).joined(separator: " "))
    }

    // MARK: - Prepared statement

    /// A prepared statement, finalized when released.
    public final class Statement {
        private let database: SQLiteDatabase
        private var statement: OpaquePointer?
        private let sql: String

        init(database: SQLiteDatabase, sql: String) throws {
            self.database = database
            self.sql = sql
            if sqlite3_prepare_v2(database.rawHandle, sql, -1, &statement, nil) != SQLITE_OK {
                throw database.error("prepare " + SQLiteDatabase.summary(sql))
            }
        }

        deinit {
            sqlite3_finalize(statement)
        }

        func bind(_ values: [SQLiteValue]) throws {
            for (offset, value) in values.enumerated() {
                let index = Int32(offset + 1)
                let status: Int32
                switch value {
                case .null: status = sqlite3_bind_null(statement, index)
                case .integer(let number): status = sqlite3_bind_int64(statement, index, number)
                case .text(let text): status = sqlite3_bind_text(statement, index, text, -1, tracesprep_sqlite_transient())
                }
                if status != SQLITE_OK { throw database.error("bind " + SQLiteDatabase.summary(sql)) }
            }
        }

        /// Advances to the next row; false when the statement is done.
        func step() throws -> Bool {
            switch sqlite3_step(statement) {
            case SQLITE_ROW: return true
            case SQLITE_DONE: return false
            default: throw database.error("step " + SQLiteDatabase.summary(sql))
            }
        }

        public func text(_ column: Int32) -> String? {
            guard sqlite3_column_type(statement, column) != SQLITE_NULL, let pointer = sqlite3_column_text(statement, column) else {
                return nil
            }
            return String(cString: pointer)
        }

        public func integer(_ column: Int32) -> Int64? {
            sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, column)
        }
    }
}

/// A value bound to a statement parameter.
public enum SQLiteValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case text(String)

    public static func optional(_ text: String?) -> SQLiteValue { text.map { .text($0) } ?? .null }
    public static func optional(_ number: Int?) -> SQLiteValue { number.map { .integer(Int64($0)) } ?? .null }
}
