import HBModel

/// What a bot has been doing, folded from its telemetry: performance, open orders, trades, log lines.
public struct BotActivity: Sendable {
    public private(set) var controllers: [String: ControllerPerformance] = [:]
    public private(set) var openOrders: [String: OpenOrder] = [:]
    /// Fills seen since the console started listening.
    public private(set) var tradeCount = 0
    /// Quote volume of those fills (price × amount).
    public private(set) var tradedVolume = 0.0
    public private(set) var logs: RingBuffer<BotLogRecord>
    public private(set) var notifications: RingBuffer<BotNotification>
    public private(set) var errorCount = 0
    public private(set) var lastError: BotLogRecord?
    /// The last CRITICAL line: the bot says it cannot go on.
    public private(set) var lastFatal: BotLogRecord?
    public private(set) var failedOrders = 0

    public init(logCapacity: Int = 5000) {
        logs = RingBuffer(capacity: logCapacity)
        notifications = RingBuffer(capacity: 200)
    }

    /// The bot's P&L and volume summed over its controllers; nil before any performance report.
    public var totals: ControllerPerformance? {
        guard !controllers.isEmpty else { return nil }
        var total = ControllerPerformance()
        for performance in controllers.values {
            total.realizedPnlQuote = sum(total.realizedPnlQuote, performance.realizedPnlQuote)
            total.unrealizedPnlQuote = sum(total.unrealizedPnlQuote, performance.unrealizedPnlQuote)
            total.globalPnlQuote = sum(total.globalPnlQuote, performance.globalPnlQuote)
            total.volumeTraded = sum(total.volumeTraded, performance.volumeTraded)
            total.closeTypeCounts.merge(performance.closeTypeCounts, uniquingKeysWith: +)
        }
        return total
    }

    public mutating func apply(_ telemetry: BotTelemetry) {
        switch telemetry {
        case .heartbeat, .availability:
            break
        case .log(let record):
            logs.append(record)
            if record.isError {
                errorCount += 1
                lastError = record
                if record.levelNumber >= 50 { lastFatal = record }
            }
        case .notification(let notification):
            notifications.append(notification)
        case .performance(let report):
            // `{}` means the strategy stopped: keep the last figures rather than showing nothing.
            if !report.isEmpty { controllers = report }
        case .event(let event):
            apply(event)
        }
    }

    private mutating func apply(_ event: OrderEvent) {
        guard let id = event.orderID else { return }
        switch event.kind {
        case "BuyOrderCreated", "SellOrderCreated":
            openOrders[id] = OpenOrder(
                orderID: id, tradingPair: event.tradingPair, side: event.side, price: event.price,
                amount: event.amount, filledAmount: 0, createdAt: event.timestamp)
        case "OrderFilled":
            tradeCount += 1
            if let price = event.price, let amount = event.amount {
                tradedVolume += price * amount
                openOrders[id]?.filledAmount += amount
            }
        case "BuyOrderCompleted", "SellOrderCompleted", "OrderCancelled", "OrderExpired":
            openOrders[id] = nil
        case "OrderFailure":
            failedOrders += 1
            openOrders[id] = nil
        default:
            break
        }
    }

    private func sum(_ a: Double?, _ b: Double?) -> Double? {
        switch (a, b) {
        case (nil, nil): return nil
        default: return (a ?? 0) + (b ?? 0)
        }
    }
}
