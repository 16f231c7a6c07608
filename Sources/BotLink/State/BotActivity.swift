import HBModel

/// What a bot has been doing in its current run, folded from its telemetry: performance, open orders,
/// trades, errors. A new run of the container (`startRun`) starts it over, so every figure belongs to one run.
public struct BotActivity: Sendable {
    public private(set) var controllers: [String: ControllerPerformance] = [:]
    /// When the last performance report with figures arrived.
    public private(set) var performanceAt: Double?
    public private(set) var openOrders: [String: OpenOrder] = [:]
    /// Orders heard completed, cancelled, expired or failed in the last minute, and when: the bot's trade
    /// database, read every 10 s, may still list them as open.
    public private(set) var closedOrders: [String: Double] = [:]
    /// Fills seen in this run since the console started listening.
    public private(set) var tradeCount = 0
    /// Quote volume of those fills (price × amount).
    public private(set) var tradedVolume = 0.0
    public private(set) var notifications: RingBuffer<BotNotification>
    /// The newest fills heard, across runs, until the history store has taken them (it takes each once).
    public private(set) var fills: RingBuffer<TradeFill>
    public private(set) var errorCount = 0
    public private(set) var lastError: BotLogRecord?
    /// The last CRITICAL line of this run (by level number and name both): the bot says it cannot go on.
    public private(set) var lastFatal: BotLogRecord?
    public private(set) var failedOrders = 0
    /// The WARNING, ERROR and CRITICAL records of this run, the newest 200, for the errors view.
    public private(set) var problems: RingBuffer<ProblemRecord>
    /// When the container's current run started, as the engine says; nil until the monitor said.
    public private(set) var runStartedAt: Double?
    /// Something of this run was heard before the console knew the run had started, and was set aside
    /// with the old run's figures: the counts are then lower bounds.
    public private(set) var heardBeforeRunKnown = false
    private var firstHeard: Double?
    private var lastHeard: Double?

    public init() {
        notifications = RingBuffer(capacity: 200)
        fills = RingBuffer(capacity: 500)
        problems = RingBuffer(capacity: 200)
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

    /// The container started a new run at `startedAt`: what was heard belongs to the old one. Nothing
    /// happens when the run is already known.
    public mutating func startRun(at startedAt: Double) {
        guard runStartedAt.map({ startedAt > $0 }) ?? true else { return }
        if (firstHeard ?? .infinity) >= startedAt {
            runStartedAt = startedAt  // all that was heard is of this run
            return
        }
        let heardSince = (lastHeard ?? -.infinity) >= startedAt
        let notes = notifications
        let heard = fills
        self = BotActivity()
        notifications = notes
        fills = heard
        runStartedAt = startedAt
        heardBeforeRunKnown = heardSince
    }

    /// The console's link to the broker was down from `gapStart`: every order heard of before may have been
    /// filled or cancelled meanwhile. They stay, marked uncertain, until an event about them says otherwise.
    public mutating func linkGap(from gapStart: Double) {
        for id in openOrders.keys where openOrders[id]?.uncertainSince == nil {
            openOrders[id]?.uncertainSince = gapStart
        }
    }

    /// Open orders the console may have missed the end of.
    public var uncertainOrders: Int { openOrders.values.filter { $0.uncertainSince != nil }.count }

    /// `receivedAt` is when the console got the message: state never rests on the bot's own clock.
    public mutating func apply(_ telemetry: BotTelemetry, receivedAt: Double) {
        if firstHeard == nil { firstHeard = receivedAt }
        lastHeard = receivedAt
        switch telemetry {
        case .heartbeat, .availability:
            break
        case .log(let record):
            if record.levelNumber >= 30 {
                problems.append(
                    ProblemRecord(
                        time: receivedAt, level: record.levelName, logger: record.logger,
                        message: String(record.message.prefix(8192))))
            }
            if record.isError {
                errorCount += 1
                lastError = record
                if record.isCritical { lastFatal = record }
            }
        case .notification(let notification):
            notifications.append(notification)
        case .performance(let report):
            // `{}` means the strategy stopped: keep the last figures rather than showing nothing.
            if !report.isEmpty {
                controllers = report
                performanceAt = receivedAt
            }
        case .event(let event):
            apply(event, receivedAt: receivedAt)
        }
    }

    private mutating func apply(_ event: OrderEvent, receivedAt: Double) {
        guard let id = event.orderID else { return }
        switch event.kind {
        case "BuyOrderCreated", "SellOrderCreated":
            openOrders[id] = OpenOrder(
                orderID: id, tradingPair: event.tradingPair, side: event.side, price: event.price,
                amount: event.amount, filledAmount: 0, createdAt: event.timestamp ?? receivedAt)
        case "OrderFilled":
            tradeCount += 1
            if let price = event.price, let amount = event.amount {
                tradedVolume += price * amount
                openOrders[id]?.filledAmount += amount
                fills.append(Self.fill(event, orderID: id, price: price, amount: amount, receivedAt: receivedAt))
            }
            openOrders[id]?.uncertainSince = nil  // heard of again: it is open
        case "BuyOrderCompleted", "SellOrderCompleted", "OrderCancelled", "OrderExpired":
            openOrders[id] = nil
            noteClosed(id, at: receivedAt)
        case "OrderFailure":
            failedOrders += 1
            openOrders[id] = nil
            noteClosed(id, at: receivedAt)
        default:
            break
        }
    }

    private static func fill(_ event: OrderEvent, orderID: String, price: Double, amount: Double, receivedAt: Double)
        -> TradeFill
    {
        var feeQuote: Double?
        var tradeID = ""
        if case .object(let data) = event.data {
            if case .string(let id) = data["exchange_trade_id"] { tradeID = id }
            if case .object(let fee) = data["trade_fee"] {
                let quote = event.tradingPair?.split(separator: "-").last.map(String.init)
                var total = 0.0
                if case .number(let percent) = fee["percent"], percent.isFinite { total += percent * price * amount }
                if case .array(let flat) = fee["flat_fees"] {
                    for case .object(let item) in flat {
                        if case .string(let token) = item["token"], token == quote,
                            case .number(let paid) = item["amount"], paid.isFinite
                        {
                            total += paid
                        }
                    }
                }
                feeQuote = (total * 1e10).rounded() / 1e10  // no binary noise past what a quote asset holds
            }
        }
        let time = event.timestamp.flatMap { $0 > 1_000_000_000 && $0 < 4_102_444_800 ? $0 : nil } ?? receivedAt
        return TradeFill(
            time: time, tradeID: String(tradeID.prefix(128)), orderID: orderID,
            pair: String((event.tradingPair ?? "").prefix(64)), side: event.side ?? "", price: price, amount: amount,
            feeQuote: feeQuote)
    }

    private mutating func noteClosed(_ id: String, at time: Double) {
        closedOrders[id] = time
        if closedOrders.count > 512 { closedOrders = closedOrders.filter { $0.value >= time - 60 } }
    }

    private func sum(_ a: Double?, _ b: Double?) -> Double? {
        switch (a, b) {
        case (nil, nil): return nil
        default: return (a ?? 0) + (b ?? 0)
        }
    }
}
