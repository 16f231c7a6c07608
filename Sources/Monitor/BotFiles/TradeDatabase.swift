import CSQLite
import Foundation

/// A bot's own trade database (`data/<config>.sqlite`, Hummingbot's `TradeFill` table), read-only: the fills
/// of the current run counted exactly, even those made before the console started listening. Opened
/// read-only with a short busy timeout and closed at once, so the bot is never kept from writing.
public enum TradeDatabase {
    struct Figures: Sendable, Equatable {
        var trades: Int
        /// Quote volume: price × amount of each fill.
        var volume: Double
    }

    /// Hummingbot stores prices and amounts as integers of millionths (`SqliteDecimal(6)`).
    static let scale = 1e6

    /// The fills since `runStartedAt` (unix seconds); nil when the file or its table cannot be read.
    static func figures(at path: String, since runStartedAt: Double) -> Figures? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let db = handle else {
            sqlite3_close(handle)
            return nil
        }
        defer { sqlite3_close(db) }
        sqlite3_busy_timeout(db, 200)
        let query = "SELECT COUNT(*), COALESCE(SUM(CAST(price AS REAL) * CAST(amount AS REAL)), 0) FROM TradeFill WHERE timestamp >= ?"
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, query, -1, &statement, nil) == SQLITE_OK else { return nil }
        defer { sqlite3_finalize(statement) }
        sqlite3_bind_int64(statement, 1, Int64(runStartedAt * 1000))  // TradeFill.timestamp is in milliseconds
        guard sqlite3_step(statement) == SQLITE_ROW else { return nil }
        return Figures(trades: Int(sqlite3_column_int64(statement, 0)), volume: sqlite3_column_double(statement, 1) / (scale * scale))
    }

    /// Where a bot keeps its trades: `data/<config>.sqlite`, named after the config it runs.
    public static func path(dataFolder: String, config: String?) -> String? {
        guard let config, !config.isEmpty, !config.contains("/"), !config.hasPrefix(".") else { return nil }
        let stem = config.hasSuffix(".yml") ? String(config.dropLast(4)) : config
        return "\(dataFolder)/\(stem).sqlite"
    }
}

extension TradeDatabase {
    /// One fill as Hummingbot's `TradeFill` keeps it.
    public struct Fill: Sendable, Equatable {
        public let time: Double
        public let orderID: String
        public let pair: String
        public let side: String
        public let price: Double
        public let amount: Double
        public let feeQuote: Double?
    }

    /// The fills from `from` to `to` (unix seconds), oldest first; none when the file cannot be read.
    public static func fills(at path: String, from: Double, to: Double) -> [Fill] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let db = handle else {
            sqlite3_close(handle)
            return []
        }
        defer { sqlite3_close(db) }
        sqlite3_busy_timeout(db, 200)
        let query = """
            SELECT timestamp, order_id, symbol, trade_type, price, amount, trade_fee_in_quote FROM TradeFill
            WHERE timestamp >= ? AND timestamp <= ? ORDER BY timestamp
            """
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, query, -1, &statement, nil) == SQLITE_OK else { return [] }
        defer { sqlite3_finalize(statement) }
        sqlite3_bind_int64(statement, 1, Int64(max(0, from) * 1000))
        sqlite3_bind_int64(statement, 2, Int64(min(to, 4_102_444_800) * 1000))
        var fills: [Fill] = []
        func text(_ column: Int32) -> String { sqlite3_column_text(statement, column).map { String(cString: $0) } ?? "" }
        while sqlite3_step(statement) == SQLITE_ROW {
            fills.append(Fill(
                time: Double(sqlite3_column_int64(statement, 0)) / 1000, orderID: text(1), pair: text(2), side: text(3),
                price: Double(sqlite3_column_int64(statement, 4)) / scale, amount: Double(sqlite3_column_int64(statement, 5)) / scale,
                feeQuote: sqlite3_column_type(statement, 6) == SQLITE_NULL ? nil : Double(sqlite3_column_int64(statement, 6)) / scale))
        }
        return fills
    }
}
