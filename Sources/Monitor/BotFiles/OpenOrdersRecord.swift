import HBModel

/// The open orders of a bot the console did not hear for all of its run: its trade database's record, read
/// every 10 s, decides for every order placed before that read, but for those MQTT heard closed since;
/// orders heard over MQTT since are added.
enum OpenOrdersRecord {
    /// How long after its creation event an order may take to reach the bot's database.
    static let writeDelay = 5.0

    /// `recorded`: the database's open orders as of `readAt`; `heard`: MQTT's open orders now; `closed`: the
    /// orders MQTT heard closed lately. Newest first.
    static func merge(recorded: [OrderFigures], readAt: Double, heard: [OrderFigures], closed: [String: Double] = [:])
        -> [OrderFigures]
    {
        let heardByID = Dictionary(heard.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let recordedIDs = Set(recorded.map(\.id))
        var merged = recorded.filter { closed[$0.id] == nil }.map { order -> OrderFigures in
            guard let live = heardByID[order.id] else { return order }
            // Open when read: MQTT may have heard a fill since.
            var order = order
            order.filled = max(order.filled, live.filled)
            return order
        }
        // Not in the record: placed after it was read, or closed before (MQTT missed the end, in a gap). MQTT's
        // events do not name the exchange: the record's, where it has one for the pair.
        var exchanges: [String: Set<String>] = [:]
        for order in recorded {
            if let pair = order.tradingPair, let exchange = order.exchange {
                exchanges[pair, default: []].insert(exchange)
            }
        }
        merged += heard.filter { !recordedIDs.contains($0.id) && $0.createdAt >= readAt - writeDelay }.map { order in
            guard order.exchange == nil, let only = order.tradingPair.flatMap({ exchanges[$0] }), only.count == 1 else {
                return order
            }
            var order = order
            order.exchange = only.first
            return order
        }
        return merged.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
    }
}
