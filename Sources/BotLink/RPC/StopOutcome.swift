/// What came of asking a bot to stop over MQTT.
public struct StopOutcome: Sendable, Equatable {
    /// The bot's answer. It answers at once; the strategy winds down afterwards.
    public let reply: BotReply
    /// Seconds from the reply to the bot's own `Hummingbot stopped.`; nil when it did not say so in time
    /// (or the reply was not a 200).
    public let woundDownAfter: Double?

    /// The line the client logs when its stop has cancelled the orders and wound everything down.
    public static let woundDownLine = "Hummingbot stopped."
}
