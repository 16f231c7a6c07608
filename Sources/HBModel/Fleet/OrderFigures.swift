/// One open order, from the bot's order events.
public struct OrderFigures: Sendable, Equatable {
    public var id: String
    public var tradingPair: String?
    public var side: String?
    public var price: Double?
    public var amount: Double?
    public var filled: Double
    public var createdAt: Double

    public init(id: String, tradingPair: String? = nil, side: String? = nil, price: Double? = nil, amount: Double? = nil, filled: Double = 0, createdAt: Double) {
        self.id = id
        self.tradingPair = tradingPair
        self.side = side
        self.price = price
        self.amount = amount
        self.filled = filled
        self.createdAt = createdAt
    }
}
