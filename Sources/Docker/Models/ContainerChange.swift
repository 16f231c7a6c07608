import Foundation

/// What a container event says of its container, as far as it says it. The engine's event stream carries the
/// action and a few attributes (the exit code of a `die`, the name, the labels), never the whole state: what
/// it does not carry is read with one inspect of that container.
public enum ContainerChange: Sendable, Equatable {
    /// A container no list has shown yet: only a list gives its row.
    case created
    case started
    case died(exitCode: Int?)
    /// The kernel killed a process in it for memory; its `die` follows.
    case outOfMemory
    case paused
    case unpaused
    case destroyed
    /// A new name: only a list gives its row.
    case renamed
    /// Its limits or its health changed: its details are read again.
    case changed
    /// Exec, attach, resize, copy, top, and the `kill` and `stop` that a `die` follows: nothing to show.
    case nothing

    public init(_ event: DockerEvent) {
        guard event.type == "container" else {
            self = .nothing
            return
        }
        switch event.action {
        case "create": self = .created
        case "start", "restart": self = .started
        case "die": self = .died(exitCode: event.actor.attributes["exitCode"].flatMap { Int($0) })
        case "oom": self = .outOfMemory
        case "pause": self = .paused
        case "unpause": self = .unpaused
        case "destroy": self = .destroyed
        case "rename": self = .renamed
        case "update": self = .changed
        default: self = event.action.hasPrefix("health_status") ? .changed : .nothing
        }
    }
}

extension ContainerSummary {
    /// The row as a list would give it after `change`, as far as the change says.
    public func after(_ change: ContainerChange) -> ContainerSummary {
        var row = self
        switch change {
        case .started, .unpaused:
            row.state = "running"
            row.status = "Up Less than a second"
        case .died(let code):
            row.state = "exited"
            row.status = code.map { "Exited (\($0)) Less than a second ago" } ?? "Exited"
        case .paused:
            row.state = "paused"
            row.status = "Up (Paused)"
        default: break
        }
        return row
    }
}

extension ContainerDetails {
    /// The details as an inspect would give them after `change` at `time` (Unix seconds), as far as the change
    /// says; the process id of a new run is not known (0) until the container is inspected.
    public func after(_ change: ContainerChange, at time: Double) -> ContainerDetails {
        var found = self
        let stamp = Date(timeIntervalSince1970: time).formatted(
            .iso8601.year().month().day().dateSeparator(.dash).dateTimeSeparator(.standard)
                .time(includingFractionalSeconds: true).timeSeparator(.colon).timeZone(separator: .omitted))
        switch change {
        case .started:
            found.state.status = "running"
            found.state.running = true
            found.state.paused = false
            found.state.restarting = false
            found.state.oomKilled = false
            found.state.dead = false
            found.state.pid = 0
            found.state.exitCode = 0
            found.state.startedAt = stamp
            found.state.finishedAt = "0001-01-01T00:00:00Z"
        case .died(let code):
            found.state.status = "exited"
            found.state.running = false
            found.state.paused = false
            found.state.restarting = false
            found.state.pid = 0
            found.state.exitCode = code ?? found.state.exitCode
            found.state.finishedAt = stamp
        case .outOfMemory:
            found.state.oomKilled = true
        case .paused:
            found.state.status = "paused"
            found.state.paused = true
        case .unpaused:
            found.state.status = "running"
            found.state.paused = false
        default: break
        }
        return found
    }
}
