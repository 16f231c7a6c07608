import Foundation
import HBModel

/// Figures that outlive the console: a sample of every running bot every 10 s and one row per bot run
/// (start, stop, image, config, final figures), and every fill, from the bot's own database where it can be
/// read and as heard over MQTT otherwise, in an SQLite file of hbdeck's (WAL: a console and `hbdeck record`
/// may write at once).
public actor HistoryStore {
    public struct Sample: Sendable, Equatable, Codable {
        public let time: Double
        public let bot: String
        public let pnl: Double?
        public let volume: Double?
        public let trades: Int?
        public let openOrders: Int?
        public let cpuPercent: Double?
        public let memoryBytes: Int64?
    }

    public struct Run: Sendable, Equatable, Codable {
        public let bot: String
        public let startedAt: Double
        public let stoppedAt: Double?
        public let image: String
        public let config: String?
        public let pnl: Double?
        public let volume: Double?
        public let trades: Int?
    }

    let db: SQLiteDatabase
    /// The key of the newest heard fill kept, per bot: each snapshot's list is taken from after it.
    var heardKept: [String: String] = [:]
    /// The newest fill taken from each bot's own database (unix seconds).
    var databaseKept: [String: Double] = [:]
    public nonisolated let path: String

    /// `.hbdeck/history.sqlite` in the bots folder, else hbdeck's state folder.
    public static func location(
        botsFolder: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let botsFolder { return botsFolder + "/.hbdeck/history.sqlite" }
        let state = environment["XDG_STATE_HOME"] ?? (NSHomeDirectory() + "/.local/state")
        return state + "/hbdeck/history.sqlite"
    }

    public init(path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        self.path = path
        db = try SQLiteDatabase(path: path)
        try db.execute(
            """
            CREATE TABLE IF NOT EXISTS samples (time REAL NOT NULL, bot TEXT NOT NULL, pnl REAL, volume REAL, trades INTEGER,
                open_orders INTEGER, cpu_percent REAL, memory_bytes INTEGER);
            CREATE INDEX IF NOT EXISTS samples_by_bot ON samples (bot, time);
            CREATE TABLE IF NOT EXISTS runs (bot TEXT NOT NULL, started_at REAL NOT NULL, stopped_at REAL, image TEXT NOT NULL,
                config TEXT, pnl REAL, volume REAL, trades INTEGER, PRIMARY KEY (bot, started_at));
            """ + Self.fillsSchema)
    }

    /// One sample of each running bot, and its run brought up to date; a run whose bot no longer runs is
    /// closed: when it is seen stopped, when a newer run of the bot starts (at that start), or when the bot
    /// is gone from the fleet.
    /// `owns`: the bots this recorder watches. An open run of one of them that the snapshot no longer lists has
    /// ended; another recorder's (a console on other engines, `hbdeck record` beside it) are left alone.
    public func record(_ snapshot: FleetSnapshot, owns: (String) -> Bool = { !$0.contains("/") }) throws {
        let now = snapshot.takenAt
        try db.execute("BEGIN IMMEDIATE")
        do {
            let present = Set(snapshot.instances.map(\.name))
            for open in try db.query("SELECT DISTINCT bot FROM runs WHERE stopped_at IS NULL") {
                if case .text(let bot) = open[0], owns(bot), !present.contains(bot) {
                    try db.query(
                        "UPDATE runs SET stopped_at = ? WHERE bot = ? AND stopped_at IS NULL", [.real(now), .text(bot)])
                }
            }
            for instance in snapshot.instances {
                guard let started = instance.startedAt else { continue }
                try db.query(
                    "UPDATE runs SET stopped_at = ? WHERE bot = ? AND started_at < ? AND stopped_at IS NULL",
                    [.real(started), .text(instance.name), .real(started)])
                let running = instance.state == .running || instance.state == .stopping
                if running {
                    try db.query(
                        "INSERT INTO samples VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [
                            .real(now), .text(instance.name), real(instance.pnl), real(instance.volume),
                            integer(instance.trades),
                            integer(instance.openOrders), real(instance.resources.cpuPercent),
                            integer(instance.resources.memoryUsed.map { Int($0) }),
                        ])
                }
                try db.query(
                    """
                    INSERT INTO runs VALUES (?, ?, NULL, ?, ?, ?, ?, ?)
                    ON CONFLICT (bot, started_at) DO UPDATE SET
                        pnl = COALESCE(excluded.pnl, pnl), volume = COALESCE(excluded.volume, volume), trades = COALESCE(excluded.trades, trades),
                        stopped_at = CASE WHEN ? THEN NULL ELSE COALESCE(stopped_at, ?) END
                    """,
                    [
                        .text(instance.name), .real(started), .text(instance.image),
                        instance.strategy.map(SQLiteDatabase.Value.text) ?? .null,
                        real(instance.pnl), real(instance.volume), integer(instance.trades), .integer(running ? 1 : 0),
                        .real(instance.finishedAt ?? now),
                    ])
            }
            for instance in snapshot.instances where owns(instance.name) { try keepHeard(instance) }
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    /// Samples older than `days` are dropped; runs are kept.
    public func prune(olderThan days: Double, now: Double) throws {
        try db.query("DELETE FROM samples WHERE time < ?", [.real(now - days * 86_400)])
    }

    /// Times are shown to the millisecond: a bound written as a shown time takes in the row it was read from.
    static let boundSlack = 0.0005

    public func samples(bot: String? = nil, from: Double = 0, to: Double = .greatestFiniteMagnitude) throws -> [Sample]
    {
        var samples: [Sample] = []
        let range: [SQLiteDatabase.Value] = [.real(from - Self.boundSlack), .real(to + Self.boundSlack)]
        // One bot's query names the bot outright so that SQLite searches the (bot, time) index instead of
        // scanning every bot's samples.
        let (sql, values) =
            bot.map {
                ("SELECT * FROM samples WHERE bot = ? AND time >= ? AND time <= ? ORDER BY time", [.text($0)] + range)
            }
            ?? ("SELECT * FROM samples WHERE time >= ? AND time <= ? ORDER BY time, bot", range)
        try db.forEachRow(sql, values) { row in
            samples.append(
                Sample(
                    time: row.double(0) ?? 0, bot: row.text(1) ?? "", pnl: row.double(2), volume: row.double(3),
                    trades: row.integer(4).map { Int($0) },
                    openOrders: row.integer(5).map { Int($0) }, cpuPercent: row.double(6), memoryBytes: row.integer(7)))
        }
        return samples
    }

    /// Runs that overlap the range.
    public func runs(bot: String? = nil, from: Double = 0, to: Double = .greatestFiniteMagnitude) throws -> [Run] {
        try db.query(
            "SELECT * FROM runs WHERE started_at <= ? AND (stopped_at IS NULL OR stopped_at >= ?) AND (? IS NULL OR bot = ?) ORDER BY started_at, bot",
            [
                .real(to + Self.boundSlack), .real(from - Self.boundSlack), bot.map(SQLiteDatabase.Value.text) ?? .null,
                bot.map(SQLiteDatabase.Value.text) ?? .null,
            ]
        ).map { row in
            Run(
                bot: text(row[0]) ?? "", startedAt: double(row[1]) ?? 0, stoppedAt: double(row[2]),
                image: text(row[3]) ?? "",
                config: text(row[4]), pnl: double(row[5]), volume: double(row[6]), trades: int(row[7]).map { Int($0) })
        }
    }

    func real(_ value: Double?) -> SQLiteDatabase.Value {
        value.flatMap { $0.isFinite ? .real($0) : nil } ?? .null
    }
    func integer(_ value: Int?) -> SQLiteDatabase.Value { value.map { .integer(Int64($0)) } ?? .null }
    func double(_ value: SQLiteDatabase.Value) -> Double? {
        switch value {
        case .real(let number): return number
        case .integer(let number): return Double(number)
        default: return nil
        }
    }
    func int(_ value: SQLiteDatabase.Value) -> Int64? {
        if case .integer(let number) = value { return number }
        return nil
    }
    func text(_ value: SQLiteDatabase.Value) -> String? {
        if case .text(let string) = value { return string }
        return nil
    }
}
