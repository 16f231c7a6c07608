import Deploy
import HBModel
import Monitor

/// What a fleet-wide stop would take: the running bots a selection takes, each with its monitor and the exchanges
/// its configs name, and the open orders at stake. The CLI's `stop --exchange` and the console's `X` both plan here.
public struct FleetStopPlan: Sendable {
    /// A running bot the selection takes.
    public struct Bot: Sendable {
        public let instance: InstanceSnapshot
        /// The container's name on its engine.
        public let name: String
        public let stopper: FleetStop.Stopper
        /// The exchanges its configs name (only this machine's bots have their configs here).
        public let connectors: Set<String>

        /// Open orders its records hold before the stop.
        public var ordersBefore: Int? { instance.orders.isEmpty ? instance.openOrders : instance.orders.count }

        public var target: FleetStop.Target {
            FleetStop.Target(shown: instance.name, name: name, stopper: stopper, ordersBefore: ordersBefore)
        }
    }

    public let selection: FleetSelection
    public let bots: [Bot]
    public let stake: OrdersAtStake

    /// The running bots of `group` that `selection` takes, by name.
    public init(_ selection: FleetSelection, in group: FleetGroup, folder: BotsFolder?) {
        self.init(selection, candidates: Self.running(in: group, folder: folder))
    }

    init(_ selection: FleetSelection, candidates: [(bot: Bot, host: String)]) {
        self.selection = selection
        bots = candidates.filter { selection.takes($0.bot.instance, host: $0.host, connectors: $0.bot.connectors) }
            .map(\.bot)
        stake = OrdersAtStake(
            bots.map(\.instance), connectors: Dictionary(bots.map { ($0.instance.name, $0.connectors) }) { a, _ in a })
    }

    /// Every way to choose among the running bots, each with what it would take: one per exchange (each connector,
    /// and an exchange shared by several connectors: `binance` for `binance_paper_trade` and `binance_perpetual`),
    /// per host where several are watched, per strategy, then the whole fleet. Those that take no bot are left out.
    /// `among`: only these bots (the console's table as filtered); nil: all.
    public static func choices(in group: FleetGroup, among: Set<String>? = nil, folder: BotsFolder?)
        -> [FleetStopPlan]
    {
        let candidates = running(in: group, folder: folder).filter { among?.contains($0.bot.instance.name) ?? true }
        var connectors = Set<String>()
        for (bot, _) in candidates {
            connectors.formUnion(bot.connectors)
            connectors.formUnion(bot.instance.orders.compactMap { $0.exchange?.lowercased() })
        }
        var exchanges = Set(connectors)
        for connector in connectors {
            let base = String(connector.split(separator: "_").first ?? "")
            if !base.isEmpty, connectors.filter({ FleetSelection.connector($0, isOn: base) }).count > 1 {
                exchanges.insert(base)
            }
        }
        let hosts = group.hasSeveralHosts ? group.members.map(\.host) + group.apis.map(\.host) : []
        let strategies = Set(candidates.compactMap(\.bot.instance.strategy))
        let selections: [FleetSelection] =
            exchanges.sorted().map { .exchange($0) } + hosts.map { .host($0) }
            + strategies.sorted().map { .strategy($0) } + [.all]
        return selections.map { FleetStopPlan($0, candidates: candidates) }.filter { !$0.bots.isEmpty }
    }

    private static func running(in group: FleetGroup, folder: BotsFolder?) -> [(bot: Bot, host: String)] {
        let here = group.members.first?.host
        return group.snapshots.current.value.instances.compactMap { instance in
            guard instance.state == .running else { return nil }
            if let api = group.route(instance.name) == nil ? group.apiRoute(instance.name) : nil {
                return (Bot(instance: instance, name: api.name, stopper: .api(api.watcher), connectors: []), api.host)
            }
            guard let route = group.route(instance.name) else { return nil }
            let connectors =
                route.host == here
                ? folder.map { InstanceConnectors.of(route.name, strategy: instance.strategy ?? "", in: $0) } ?? []
                : []
            return (
                Bot(instance: instance, name: route.name, stopper: .engine(route.monitor), connectors: connectors),
                route.host
            )
        }
        .sorted { $0.bot.instance.name < $1.bot.instance.name }
    }
}
