import BotLink

/// One bot as `/bot-orchestration/status` holds it: what the API heard of it over MQTT. Its `status` is the
/// API's guess (`running` while controllers report, `stopped` as soon as a stop was sent, not when the bot
/// wound down); the screen derives its own state from the container and the bot's logs.
///
/// Everything under a bot is what the bot itself published, relayed: hostile input. It is decoded leniently,
/// field by field, so that one bot's odd payload costs that field, never the whole fleet's reply.
public struct APIBotStatus: Decodable, Sendable, Equatable {
    public struct ControllerReport: Sendable, Equatable {
        public let status: String
        /// The controller's figures as the bot reported them (`global_pnl_quote`, `volume_traded`, …).
        public let performance: JSONValue?

        public init(status: String, performance: JSONValue?) {
            self.status = status
            self.performance = performance
        }
    }

    public struct LogEntry: Sendable, Equatable {
        public let levelName: String
        public let msg: String
        /// The bot's own clock, as it said; nil when it did not say a number.
        public let timestamp: Double?
        public let loggerName: String?

        public init(levelName: String, msg: String, timestamp: Double?, loggerName: String? = nil) {
            self.levelName = levelName
            self.msg = msg
            self.timestamp = timestamp
            self.loggerName = loggerName
        }

        /// A record from whatever JSON the API relayed; nil when it has no message at all.
        init?(_ value: JSONValue) {
            guard let object = value.objectValue, let msg = object["msg"] else { return nil }
            self.msg = msg.stringValue ?? msg.compactText
            levelName = object["level_name"]?.stringValue ?? "INFO"
            timestamp = object["timestamp"]?.doubleValue.flatMap { $0.isFinite ? $0 : nil }
            loggerName = object["logger_name"]?.stringValue
        }
    }

    public let status: String
    /// By controller id; a report that is not an object is left out.
    public let performance: [String: ControllerReport]
    public let errorLogs: [LogEntry]
    public let generalLogs: [LogEntry]
    /// A message from the bot in the last 30 s.
    public let recentlyActive: Bool?
    /// `docker` or `mqtt`: how the API found the bot.
    public let source: String?
    public let error: String?

    enum CodingKeys: String, CodingKey {
        case status, performance, source, error
        case errorLogs = "error_logs"
        case generalLogs = "general_logs"
        case recentlyActive = "recently_active"
    }

    public init(
        status: String, performance: [String: ControllerReport] = [:], errorLogs: [LogEntry] = [],
        generalLogs: [LogEntry] = [], recentlyActive: Bool? = nil, source: String? = nil, error: String? = nil
    ) {
        self.status = status
        self.performance = performance
        self.errorLogs = errorLogs
        self.generalLogs = generalLogs
        self.recentlyActive = recentlyActive
        self.source = source
        self.error = error
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // The API's own fields: a reply without `status` is not this API's.
        status = try container.decode(String.self, forKey: .status)
        recentlyActive = try? container.decodeIfPresent(Bool.self, forKey: .recentlyActive)
        source = try? container.decodeIfPresent(String.self, forKey: .source)
        error = try? container.decodeIfPresent(String.self, forKey: .error)
        // What the bot published, relayed.
        let reports = (try? container.decodeIfPresent(JSONValue.self, forKey: .performance))??.objectValue ?? [:]
        performance = reports.compactMapValues { report in
            guard let object = report.objectValue else { return nil }
            return ControllerReport(status: object["status"]?.stringValue ?? "", performance: object["performance"])
        }
        func logs(_ key: CodingKeys) -> [LogEntry] {
            ((try? container.decodeIfPresent(JSONValue.self, forKey: key))??.arrayValue ?? []).compactMap(LogEntry.init)
        }
        errorLogs = logs(.errorLogs)
        generalLogs = logs(.generalLogs)
    }
}
