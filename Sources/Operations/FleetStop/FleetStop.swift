import Foundation
import HBModel
import Monitor

/// Stops a chosen set of bots in one action: each the safe way for its kind (`FleetMonitor.safeStop`: the MQTT
/// stop, its own wind-down awaited, then its container; one action per bot, so two stops never stop a bot
/// twice), `concurrency` at a time; each row is reported as it ends.
public enum FleetStop {
    /// A bot to stop, on the monitor of its engine.
    public struct Target: Sendable {
        /// As the operator sees it (`HOST/NAME` with several engines).
        public let shown: String
        public let name: String
        public let monitor: FleetMonitor
        public let ordersBefore: Int?

        public init(shown: String, name: String, monitor: FleetMonitor, ordersBefore: Int?) {
            self.shown = shown
            self.name = name
            self.monitor = monitor
            self.ordersBefore = ordersBefore
        }
    }

    public static func run(
        _ targets: [Target], concurrency: Int, skipBotStop: Bool, grace: Int? = nil,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        progress: @escaping @Sendable (_ bot: String, _ step: String) -> Void = { _, _ in },
        ended: @escaping @Sendable (FleetStopRow) -> Void = { _ in }
    ) async -> [FleetStopRow] {
        let cancelled = await CancellationCount.listening(to: targets.map(\.monitor))
        defer { cancelled.stop() }
        let rows =
            (try? await concurrentMap(targets, limit: max(1, concurrency)) { target -> FleetStopRow in
                let began = now()
                let outcome = await target.monitor.safeStop(
                    target.name, skipBotStop: skipBotStop, grace: grace,
                    progress: { progress(target.shown, $0) })
                let row: FleetStopRow
                switch outcome {
                case .success(let stopped):
                    row = FleetStopRow(
                        bot: target.shown, stopped: stopped, problem: nil, ordersBefore: target.ordersBefore,
                        ordersCancelled: stopped.asked ? cancelled.count(of: target.name, on: target.monitor) : nil,
                        seconds: now() - began)
                case .failure(let refused):
                    row = FleetStopRow(
                        bot: target.shown, stopped: nil, problem: refused.description,
                        ordersBefore: target.ordersBefore, ordersCancelled: nil, seconds: now() - began)
                }
                ended(row)
                return row
            }) ?? []
        return rows
    }
}
