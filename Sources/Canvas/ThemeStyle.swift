/// How one role looks: colours and attributes.
public struct ThemeStyle: Sendable, Equatable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var bold: Bool
    public var reverse: Bool
    public var dim: Bool
    public var underline: Bool

    public init(
        foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault, bold: Bool = false,
        reverse: Bool = false, dim: Bool = false, underline: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
        self.underline = underline
    }

    /// Reads `green`, `black on cyan bold`, `#ff8800 underline`, `reverse`.
    public init(parsing text: String) throws(ThemeStyleProblem) {
        self.init()
        var words = text.split(separator: " ").map(String.init)[...]
        var sawForeground = false
        while let word = words.popFirst() {
            switch word.lowercased() {
            case "bold": bold = true
            case "reverse": reverse = true
            case "dim": dim = true
            case "underline": underline = true
            case "on":
                guard let next = words.popFirst(), let color = ThemeColor(parsing: next) else {
                    throw ThemeStyleProblem("\"on\" needs a colour after it")
                }
                background = color
            default:
                guard !sawForeground, let color = ThemeColor(parsing: word) else {
                    throw ThemeStyleProblem(
                        "\"\(word)\" is not a colour or attribute (colours: default, red, bright-blue, color208, #ff8800; attributes: bold, dim, reverse, underline; background: on COLOUR)"
                    )
                }
                foreground = color
                sawForeground = true
            }
        }
    }
}

public struct ThemeStyleProblem: Error, Sendable, Equatable {
    public let message: String
    init(_ message: String) { self.message = message }
}
