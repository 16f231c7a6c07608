/// One terminal cell: a grapheme (or "" for the right half of a wide one) and its role.
public struct Cell: Sendable, Equatable {
    public var text: String
    public var role: StyleRole
    public var bold: Bool
    public var reverse: Bool

    public init(_ text: String = " ", role: StyleRole = .text, bold: Bool = false, reverse: Bool = false) {
        self.text = text
        self.role = role
        self.bold = bold
        self.reverse = reverse
    }

    public static let blank = Cell()
}
