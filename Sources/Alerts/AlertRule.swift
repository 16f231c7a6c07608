/// A condition hbdeck alerts on, by the name the config and the messages use.
public enum AlertRule: String, Sendable, Codable, CaseIterable {
    /// A bot in Error, with its reason (an OOM kill and a crash loop have rules of their own).
    case error
    /// The kernel killed a bot for its memory limit.
    case oom
    /// The engine restarted a bot this many times within a window.
    case crashLoop = "crash_loop"
    /// A running bot that sent no heartbeat for a while.
    case unresponsive
    /// Memory in use above a share of the container's limit.
    case memory
    /// A bot's `data/` and `logs/` above a share of their quota.
    case disk
    /// A new ERROR or CRITICAL record from a bot.
    case logErrors = "log_errors"
    /// The broker's container is not running, or hbdeck cannot reach it.
    case broker
    /// An engine that does not answer.
    case engine
    /// `hbdeck alerts test`.
    case test

    /// What a message calls it.
    public var title: String {
        switch self {
        case .error: "bot in Error"
        case .oom: "OOM kill"
        case .crashLoop: "crash loop"
        case .unresponsive: "bot unresponsive"
        case .memory: "memory near its limit"
        case .disk: "disk quota near"
        case .logErrors: "new error records"
        case .broker: "broker down"
        case .engine: "engine offline"
        case .test: "test"
        }
    }

    /// The rules an operator can turn on or off (`alert_rules:`).
    public static var configurable: [AlertRule] { allCases.filter { $0 != .test } }
}
