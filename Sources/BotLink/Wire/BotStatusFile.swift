/// What a bot run by the client's `hbot` CLI writes about itself in `data/bot/` (notes: "State on disk"):
/// `status.json` about every 5 s while it runs and `meta.json` at its start. Read with the same hardened
/// parser and range checks as telemetry: the bot's own files are its word, not the truth about its container.
public struct BotStatusFile: Sendable, Equatable {
    public var running: Bool
    /// When the bot last wrote the file, by its own clock (Unix seconds).
    public var updatedAt: Double
    public var strategyRunning: Bool?
    public var formatStatus: String?

    /// Nil when the bytes are not a status file.
    public init?(bytes: [UInt8]) {
        guard let root = try? JSONParser.parse(bytes), case .object = root,
            case .bool(let running)? = root["running"], let updated = WireNumber.time(root["updated_at"])
        else { return nil }
        self.running = running
        updatedAt = updated
        if case .bool(let value)? = root["engine"]?["strategy_running"] { strategyRunning = value }
        formatStatus = root["format_status"]?.stringValue.map { String($0.prefix(16_384)) }
    }

    public init(running: Bool, updatedAt: Double, strategyRunning: Bool? = nil, formatStatus: String? = nil) {
        self.running = running
        self.updatedAt = updatedAt
        self.strategyRunning = strategyRunning
        self.formatStatus = formatStatus
    }
}

/// `data/bot/meta.json`: what the bot runs and since when.
public struct BotMetaFile: Sendable, Equatable {
    public var file: String?
    /// The bot's name, which names its log file (`logs/logs_<name>.log`).
    public var name: String?
    public var startedAt: Double?

    public init?(bytes: [UInt8]) {
        guard let root = try? JSONParser.parse(bytes), case .object = root else { return nil }
        file = root["file"]?.stringValue.map { String($0.prefix(256)) }
        name = root["name"]?.stringValue.map { String($0.prefix(256)) }
        startedAt = WireNumber.time(root["started_at"])
    }
}
