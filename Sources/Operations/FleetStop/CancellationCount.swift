import BotLink
import Monitor
import Synchronization

/// The `OrderCancelled` events each bot publishes while a fleet-wide stop runs: the orders it reports cancelling
/// as it winds down, counted per engine and bot.
final class CancellationCount: Sendable {
    private let counts = Mutex<[ObjectIdentifier: [String: Int]]>([:])
    private let listeners = Mutex<[Task<Void, Never>]>([])
    /// The engines whose bot link is listened to.
    private let heard: Set<ObjectIdentifier>

    private init(heard: Set<ObjectIdentifier>) {
        self.heard = heard
    }

    /// Listens to each distinct monitor's bot link from now on.
    static func listening(to monitors: [FleetMonitor]) async -> CancellationCount {
        var distinct: [ObjectIdentifier: FleetMonitor] = [:]
        for monitor in monitors { distinct[ObjectIdentifier(monitor)] = monitor }
        let linked = distinct.filter { $0.value.bots != nil }
        let count = CancellationCount(heard: Set(linked.keys))
        for (id, monitor) in linked {
            guard let stream = await monitor.bots?.telemetry() else { continue }
            let task = Task {
                for await (bot, telemetry) in stream {
                    guard case .event(let event) = telemetry, event.kind == "OrderCancelled" else { continue }
                    count.counts.withLock { $0[id, default: [:]][bot, default: 0] += 1 }
                }
            }
            count.listeners.withLock { $0.append(task) }
        }
        return count
    }

    /// The cancellations `bot` reported on `monitor`'s engine so far; nil where its link is not heard.
    func count(of bot: String, on monitor: FleetMonitor) -> Int? {
        let id = ObjectIdentifier(monitor)
        guard heard.contains(id) else { return nil }
        return counts.withLock { $0[id]?[bot] ?? 0 }
    }

    func stop() {
        listeners.withLock { tasks in
            tasks.forEach { $0.cancel() }
            tasks = []
        }
    }
}
