import Canvas
import HBModel

/// The broker container and the console's own MQTT link.
enum BrokerPane {
    /// `selected`: where several engines are watched, its host's broker is shown.
    static func draw(
        _ snapshot: FleetSnapshot, selected: InstanceSnapshot? = nil, now: Double, in rect: Rect,
        into grid: inout CellGrid
    ) {
        let broker = snapshot.broker(for: selected)
        grid.box(rect, title: "Broker · \(selected?.host.map { "\($0) · " } ?? "")\(broker.containerName)")
        let inner = rect.inner
        guard inner.height >= 1 else { return }
        var x = inner.x + 1
        if broker.heldByAPI {
            grid.put("the API's broker at \(broker.address)", x: x, y: inner.y, maxX: inner.x + inner.width)
        } else if let state = broker.state {
            let word = broker.health ?? state.rawValue.lowercased()
            x = grid.put(
                "● \(word)", x: x, y: inner.y,
                role: broker.health == "unhealthy" ? .stateError : StateStyle.role(state), maxX: inner.x + inner.width)
            let uptime =
                state == .running ? "  up \(Formatting.duration(seconds: broker.startedAt.map { now - $0 }))" : ""
            grid.put(
                "  \(broker.image ?? "")\(uptime)  \(broker.address)", x: x, y: inner.y, maxX: inner.x + inner.width)
        } else {
            grid.put(
                "no container named \(broker.containerName)", x: x, y: inner.y, role: .dim, maxX: inner.x + inner.width)
        }
        guard inner.height >= 2 else { return }
        let r = broker.resources
        var at = inner.x
        if !broker.missingNetworks.isEmpty {
            // Isolated bots whose network the broker left cannot reach it: `b` attaches it again.
            let count = broker.missingNetworks.count
            at = grid.put(
                " ⚠ not on \(count) isolated bot\(count == 1 ? "'s network" : "s' networks"): b attaches", x: at,
                y: inner.y + 1,
                role: .stateError, bold: true, maxX: inner.x + inner.width)
        } else if broker.botsHeard > broker.maxBots {
            // One broker for too many bots drops messages under load: Hummingbot advises 5 to 10 per broker.
            at = grid.put(
                " ⚠ \(broker.botsHeard) bots (max \(broker.maxBots))", x: at, y: inner.y + 1, role: .stateStarting,
                bold: true, maxX: inner.x + inner.width)
        } else {
            at = grid.put(" \(broker.botsHeard) bots heard", x: at, y: inner.y + 1, maxX: inner.x + inner.width)
        }
        if !broker.heldByAPI {
            grid.put(
                " · CPU \(NumberText.cpu(r.cpuPercent)) % · MEM \(NumberText.memory(r.memoryUsed))", x: at,
                y: inner.y + 1, maxX: inner.x + inner.width)
        }
        guard inner.height >= 3 else { return }
        let link: (String, StyleRole) = {
            switch broker.link {
            case .connected(let since): return ("connected \(Formatting.duration(seconds: now - since))", .stateRunning)
            case .connecting: return ("connecting…", .stateStarting)
            case .disconnected(let reason): return ("not connected: \(reason), retrying", .stateError)
            case .disabled: return ("MQTT off", .stateStopped)
            }
        }()
        let linkX = grid.put(
            broker.heldByAPI ? " API ⇄ broker: " : " hbdeck ⇄ broker: ", x: inner.x, y: inner.y + 2,
            maxX: inner.x + inner.width)
        grid.put(link.0, x: linkX, y: inner.y + 2, role: link.1, maxX: inner.x + inner.width)
    }
}
