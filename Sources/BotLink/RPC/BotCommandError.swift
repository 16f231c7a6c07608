/// A command that got no answer. A 400 reply is not an error: it is a `BotReply` with the bot's `msg`.
public enum BotCommandError: Error, Sendable, Equatable, CustomStringConvertible {
    case noReply(instance: String, command: String, seconds: Double)
    case brokerUnavailable(address: String, reason: String)

    public var description: String {
        switch self {
        case .noReply(let instance, let command, let seconds):
            let shown = seconds == seconds.rounded() ? "\(Int(seconds))" : "\(seconds)"
            return "no reply from \(instance) to \(command) within \(shown) s"
        case .brokerUnavailable(let address, let reason):
            return "the MQTT broker at \(address) is not connected (\(reason))"
        }
    }
}
