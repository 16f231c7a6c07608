/// One fill: a row of the bot's `TradeFill` table, or its `OrderFilled` event as hbdeck heard it over MQTT.
public struct TradeFill: Sendable, Equatable {
    /// Unix seconds: the row's timestamp, or the event's own time (else when hbdeck heard it).
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
    /// The connector (`binance_paper_trade`); empty where the bot's records do not name it (MQTT's events do not).
    public var exchange: String

    public init(
        time: Double, tradeID: String, orderID: String, pair: String, side: String, price: Double, amount: Double,
        feeQuote: Double?, exchange: String = ""
    ) {
        self.time = time
        self.tradeID = tradeID
        self.orderID = orderID
        self.pair = pair
        self.side = side
        self.price = price
        self.amount = amount
        self.feeQuote = feeQuote
        self.exchange = exchange
    }

    /// What makes a fill the same fill in the bot's database and over MQTT: the exchange's trade id, or where
    /// a bot gives none, its order, price and amount.
    public static func key(tradeID: String, orderID: String, price: Double, amount: Double) -> String {
        tradeID.isEmpty ? "\(orderID)/\(price)/\(amount)" : tradeID
    }

    public var key: String { Self.key(tradeID: tradeID, orderID: orderID, price: price, amount: amount) }
}
