import HBModel

/// The open orders a stop puts at stake, by exchange: how many, and their notional value (price × the amount
/// not yet filled) where the bot's records give a price.
public struct OrdersAtStake: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public let exchange: String
        public internal(set) var orders = 0
        public internal(set) var notional = 0.0
        /// Orders whose price or amount no record gives: counted, not valued.
        public internal(set) var unpriced = 0
    }

    public let lines: [Line]
    /// Bots of hummingbot-api: the API gives no open orders, so theirs are not counted.
    public let notGiven: Int

    /// `connectors`: each bot's exchanges from its configs, by name; an order whose exchange no record names is
    /// put on its bot's one exchange, else under `unknown exchange`.
    public init(_ instances: [InstanceSnapshot], connectors: [String: Set<String>]) {
        var byExchange: [String: Line] = [:]
        notGiven = instances.filter { $0.throughAPI != nil }.count
        for instance in instances {
            let own = connectors[instance.name] ?? []
            let fallback = own.count == 1 ? own.first! : "unknown exchange"
            if instance.orders.isEmpty, let count = instance.openOrders, count > 0 {
                byExchange[fallback, default: Line(exchange: fallback)].orders += count
                byExchange[fallback, default: Line(exchange: fallback)].unpriced += count
            }
            for order in instance.orders {
                let exchange = order.exchange?.lowercased() ?? fallback
                var line = byExchange[exchange, default: Line(exchange: exchange)]
                line.orders += 1
                if let price = order.price, let amount = order.amount {
                    line.notional += price * max(0, amount - order.filled)
                } else {
                    line.unpriced += 1
                }
                byExchange[exchange] = line
            }
        }
        lines = byExchange.values.sorted { ($0.orders, $1.exchange) > ($1.orders, $0.exchange) }
    }

    public var orders: Int { lines.reduce(0) { $0 + $1.orders } }

    /// `binance_paper_trade: 5 open orders, 1,234.50 notional`, one line an exchange.
    public var said: [String] {
        let unknown =
            notGiven == 0
            ? []
            : ["\(notGiven) bot\(notGiven == 1 ? "" : "s") of hummingbot-api: open orders not given by the API"]
        guard !lines.isEmpty else { return (notGiven == 0 ? ["no open orders recorded"] : []) + unknown }
        return unknown
            + lines.map { line in
                let valued = line.orders - line.unpriced
                let value = valued > 0 ? ", \(Formatting.fixed(line.notional, decimals: 2)) notional" : ""
                let unpriced = line.unpriced > 0 && valued > 0 ? " (\(line.unpriced) without a price)" : ""
                return "\(line.exchange): \(line.orders) open order\(line.orders == 1 ? "" : "s")\(value)\(unpriced)"
            }
    }
}
