/// The eight remote-control commands a Hummingbot bot answers, with their request data.
public enum BotCommand: Sendable, Equatable {
    case start(script: String? = nil, conf: String? = nil, logLevel: String? = nil)
    case stop(skipOrderCancellation: Bool = false)
    case status
    case history(days: Double = 0, verbose: Bool = false, precision: Int? = nil)
    case config(params: [(String, JSONValue)])
    case importStrategy(String)
    case balanceLimit(exchange: String, asset: String, amount: Double)
    case balancePaper(asset: String, amount: Double)

    /// The topic suffix under `<namespace>/<instance_id>/`.
    public var topicSuffix: String {
        switch self {
        case .start: return "start"
        case .stop: return "stop"
        case .status: return "status"
        case .history: return "history"
        case .config: return "config"
        case .importStrategy: return "import"
        case .balanceLimit: return "balance/limit"
        case .balancePaper: return "balance/paper"
        }
    }

    /// How long to wait for a reply. A stop is answered at once (async_backend) and winds down afterwards:
    /// see `BotConnection.stop`.
    public var defaultTimeout: Double { 10 }

    /// The request's `data`. `async_backend: false` makes the reply carry the result, not the `log` channel.
    public var data: JSONValue {
        switch self {
        case .start(let script, let conf, let logLevel):
            var o: [String: JSONValue] = ["is_quickstart": .bool(false), "async_backend": .bool(false)]
            if let script { o["script"] = .string(script) }
            if let conf { o["conf"] = .string(conf) }
            if let logLevel { o["log_level"] = .string(logLevel) }
            return .object(o)
        case .stop(let skip):
            // The client's synchronous stop ignores skip_order_cancellation (it always cancels): only the
            // asynchronous one honours it, and it is the one the client itself defaults to.
            return .object(["skip_order_cancellation": .bool(skip), "async_backend": .bool(true)])
        case .status:
            return .object(["async_backend": .bool(false)])
        case .history(let days, let verbose, let precision):
            var o: [String: JSONValue] = [
                "days": .number(days), "verbose": .bool(verbose), "async_backend": .bool(false),
            ]
            if let precision { o["precision"] = .number(Double(precision)) }
            return .object(o)
        case .config(let params):
            return .object(["params": .array(params.map { .array([.string($0.0), $0.1]) })])
        case .importStrategy(let strategy):
            return .object(["strategy": .string(strategy)])
        case .balanceLimit(let exchange, let asset, let amount):
            return .object(["exchange": .string(exchange), "asset": .string(asset), "amount": .number(amount)])
        case .balancePaper(let asset, let amount):
            return .object(["asset": .string(asset), "amount": .number(amount)])
        }
    }

    public static func == (a: BotCommand, b: BotCommand) -> Bool {
        a.topicSuffix == b.topicSuffix && a.data == b.data
    }
}
