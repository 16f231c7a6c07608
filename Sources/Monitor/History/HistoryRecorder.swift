import Foundation
import HBModel

/// Keeps the history store filled from the monitor's snapshots: one record every `interval` seconds, off the
/// draw loop; samples older than `keepDays` are pruned once an hour.
public enum HistoryRecorder {
    public static func run(
        _ snapshots: LatestValue<FleetSnapshot>, store: HistoryStore, interval: Double = 10, keepDays: Double = 90,
        view: @escaping @Sendable (FleetSnapshot) -> FleetSnapshot = { $0 },
        owns: @escaping @Sendable (String) -> Bool = { !$0.contains("/") },
        failed: @escaping @Sendable (String) -> Void = { _ in }
    ) async {
        var lastPrune = 0.0
        var lastFailure: String?
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
            let latest = snapshots.current
            guard latest.version > 0, latest.value.engine.isLive else { continue }
            do {
                let viewed = view(latest.value)
                try await store.record(viewed, owns: owns)
                try await store.keepFromDatabases(viewed, owns: owns)
                if latest.value.takenAt - lastPrune > 3600 {
                    lastPrune = latest.value.takenAt
                    try await store.prune(olderThan: keepDays, now: latest.value.takenAt)
                }
                lastFailure = nil
            } catch {
                let said = "history not recorded: \(error)"
                if said != lastFailure { failed(said) }
                lastFailure = said
            }
        }
    }
}
