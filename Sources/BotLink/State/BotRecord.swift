/// Everything the bot link knows about one bot.
public struct BotRecord: Sendable {
    public let instanceID: String
    public var liveness = BotLiveness()
    public var activity: BotActivity
    /// Payloads on this bot's topics that did not decode, dropped.
    public var decodeFailures = 0

    public init(instanceID: String, logCapacity: Int) {
        self.instanceID = instanceID
        self.activity = BotActivity(logCapacity: logCapacity)
    }
}
