import Console
import Monitor
import Operations

/// The console's actions, each started as the key that confirmed it is read and held in `actions` from
/// that moment: a quit right after `y` waits for it too.
extension ConsoleLoop {
    /// Starts `command` when it is an action; false for the commands the ordered worker runs.
    func launch(_ command: ConsoleCommand) -> Bool {
        if let started = launchOnAPI(command) { return started }
        let monitor = monitor
        switch command {
        case .refused(let action, let target): record(action, target, "refused: read-only mode")
        case .start(let name): onEngine(name, "start") { await $0.start($1, progress: $2) }
        case .stop(let name, let skip): onEngine(name, "stop") { await $0.stop($1, skipBotStop: skip, progress: $2) }
        case .restart(let name): onEngine(name, "restart") { await $0.restart($1, progress: $2) }
        case .delete(let name, let skip): onEngine(name, "rm") { await $0.delete($1, skipBotStop: skip, progress: $2) }
        case .createBroker:
            act("broker create", monitor?.config.brokerContainer ?? "broker") { await createBroker(progress: $0) }
        case .startBroker(let host): onBroker(of: host, "broker start") { await $0.startBroker(progress: $1) }
        case .stopBroker(let host): onBroker(of: host, "broker stop") { await $0.stopBroker(progress: $1) }
        case .attachBroker(let host):
            onBroker(of: host, "broker attach") { await $0.attachBrokerToBotNetworks(progress: $1) }
        case .moveNetwork(let name, let target):
            guard let target = NetworkMove.Target(rawValue: target) else { return true }
            onEngine(name, "network \(target.rawValue)") { await $0.moveNetwork($1, to: target, progress: $2) }
        case .reload(let name):
            guard let monitor = localEngine(for: "\(name): reload") else { return true }
            act("reload", name) { await monitor.reload(name, progress: $0) }
        case .fleetStop(let key, let label, let bots): stopFleet(key: key, label: label, bots: bots)
        case .create(let request): actions.run("create", request.name) { _ in await create(request) }
        case .saveValues(let name, let changes, let viaHbot):
            actions.run(viaHbot ? "config" : "set", name) { _ in
                viaHbot ? await saveThroughHbot(changes, of: name) : saveValues(changes, of: name)
                return ""
            }
        case .upload(let source, let destination, let replacing):
            actions.run("upload", source) { _ in
                upload(source, to: destination, replacing: replacing)
                return ""
            }
        case .exportHistory(let request):
            let status = status
            actions.run("export", request.bot ?? "fleet") { _ in
                let said = await export(request)
                status.set(said)
                return said
            }
        default: return false
        }
        return true
    }
}
