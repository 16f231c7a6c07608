import Canvas
import HBModel

/// The top line: the whole fleet at a glance — engine, broker, bots online, clock.
enum HeaderPane {
    /// `newErrors`: errors not acknowledged yet in the errors view, shown as a badge.
    static func draw(_ snapshot: FleetSnapshot, newErrors: Int = 0, now: Double, into grid: inout CellGrid) {
        var full = CellGrid(width: 400, height: 1)
        let needed = draw(snapshot, newErrors: newErrors, now: now, compact: false, into: &full)
        let clockRoom = 10
        _ = draw(snapshot, newErrors: newErrors, now: now, compact: needed + clockRoom > grid.width, into: &grid)
        let clock = NumberText.clock(now)
        grid.put(clock, x: grid.width - clock.count - 1, y: 0, role: .header)
    }

    /// Draws the header and returns its width; `compact` leaves out the endpoint and addresses.
    private static func draw(
        _ snapshot: FleetSnapshot, newErrors: Int, now: Double, compact: Bool, into grid: inout CellGrid
    ) -> Int {
        var x = grid.put(" hbdeck ", x: 0, y: 0, role: .title, bold: true)
        x = separator(x, &grid)
        if !snapshot.hosts.isEmpty {
            // Several engines: each one's state; their brokers are in the broker panel.
            for (index, host) in snapshot.hosts.enumerated() {
                if index > 0 { x = grid.put("  ", x: x, y: 0, role: .header) }
                x = grid.put("\(host.name) ", x: x, y: 0, role: .header)
                switch host.engine {
                case .live: x = grid.put("● live", x: x, y: 0, role: .stateRunning)
                case .connecting: x = grid.put("● connecting…", x: x, y: 0, role: .stateStarting)
                case .offline(let reason, let lastGood):
                    let age = lastGood.map { " \(Formatting.duration(seconds: now - $0))" } ?? ""
                    x = grid.put(
                        compact ? "● OFFLINE\(age)" : "● OFFLINE\(age) (\(reason))", x: x, y: 0, role: .stateError,
                        bold: true)
                }
            }
            return finish(snapshot, newErrors: newErrors, compact: compact, x: separator(x, &grid), into: &grid)
        }
        let kind = snapshot.throughAPI ? "hummingbot-api" : "engine"
        x = grid.put(compact ? "\(kind) " : "\(kind) \(snapshot.endpoint) ", x: x, y: 0, role: .header)
        switch snapshot.engine {
        case .live:
            x = grid.put("● live", x: x, y: 0, role: .stateRunning)
        case .connecting:
            x = grid.put("● connecting…", x: x, y: 0, role: .stateStarting)
        case .offline(let reason, let lastGood):
            let age =
                lastGood.map {
                    "showing state from \(NumberText.clock($0)) (\(Formatting.duration(seconds: now - $0)) ago), "
                } ?? ""
            x = grid.put(
                compact ? "● OFFLINE — \(age)retrying" : "● OFFLINE — \(age)retrying (\(reason))", x: x, y: 0,
                role: .stateError, bold: true)
        }
        x = separator(x, &grid)
        let broker = snapshot.broker
        let brokerWord: (String, StyleRole) = {
            switch broker.link {
            case .connected: return ("● connected", .stateRunning)
            case .connecting: return ("● connecting", .stateStarting)
            case .disconnected: return ("● unreachable", .stateError)
            case .disabled: return ("● off", .stateStopped)
            }
        }()
        x = grid.put("broker ", x: x, y: 0, role: .header)
        x = grid.put(brokerWord.0, x: x, y: 0, role: brokerWord.1)
        if !compact { x = grid.put(" \(broker.address)", x: x, y: 0, role: .header) }
        return finish(snapshot, newErrors: newErrors, compact: compact, x: separator(x, &grid), into: &grid)
    }

    /// Bots online and the new-errors badge, from `x`; returns the width drawn.
    private static func finish(
        _ snapshot: FleetSnapshot, newErrors: Int, compact: Bool, x start: Int, into grid: inout CellGrid
    ) -> Int {
        var x = grid.put(
            "\(snapshot.botsOnline)/\(snapshot.instances.count) bots online", x: start, y: 0, role: .header)
        guard newErrors > 0 else { return x }
        x = separator(x, &grid)
        return grid.put(
            "● \(newErrors) new error\(newErrors == 1 ? "" : "s")" + (compact ? "" : " (E)"), x: x, y: 0,
            role: .stateError, bold: true)
    }

    private static func separator(_ x: Int, _ grid: inout CellGrid) -> Int {
        grid.put(" │ ", x: x, y: 0, role: .border)
    }
}
