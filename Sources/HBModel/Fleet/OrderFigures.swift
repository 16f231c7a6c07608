/// One open order, from the bot's order events.
public struct OrderFigures: Sendable, Equatable {
    public var id: String
    /// The connector as the bot's trade database names it (`binance_paper_trade`); MQTT's events do not say.
    public var exchange: String?
    public var tradingPair: String?
    public var side: String?
    public var price: Double?
    public var amount: Double?
    public var filled: Double
    public var createdAt: Double
    /// Heard of before a gap in the console's link: it may have been filled or cancelled meanwhile.
    public var uncertain: Bool

    public init(
        id: String, exchange: String? = nil, tradingPair: String? = nil, side: String? = nil, price: Double? = nil,
        amount: Double? = nil, filled: Double = 0,
        createdAt: Double, uncertain: Bool = false
    ) {
        self.uncertain = uncertain
        self.id = id
        self.exchange = exchange
        self.tradingPair = tradingPair
        self.side = side
        self.price = price
        self.amount = amount
        self.filled = filled
        self.createdAt = createdAt
    }
}
