/// One decoded message from a bot, each timestamp converted from its own unit to unix seconds (nil when the
/// bot sent one out of range). State never rests on these: it uses when the console received a message.
public enum BotTelemetry: Sendable, Equatable {
    /// `hb`: the bot sends `now + 0.5 s` in microseconds.
    case heartbeat(at: Double?)
    /// `status_updates`: `online` on every (re)connect.
    case availability(online: Bool, at: Double?)
    case log(BotLogRecord)
    case event(OrderEvent)
    /// `performance`: per controller; empty when the strategy is stopped.
    case performance([String: ControllerPerformance])
    case notification(BotNotification)
}

public struct BotLogRecord: Sendable, Equatable, Codable {
    public let timestamp: Double?
    public let message: String
    public let levelNumber: Int
    public let levelName: String
    public let logger: String

    public init(timestamp: Double?, message: String, levelNumber: Int, levelName: String, logger: String) {
        self.timestamp = timestamp
        self.message = message
        self.levelNumber = levelNumber
        self.levelName = levelName
        self.logger = logger
    }

    public var isError: Bool { levelNumber >= 40 }

    /// CRITICAL by number and by name: a line whose two level fields disagree is not trusted to say the
    /// bot cannot go on.
    public var isCritical: Bool { levelNumber >= 50 && levelName == "CRITICAL" }
}

public struct BotNotification: Sendable, Equatable, Codable {
    public let sequence: Int?
    public let timestamp: Double?
    public let message: String
}

/// One message of the `events` channel. `kind` is Hummingbot's event name, such as `OrderFilled`.
public struct OrderEvent: Sendable, Equatable, Codable {
    public let timestamp: Double?
    public let kind: String
    public let orderID: String?
    public let tradingPair: String?
    /// `BUY` or `SELL`, from `TradeType.BUY`.
    public let side: String?
    public let orderType: String?
    public let price: Double?
    public let amount: Double?
    public let data: JSONValue
}

public struct ControllerPerformance: Sendable, Equatable, Codable {
    public var realizedPnlQuote: Double?
    public var unrealizedPnlQuote: Double?
    public var globalPnlQuote: Double?
    public var globalPnlPct: Double?
    public var volumeTraded: Double?
    public var closeTypeCounts: [String: Int]

    public init(
        realizedPnlQuote: Double? = nil, unrealizedPnlQuote: Double? = nil, globalPnlQuote: Double? = nil,
        globalPnlPct: Double? = nil, volumeTraded: Double? = nil, closeTypeCounts: [String: Int] = [:]
    ) {
        self.realizedPnlQuote = realizedPnlQuote
        self.unrealizedPnlQuote = unrealizedPnlQuote
        self.globalPnlQuote = globalPnlQuote
        self.globalPnlPct = globalPnlPct
        self.volumeTraded = volumeTraded
        self.closeTypeCounts = closeTypeCounts
    }
}
