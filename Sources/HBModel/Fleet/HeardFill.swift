/// One fill as the bot announced it over MQTT (its `OrderFilled` event), kept until the history store has it.
public struct HeardFill: Sendable, Equatable {
    /// The bot's own time of the event (unix seconds), else when hbdeck heard it.
    public var time: Double
    /// The exchange's trade id (`exchange_trade_id`), as the bot's `TradeFill` table keeps it.
    public var tradeID: String
    public var orderID: String
    public var pair: String
    /// `BUY` or `SELL`.
    public var side: String
    public var price: Double
    public var amount: Double
    /// The fee in the pair's quote asset: its percent of price × amount and its flat fees in that asset.
    public var feeQuote: Double?

    public init(
        time: Double, tradeID: String, orderID: String, pair: String, side: String, price: Double, amount: Double,
        feeQuote: Double?
    ) {
        self.time = time
        self.tradeID = tradeID
        self.orderID = orderID
        self.pair = pair
        self.side = side
        self.price = price
        self.amount = amount
        self.feeQuote = feeQuote
    }

    /// What makes a fill the same fill in the bot's database and over MQTT: the exchange's trade id, or where
    /// a bot gives none, its order, price and amount.
    public static func key(tradeID: String, orderID: String, price: Double, amount: Double) -> String {
        tradeID.isEmpty ? "\(orderID)/\(price)/\(amount)" : tradeID
    }

    public var key: String { Self.key(tradeID: tradeID, orderID: orderID, price: price, amount: amount) }
}
