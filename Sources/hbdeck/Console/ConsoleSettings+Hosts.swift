import BotLink
import Docker
import Foundation
import Monitor

/// The engines the console watches: one, or every context of `contexts:` (or `--context a,b`), each with its
/// own broker.
extension ConsoleSettings {
    /// The fleet's engines and the ssh tunnels their brokers need (closed when the console ends).
    func fleet(env: [String: String] = ProcessInfo.processInfo.environment) throws -> (FleetGroup, [SSHTunnel]) {
        let apis = try APIAccess.clients(self).map {
            FleetGroup.APIMember(host: $0.server.name, watcher: APIFleetWatcher(api: $0, interval: refreshInterval))
        }
        if noEngine {
            guard !apis.isEmpty else { throw CommandFailure("engine: none needs at least one API (apis: or --api)") }
            return (FleetGroup([], apis: apis), [])
        }
        guard !contexts.isEmpty else {
            return (
                FleetGroup([.init(host: "default", monitor: FleetMonitor(config: try monitorConfig()))], apis: apis), []
            )
        }
        let store = DockerContexts(env: env)
        var members: [FleetGroup.Member] = []
        var tunnels: [SSHTunnel] = []
        for (index, name) in contexts.enumerated() {
            var config = try monitorConfig()
            config.endpoint = try store.endpoint(of: name)
            if index > 0 {
                // The bots folder, and with it every file hbdeck reads, is this machine's: the first engine's.
                config.botsFolder = nil
                config.diskQuota = nil
            }
            if var mqtt = config.mqtt {
                let (host, port, tunnel) = try broker(of: name, endpoint: config.endpoint, first: index == 0)
                mqtt.host = host
                mqtt.port = port
                config.mqtt = mqtt
                if let tunnel {
                    tunnels.append(tunnel)
                    config.brokerLabel = "\(name) 127.0.0.1:\(tunnel.remotePort) via ssh"
                }
            }
            members.append(.init(host: name, monitor: FleetMonitor(config: config)))
        }
        return (FleetGroup(members, apis: apis), tunnels)
    }

    /// Where a context's broker is reached: as configured, else port 1883 of that host's own loopback (the first
    /// engine's is `mqtt_host`/`mqtt_port`). An ssh context's loopback is reached through a tunnel.
    func broker(of context: String, endpoint: DockerEndpoint, first: Bool) throws -> (String, Int, SSHTunnel?) {
        let given = contextBrokers[context]
        if let given, given.contains(":") {
            guard let colon = given.lastIndex(of: ":"), let port = Int(given[given.index(after: colon)...]),
                (1...65535).contains(port)
            else {
                throw CommandFailure("context_brokers: \(context)=\(given) is not HOST:PORT")
            }
            return (String(given[..<colon]), port, nil)
        }
        if first && given == nil { return (mqttHost, mqttPort, nil) }
        guard let port = Int(given ?? "1883"), (1...65535).contains(port) else {
            throw CommandFailure("context_brokers: \(context)=\(given ?? "") is not a port")
        }
        switch endpoint.transport {
        case .unixSocket: return ("127.0.0.1", port, nil)
        case .tcp(let host, _): return (host, port, nil)
        case .ssh(let user, let host, let sshPort):
            let tunnel = try SSHTunnel(user: user, host: host, port: sshPort, remotePort: port)
            return ("127.0.0.1", tunnel.localPort, tunnel)
        }
    }
}
