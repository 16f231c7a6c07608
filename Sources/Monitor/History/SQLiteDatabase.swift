import CSQLite
import Foundation
import HBModel

/// A small handle on an SQLite file for hbdeck's own history: WAL, so a console and a recorder can write at
/// once and readers never wait; a busy timeout instead of failures when two write the same moment.
final class SQLiteDatabase {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// One column value, bound or read.
    enum Value: Equatable {
        case integer(Int64)
        case real(Double)
        case text(String)
        case null
    }

    private let handle: OpaquePointer
    /// The checked descriptor of a bot's database, kept open while SQLite reads it.
    private var pinned: Int32 = -1
    /// When work on a bot's database is given up (unix seconds), read by SQLite's progress handler.
    private let deadline = UnsafeMutablePointer<Double>.allocate(capacity: 1)

    /// How long the queries of one opening of a bot's database may work in all: its code can make any
    /// query slow (a dropped index, a table of millions of rows), and the reader must not stay busy.
    static let botDatabaseBudget = 2.0

    /// hbdeck's own database, made when missing, in WAL mode.
    convenience init(path: String) throws {
        try self.init(
            path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, busyTimeout: 5000)
        try execute("PRAGMA journal_mode=WAL")
        try execute("PRAGMA synchronous=NORMAL")
    }

    /// Someone else's database (a bot's), read-only and as it is: nothing about it is changed, and a writer
    /// is waited for only briefly, so the bot is never kept from writing.
    /// It is a bot's file (`BotFile`): SQLite opens the very file checked, through `/proc/self/fd`, so a FIFO
    /// or symlink put in its place afterwards is never opened.
    convenience init(readingOnly path: String) throws {
        let url = URL(fileURLWithPath: path)
        let file: BotFile.Opened
        switch BotFile.open(url.lastPathComponent, beneath: url.deletingLastPathComponent().path) {
        case .success(let opened): file = opened
        case .failure(let problem): throw Failure(description: "\(path): \(problem)")
        }
        do {
            try self.init(
                path: "/proc/self/fd/\(file.descriptor)", flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                busyTimeout: 200)
        } catch {
            close(file.descriptor)
            throw error
        }
        pinned = file.descriptor
        deadline.pointee = Date().timeIntervalSince1970 + Self.botDatabaseBudget
        sqlite3_progress_handler(
            handle, 10_000,
            { context in
                Date().timeIntervalSince1970 > context!.assumingMemoryBound(to: Double.self).pointee ? 1 : 0
            }, deadline)
    }

    private init(path: String, flags: Int32, busyTimeout: Int32) throws {
        var opened: OpaquePointer?
        guard sqlite3_open_v2(path, &opened, flags, nil) == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(opened)
            throw Failure(description: "\(path): \(message)")
        }
        handle = opened
        sqlite3_busy_timeout(handle, busyTimeout)
    }

    deinit {
        sqlite3_close(handle)
        if pinned >= 0 { close(pinned) }
        deadline.deallocate()
    }

    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &message) == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? "failed"
            sqlite3_free(message)
            throw Failure(description: text)
        }
    }

    /// One row of a result, read column by column in place (no copy of the row).
    struct Row {
        let statement: OpaquePointer

        func double(_ column: Int32) -> Double? {
            sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_double(statement, column)
        }

        func integer(_ column: Int32) -> Int64? {
            sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, column)
        }

        func text(_ column: Int32) -> String? {
            sqlite3_column_text(statement, column).map { String(cString: $0) }
        }
    }

    /// Runs `sql` and hands each row to `body` as it is read: for long results.
    func forEachRow(_ sql: String, _ values: [Value] = [], _ body: (Row) -> Void) throws {
        let statement = try prepare(sql, values)
        defer { sqlite3_finalize(statement) }
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { return }
            guard step == SQLITE_ROW else { throw Failure(description: String(cString: sqlite3_errmsg(handle))) }
            body(Row(statement: statement))
        }
    }

    /// Runs `sql` with `values` bound in order; returns its rows.
    @discardableResult
    func query(_ sql: String, _ values: [Value] = []) throws -> [[Value]] {
        let statement = try prepare(sql, values)
        defer { sqlite3_finalize(statement) }
        var rows: [[Value]] = []
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw Failure(description: String(cString: sqlite3_errmsg(handle))) }
            rows.append(
                (0..<sqlite3_column_count(statement)).map { column in
                    switch sqlite3_column_type(statement, column) {
                    case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
                    case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
                    case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(statement, column)))
                    default: return .null
                    }
                })
        }
        return rows
    }

    private func prepare(_ sql: String, _ values: [Value]) throws -> OpaquePointer {
        var prepared: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &prepared, nil) == SQLITE_OK, let statement = prepared else {
            throw Failure(description: String(cString: sqlite3_errmsg(handle)))
        }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            switch value {
            case .integer(let number): sqlite3_bind_int64(statement, position, number)
            case .real(let number): sqlite3_bind_double(statement, position, number)
            case .text(let text): sqlite3_bind_text(statement, position, text, -1, transient)
            case .null: sqlite3_bind_null(statement, position)
            }
        }
        return statement
    }
}
