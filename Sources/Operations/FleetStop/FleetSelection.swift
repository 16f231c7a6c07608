import HBModel

/// Which running bots a fleet-wide stop takes: those trading on an exchange, on a host, running a strategy, or
/// all of them.
public enum FleetSelection: Sendable, Equatable, CustomStringConvertible {
    /// A connector name as Hummingbot spells it; `binance` also takes `binance_paper_trade` and `binance_perpetual`.
    case exchange(String)
    case host(String)
    /// A strategy or script config, with or without `.yml`.
    case strategy(String)
    case all

    /// Whether `instance`, on `host`, is taken; `connectors`: the exchanges its configs name, lowercased. A bot
    /// trades on an exchange when its configs name it or one of its orders is there.
    public func takes(_ instance: InstanceSnapshot, host: String, connectors: Set<String>) -> Bool {
        switch self {
        case .all: return true
        case .host(let wanted): return host == wanted
        case .strategy(let wanted):
            guard let strategy = instance.strategy else { return false }
            return strategy == wanted || strategy == wanted + ".yml"
        case .exchange(let wanted):
            let traded = connectors.union(instance.orders.compactMap { $0.exchange?.lowercased() })
            return traded.contains { Self.connector($0, isOn: wanted) }
        }
    }

    /// `binance_paper_trade` is on `binance`; `binance` is not on `binance_us`'s sibling `binanceus`.
    public static func connector(_ connector: String, isOn exchange: String) -> Bool {
        let wanted = exchange.lowercased()
        return connector == wanted || connector.hasPrefix(wanted + "_")
    }

    /// `exchange:binance`, `host:hostb`, `strategy:pmm.yml`, `all`: the choice as the console passes it on.
    public var key: String {
        switch self {
        case .exchange(let name): return "exchange:" + name
        case .host(let name): return "host:" + name
        case .strategy(let name): return "strategy:" + name
        case .all: return "all"
        }
    }

    public init?(key: String) {
        let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("all", 1): self = .all
        case ("exchange", 2): self = .exchange(parts[1])
        case ("host", 2): self = .host(parts[1])
        case ("strategy", 2): self = .strategy(parts[1])
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .exchange(let name): return "every running bot trading on \(name)"
        case .host(let name): return "every running bot on \(name)"
        case .strategy(let name): return "every running bot running \(name)"
        case .all: return "every running bot"
        }
    }
}
