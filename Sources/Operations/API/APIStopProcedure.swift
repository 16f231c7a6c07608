import BackendAPI
import Foundation
import HBModel
import Monitor

/// A bot's safe stop through hummingbot-api: the bot's own stop first (it cancels its orders unless told to
/// leave them), then the wait for its log to say `Hummingbot stopped.`, then the container. The API's own
/// stop-and-archive waits a fixed 15 s instead; here the container is stopped as soon as the bot wound down,
/// and never before. The log is the bot's MQTT log as the API relays it: through the API hbdeck cannot read
/// the container's own output, and the result says so.
public struct APIStopProcedure: Sendable {
    public static let windDownLine = "Hummingbot stopped."
    /// Where the wind-down was read, for the result.
    static let witness = "its log as the API relays it"

    let api: any FleetAPI
    let name: String
    /// Leave the bot's orders open on the exchange (`skip_order_cancellation`).
    let keepOrders: Bool
    let now: @Sendable () -> Double
    var windDownLimit = Double(StopTimes.windDownLimit)
    var pollInterval = 1.0
    var clock: any Clock<Duration> = ContinuousClock()

    public init(
        api: any FleetAPI, name: String, keepOrders: Bool = false,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        windDownLimit: Double = Double(StopTimes.windDownLimit), pollInterval: Double = 1,
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.api = api
        self.name = name
        self.keepOrders = keepOrders
        self.now = now
        self.windDownLimit = windDownLimit
        self.pollInterval = pollInterval
        self.clock = clock
    }

    public func run(progress: @escaping @Sendable (String) -> Void) async throws -> StopResult {
        guard try await api.isRunning(name) else { return .notRunning(name) }
        let step = await askBot(progress: progress)
        progress("stopping \(name): \(step.said) · the API stops the container…")
        let began = now()
        try await api.stopContainer(name)
        return StopResult(
            name: name, procedure: .throughAPI, botStep: step.said, asked: step.asked, accepted: step.accepted,
            woundDown: step.woundDown, containerSeconds: now() - began, exitCode: nil)
    }

    struct BotStep: Equatable {
        let said: String
        var asked = true
        var accepted = true
        var woundDown = false
    }

    /// The bot's stop through the API and the wait for its wind-down, up to `windDownLimit`.
    func askBot(progress: @escaping @Sendable (String) -> Void) async -> BotStep {
        let heardBefore: Set<LogKey>
        do {
            heardBefore = Set(try await api.botStatus(name).generalLogs.map(LogKey.init))
        } catch {
            return BotStep(
                said: "the API has no MQTT link to the bot (\(error)): its stop not sent, open orders stay",
                asked: false, accepted: false)
        }
        progress(
            "stopping \(name): asking the bot to stop through the API (\(keepOrders ? "its orders stay open" : "it cancels its orders"))…"
        )
        do {
            try await api.stopBot(name, skipOrderCancellation: keepOrders)
        } catch {
            return BotStep(said: "the API did not send the stop: \(error)", accepted: false)
        }
        progress("stopping \(name): stop sent · waiting for its log to say it wound down…")
        let began = now()
        while now() - began < windDownLimit {
            if let logs = try? await api.botStatus(name).generalLogs,
                logs.contains(where: { $0.msg == Self.windDownLine && !heardBefore.contains(LogKey($0)) })
            {
                let took = Formatting.fixed(now() - began, decimals: 1)
                return BotStep(said: "bot stopped, wound down in \(took) s (seen in \(Self.witness))", woundDown: true)
            }
            do {
                try await clock.sleep(for: .milliseconds(Int(pollInterval * 1000)))
            } catch {
                break
            }
        }
        return BotStep(
            said:
                "stop sent but the bot's log did not say it wound down within \(Int(windDownLimit)) s: its orders may still be open"
        )
    }

    /// A log record as the API lists it: the same record in two reads.
    struct LogKey: Hashable {
        let timestamp: Double?
        let msg: String

        init(_ entry: APIBotStatus.LogEntry) {
            timestamp = entry.timestamp
            msg = entry.msg
        }
    }
}
