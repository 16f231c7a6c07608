/// An action under way in a console: what it is, on what, since when and its latest step.
public struct RunningAction: Sendable, Equatable {
    public let id: Int
    /// The action as the audit log names it (`rm`, `stop`, `create` …).
    public let action: String
    public let target: String
    /// Seconds since 1970 when it began.
    public let started: Double
    /// The step it reported last, nil before its first.
    public var step: String?

    public init(id: Int, action: String, target: String, started: Double, step: String? = nil) {
        self.id = id
        self.action = action
        self.target = target
        self.started = started
        self.step = step
    }
}
