/// A destructive action waiting for the operator's `y`, with the exact steps it will take.
public struct Confirmation: Sendable, Equatable {
    public let title: String
    public let steps: [String]
    public let action: ConsoleCommand
    /// A third choice, such as skipping the MQTT stop.
    public let alternative: (key: Character, label: String, action: ConsoleCommand)?

    public init(
        title: String, steps: [String], action: ConsoleCommand,
        alternative: (key: Character, label: String, action: ConsoleCommand)? = nil
    ) {
        self.title = title
        self.steps = steps
        self.action = action
        self.alternative = alternative
    }

    public static func == (a: Confirmation, b: Confirmation) -> Bool {
        a.title == b.title && a.steps == b.steps && a.action == b.action
            && a.alternative?.action == b.alternative?.action
    }
}
