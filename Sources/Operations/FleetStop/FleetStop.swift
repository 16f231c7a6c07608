import Foundation
import HBModel
import Monitor

/// Stops a chosen set of bots in one action: each the safe way for its kind (`FleetMonitor.safeStop`: the MQTT
/// stop, its own wind-down awaited, then its container; one action per bot, so two stops never stop a bot
/// twice), `concurrency` at a time; each row is reported as it ends.
public enum FleetStop {
    /// Who stops a bot: the monitor of its engine, or the watcher of its hummingbot-api.
    public enum Stopper: Sendable {
        case engine(FleetMonitor)
        case api(APIFleetWatcher)

        var monitor: FleetMonitor? {
            if case .engine(let monitor) = self { return monitor }
            return nil
        }
    }

    /// A bot to stop, on the monitor of its engine or through its API.
    public struct Target: Sendable {
        /// As the operator sees it (`HOST/NAME` with several engines).
        public let shown: String
        public let name: String
        public let stopper: Stopper
        public let ordersBefore: Int?

        public init(shown: String, name: String, monitor: FleetMonitor, ordersBefore: Int?) {
            self.init(shown: shown, name: name, stopper: .engine(monitor), ordersBefore: ordersBefore)
        }

        public init(shown: String, name: String, stopper: Stopper, ordersBefore: Int?) {
            self.shown = shown
            self.name = name
            self.stopper = stopper
            self.ordersBefore = ordersBefore
        }
    }

    public static func run(
        _ targets: [Target], concurrency: Int, skipBotStop: Bool, grace: Int? = nil,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        progress: @escaping @Sendable (_ bot: String, _ step: String) -> Void = { _, _ in },
        ended: @escaping @Sendable (FleetStopRow) -> Void = { _ in }
    ) async -> [FleetStopRow] {
        let cancelled = await CancellationCount.listening(to: targets.compactMap(\.stopper.monitor))
        defer { cancelled.stop() }
        let rows =
            (try? await concurrentMap(targets, limit: max(1, concurrency)) { target -> FleetStopRow in
                let began = now()
                let outcome = await stop(target, skipBotStop: skipBotStop, grace: grace) { progress(target.shown, $0) }
                let row: FleetStopRow
                switch outcome {
                case .success(let stopped):
                    row = FleetStopRow(
                        bot: target.shown, stopped: stopped, problem: nil, ordersBefore: target.ordersBefore,
                        ordersCancelled: stopped.asked
                            ? target.stopper.monitor.flatMap { cancelled.count(of: target.name, on: $0) } : nil,
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

    /// One bot's safe stop; a bot of an API leaves its orders open only when the bot's stop is skipped.
    private static func stop(
        _ target: Target, skipBotStop: Bool, grace: Int?, progress: @escaping @Sendable (String) -> Void
    ) async -> Result<StopResult, ActionRefused> {
        switch target.stopper {
        case .engine(let monitor):
            return await monitor.safeStop(target.name, skipBotStop: skipBotStop, grace: grace, progress: progress)
        case .api(let watcher):
            do {
                return .success(
                    try await watcher.perform(on: target.name, marker: "stop under way through the API") {
                        try await $0.stop(target.name, keepOrders: skipBotStop, progress: progress)
                    })
            } catch let refused as ActionRefused {
                return .failure(refused)
            } catch {
                return .failure(ActionRefused(description: "\(error)"))
            }
        }
    }
}
