/// Text the operator asked a bot for (such as `hbot doctor`'s rows), shown as it came, scrollable.
public struct Report: Sendable, Equatable {
    public let title: String
    public let lines: [String]
    public var scroll = 0

    public init(title: String, lines: [String]) {
        self.title = title
        self.lines = lines
    }
}
