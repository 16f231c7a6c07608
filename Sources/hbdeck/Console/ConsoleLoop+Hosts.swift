import Console
import Monitor
import Operations

/// Which engine an action or a log goes to, where several are watched (`HOST/NAME`).
extension ConsoleLoop {
    /// Runs a lifecycle action on the engine holding `name`, with that engine's own name for the instance;
    /// its progress names the host where there are several.
    func onEngine(
        _ name: String, _ action: String,
        _ work: @escaping @Sendable (FleetMonitor, String, @escaping FleetMonitor.Progress) async -> String
    ) {
        guard let route = fleet.route(name) else {
            if fleet.apiRoute(name) != nil {
                return status.set("\(name): hummingbot-api runs it, and \(action) is not one of the API's actions")
            }
            return status.set("\(name): no engine of this console holds it")
        }
        let prefix = fleet.hasSeveralHosts ? "\(route.host): " : ""
        act(action, name) { progress in prefix + (await work(route.monitor, route.name) { progress(prefix + $0) }) }
    }

    /// Runs a broker action on `host`'s engine (nil: this machine's, the only one with one engine).
    func onBroker(
        of host: String?, _ action: String,
        _ work: @escaping @Sendable (FleetMonitor, @escaping FleetMonitor.Progress) async -> String
    ) {
        guard let target = host.flatMap({ host in fleet.members.first { $0.host == host } })?.monitor ?? monitor else {
            return status.set(
                "\(action): the broker of a hummingbot-api fleet is the API's own; hbdeck does not run it")
        }
        let prefix = host.map { "\($0): " } ?? ""
        act(action, prefix.isEmpty ? target.config.brokerContainer : "\(host ?? "")/\(target.config.brokerContainer)") {
            progress in
            prefix + (await work(target) { progress(prefix + $0) })
        }
    }

    /// A command that reads or changes an instance's files (edit, values, reload, hbot), with the instance's own
    /// name when it is on this machine's engine; nil, with the reason in the footer, when it is on another host.
    func onThisMachine(_ command: ConsoleCommand) -> ConsoleCommand? {
        guard fleet.hasSeveralHosts else { return command }
        func local(_ name: String) -> String? {
            guard let route = fleet.route(name), route.host == fleet.members[0].host else {
                status.set(
                    "\(name): its files are on its own host; hbdeck reads and changes the bots folder of this machine only"
                )
                return nil
            }
            return route.name
        }
        switch command {
        case .edit(let name, let strategy): return local(name).map { .edit($0, strategy: strategy) }
        case .openValuesForm(let name, let strategy): return local(name).map { .openValuesForm($0, strategy: strategy) }
        case .reload(let name): return local(name).map { .reload($0) }
        case .hbotDoctor(let name): return local(name).map { .hbotDoctor($0) }
        case .hbotStatus(let name): return local(name).map { .hbotStatus($0) }
        default: return command
        }
    }

    /// Follows an instance's (or a broker's) log on the engine and broker that hold it.
    func follow(_ name: String?, again: Bool = false) async {
        if let name, fleet.route(name) == nil, let api = fleet.apiRoute(name) {
            return await feed.follow(
                name, instance: api.name, source: APILogSource(api: api.watcher.api), bots: nil, again: again)
        }
        guard let name, let route = fleet.route(name) else {
            return await feed.follow(name, source: nil, bots: nil, again: again)
        }
        await feed.follow(
            name, instance: route.name, source: DockerLogSource(monitor: route.monitor), bots: route.monitor.bots,
            again: again)
    }
}
