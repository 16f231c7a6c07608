import Foundation
import HBModel
import Monitor

/// How a bot's safe stop went, as values: which procedure, what the bot's own stop came to, whether its
/// wind-down was seen, the container's exit. Turned into words only by `summary` and `text`, at the edges.
public struct StopResult: Sendable, Equatable {
    public enum Procedure: Sendable, Equatable {
        /// One SIGTERM with this grace: the client's `hbot` runs the bot as PID 1 (`GracefulStop`).
        case graceful(grace: Int)
        /// The bot's MQTT stop first, then the container (`StopProcedure`).
        case mqttFirst
        /// The same through hummingbot-api's endpoints (`APIStopProcedure`).
        case throughAPI
        /// Nothing: the container was not running.
        case notRunning
    }

    public let name: String
    public let procedure: Procedure
    /// What the bot's MQTT stop came to, in words (nil for a graceful stop).
    public let botStep: String?
    /// The bot was asked to stop by itself: the MQTT stop sent, or the one SIGTERM of a graceful stop.
    public let asked: Bool
    /// The bot accepted the MQTT stop (200).
    public let accepted: Bool
    /// The bot wound down by itself: its own output said so, or it exited by itself on SIGTERM.
    public let woundDown: Bool
    /// How long the container took to end.
    public let containerSeconds: Double
    /// The container's exit code, where it was read.
    public let exitCode: Int?

    public init(
        name: String, procedure: Procedure, botStep: String?, asked: Bool, accepted: Bool, woundDown: Bool,
        containerSeconds: Double, exitCode: Int?
    ) {
        self.name = name
        self.procedure = procedure
        self.botStep = botStep
        self.asked = asked
        self.accepted = accepted
        self.woundDown = woundDown
        self.containerSeconds = containerSeconds
        self.exitCode = exitCode
    }

    /// The steps, without the bot's name: what a delete or a restart reports of its stop.
    public var summary: String {
        let took = Formatting.fixed(containerSeconds, decimals: 1)
        switch procedure {
        case .graceful(let grace):
            guard let exitCode else { return "graceful stop in \(took) s" }
            if exitCode == 137 {
                return "killed after \(grace) s without winding down (exit 137): its orders may still be open"
            }
            return "graceful stop, the bot cancelled its orders and exited \(exitCode) in \(took) s"
        case .mqttFirst:
            return "\(botStep ?? "MQTT stop not sent") · container stopped in \(took) s"
        case .throughAPI:
            return "\(botStep ?? "stop not sent") · container stopped through the API in \(took) s"
        case .notRunning:
            return "not running: nothing to stop"
        }
    }

    /// The result line: `stopped NAME: …`.
    public var text: String {
        procedure == .notRunning ? "\(name) is \(summary)" : "stopped \(name): \(summary)"
    }

    /// A container that was not running: nothing was done.
    public static func notRunning(_ name: String) -> StopResult {
        StopResult(
            name: name, procedure: .notRunning, botStep: nil, asked: false, accepted: false, woundDown: false,
            containerSeconds: 0, exitCode: nil)
    }
}
