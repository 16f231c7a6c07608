import Foundation
import HBModel

/// One bot of a fleet-wide stop: what was asked, what the bot said and did, the container, the time it took.
public struct FleetStopRow: Sendable, Equatable {
    public let bot: String
    /// The stop's result; nil when it was refused or failed (`problem` says why).
    public let stopped: StopResult?
    public let problem: String?
    /// Open orders the bot's records held before the stop.
    public let ordersBefore: Int?
    /// Orders the bot reported cancelled (its `OrderCancelled` events) while it stopped; nil when it was not asked
    /// or hbdeck does not hear it.
    public let ordersCancelled: Int?
    public let seconds: Double

    public init(
        bot: String, stopped: StopResult?, problem: String?, ordersBefore: Int?, ordersCancelled: Int?, seconds: Double
    ) {
        self.bot = bot
        self.stopped = stopped
        self.problem = problem
        self.ordersBefore = ordersBefore
        self.ordersCancelled = ordersCancelled
        self.seconds = seconds
    }

    /// The bot was asked to stop by itself: the MQTT stop sent, or the one SIGTERM of an `hbot` bot.
    public var asked: Bool { stopped?.asked ?? false }

    /// `NAME  accepted · wound down · container stopped in 1.0 s · 2.1 s`, or why it was not stopped.
    public var text: String {
        guard let stopped else { return "\(bot)  not stopped: \(problem ?? "unknown")" }
        if stopped.procedure == .notRunning { return "\(bot)  not running: nothing to stop" }
        var parts: [String] = []
        switch stopped.procedure {
        case .graceful: parts.append(stopped.woundDown ? "graceful stop, exited by itself" : "killed after its grace")
        default:
            parts.append(
                asked ? (stopped.accepted ? "accepted" : "asked, not accepted") : stopped.botStep ?? "not asked")
            if let ordersCancelled {
                parts.append("\(ordersCancelled) order\(ordersCancelled == 1 ? "" : "s") cancelled")
            }
            parts.append(stopped.woundDown ? "wound down" : "did not wind down: container stopped with its grace")
        }
        parts.append("container stopped in \(Formatting.fixed(stopped.containerSeconds, decimals: 1)) s")
        if let ordersBefore { parts.append("\(ordersBefore) open order\(ordersBefore == 1 ? "" : "s") before") }
        parts.append("\(Formatting.fixed(seconds, decimals: 1)) s")
        return "\(bot)  " + parts.joined(separator: " · ")
    }

    /// The row for `--json`.
    public var json: [String: JSONField] {
        var fields: [String: JSONField] = [
            "bot": .text(bot), "asked": .flag(asked), "accepted": .flag(stopped?.accepted ?? false),
            "wound_down": .flag(stopped?.woundDown ?? false),
            "container_stopped": .flag(stopped.map { $0.procedure != .notRunning } ?? false),
            "seconds": .number(seconds),
        ]
        if let stopped {
            fields["procedure"] = .text(
                stopped.procedure == .mqttFirst
                    ? "mqtt_first"
                    : stopped.procedure == .throughAPI
                        ? "through_api" : stopped.procedure == .notRunning ? "not_running" : "graceful")
            fields["container_seconds"] = .number(stopped.containerSeconds)
            if let step = stopped.botStep { fields["bot_said"] = .text(step) }
        }
        if let problem { fields["problem"] = .text(problem) }
        if let ordersBefore { fields["open_orders_before"] = .number(Double(ordersBefore)) }
        if let ordersCancelled { fields["orders_cancelled"] = .number(Double(ordersCancelled)) }
        return fields
    }

    /// A value of a JSON row.
    public enum JSONField: Sendable, Equatable, Encodable {
        case text(String), number(Double), flag(Bool)

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let value): try container.encode(value)
            case .number(let value): try container.encode(value)
            case .flag(let value): try container.encode(value)
            }
        }
    }
}
