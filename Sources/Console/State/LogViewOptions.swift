import HBModel

/// How the log pane shows its lines; toggled from the keyboard.
public struct LogViewOptions: Sendable, Equatable {
    public var follow = true
    public var wrap = false
    public var timestamps = true
    public var errorsOnly = false
    public var search = ""
    /// Lines up from the end when not following.
    public var scroll = 0

    public init() {}

    public func shows(_ line: LogLine) -> Bool {
        if errorsOnly, (line.level ?? .info) < .warning { return false }
        return true
    }
}
