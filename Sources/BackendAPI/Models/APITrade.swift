import BotLink

/// A fill as the bot's `history` reply lists it, relayed by the API (`/bot-orchestration/{bot}/history`): the
/// bot's own words, read field by field, a field it did not give as nil.
public struct APITrade: Sendable, Equatable {
    public let market: String
    public let tradeID: String
    public let pair: String
    public let side: String
    public let price: Double?
    public let amount: Double?
    /// Unix seconds, nil when the bot's time is not plausible.
    public let time: Double?

    public init(
        market: String, tradeID: String, pair: String, side: String, price: Double?, amount: Double?, time: Double?
    ) {
        self.market = market
        self.tradeID = tradeID
        self.pair = pair
        self.side = side
        self.price = price
        self.amount = amount
        self.time = time
    }

    init?(_ value: JSONValue) {
        guard let object = value.objectValue else { return nil }
        func text(_ key: String) -> String { String((object[key]?.stringValue ?? "").prefix(200)) }
        market = text("market")
        tradeID = text("trade_id")
        pair = text("symbol")
        side = text("trade_type")
        price = WireNumber.figure(object["price"])
        amount = WireNumber.figure(object["quantity"])
        time = WireNumber.time(object["trade_timestamp"], unitsPerSecond: 1000)
    }

    /// The trades of a history reply: `{"response": {"success": true, "data": {"data": {"status": 200, "trades":
    /// […]}}}}`; the bot's or the API's refusal as `APIError.refused`.
    static func trades(in reply: JSONValue) throws -> [APITrade] {
        let response = reply["response"]
        guard response?["success"] == .bool(true) else {
            throw APIError.refused(response?["message"]?.stringValue ?? "the API did not get the bot's history")
        }
        let answer = response?["data"]?["data"]
        guard let status = answer?["status"]?.doubleValue else {
            throw APIError.undecodable(path: "history", reason: "response.data.data.status: missing")
        }
        guard status == 200 else {
            throw APIError.refused("the bot answered \(Int(status)): \(answer?["msg"]?.stringValue ?? "")")
        }
        return (answer?["trades"]?.arrayValue ?? []).compactMap(APITrade.init)
    }
}
