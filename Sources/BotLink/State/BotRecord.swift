/// Everything the bot link knows about one bot.
public struct BotRecord: Sendable {
    public let instanceID: String
    public var liveness = BotLiveness()
    public var activity = BotActivity()
    /// Payloads on this bot's topics that did not decode, dropped.
    public var decodeFailures = 0
    /// Fields out of range (times, figures, levels), dropped from messages that were otherwise used.
    public var droppedFields = 0

    public init(instanceID: String) {
        self.instanceID = instanceID
    }

    /// The container started a new run at `startedAt`: liveness and per-run figures start over.
    public mutating func startRun(at startedAt: Double) {
        liveness.forget(before: startedAt)
        activity.startRun(at: startedAt)
    }
}
