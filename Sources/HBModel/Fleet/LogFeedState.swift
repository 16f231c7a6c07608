/// What the log pane shows: whose log, which follow it came from, the lines, and how current they are.
public struct LogFeedState: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        /// Lines arrive as the instance writes them.
        case following
        /// The pane is this many seconds behind what the instance writes.
        case behind(seconds: Double)
        /// The container stopped: its log ended.
        case ended
        /// The log cannot be read now; it is retried.
        case unavailable(reason: String)
        /// There is no container of that name (an undeployed folder): nothing to log until there is one.
        case noContainer
        case idle
    }

    /// The instance followed, nil for none.
    public var name: String?
    /// Counts follows: lines of an earlier follow never carry a later one's number.
    public var generation: Int
    public var lines: [LogLine]
    public var status: Status
    /// Lines left out to keep up with a flood, as far as they could be counted.
    public var skipped: Int

    public init(
        name: String? = nil, generation: Int = 0, lines: [LogLine] = [], status: Status = .idle, skipped: Int = 0
    ) {
        self.name = name
        self.generation = generation
        self.lines = lines
        self.status = status
        self.skipped = skipped
    }
}
