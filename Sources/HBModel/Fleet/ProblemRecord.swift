/// A WARNING, ERROR or CRITICAL record a bot published, as the errors view shows it. A Python traceback
/// comes inside the message, so a multi-line message is one record.
public struct ProblemRecord: Sendable, Equatable {
    /// When the console received it (the bot's own clock is not trusted for order).
    public var time: Double
    public var level: String
    public var logger: String
    public var message: String

    public init(time: Double, level: String, logger: String, message: String) {
        self.time = time
        self.level = level
        self.logger = logger
        self.message = message
    }

    /// The message's first line: what records are grouped by.
    public var headline: String {
        String(message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}
