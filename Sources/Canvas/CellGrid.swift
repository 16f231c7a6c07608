/// An in-memory screen: panes draw here, the terminal layer copies it out, tests read it as text.
public struct CellGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes `text` from (x, y), clipped at `maxX` (exclusive); returns the column after the last one written.
    @discardableResult
    public mutating func put(
        _ text: String, x: Int, y: Int, role: StyleRole = .text, bold: Bool = false, reverse: Bool = false,
        maxX: Int? = nil
    ) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(maxX ?? width, width)
        var column = x
        for character in text {
            let w = TextWidth.of(character)
            if w == 0 { continue }
            if column + w > limit { break }
            if column >= 0 {
                self[column, y] = Cell(String(character), role: role, bold: bold, reverse: reverse)
                if w == 2 { self[column + 1, y] = Cell("", role: role, bold: bold, reverse: reverse) }
            }
            column += w
        }
        return column
    }

    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        for y in max(0, rect.y)..<min(height, rect.y + rect.height) {
            for x in max(0, rect.x)..<min(width, rect.x + rect.width) { self[x, y] = cell }
        }
    }

    /// Gives every cell of a row the selection role, keeping the text.
    public mutating func highlightRow(_ y: Int, from x: Int, to endX: Int, role: StyleRole) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, endX) {
            self[column, y].role = role
        }
    }

    /// A box with a title in its top border, as `┌ Title ───┐`.
    public mutating func box(_ rect: Rect, title: String = "", role: StyleRole = .border, titleRole: StyleRole = .title)
    {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.x + rect.width - 1
        let bottom = rect.y + rect.height - 1
        for x in rect.x + 1..<right {
            put("─", x: x, y: rect.y, role: role)
            put("─", x: x, y: bottom, role: role)
        }
        for y in rect.y + 1..<bottom {
            put("│", x: rect.x, y: y, role: role)
            put("│", x: right, y: y, role: role)
        }
        put("┌", x: rect.x, y: rect.y, role: role)
        put("┐", x: right, y: rect.y, role: role)
        put("└", x: rect.x, y: bottom, role: role)
        put("┘", x: right, y: bottom, role: role)
        if !title.isEmpty, rect.width > 6 {
            put(
                " " + TextWidth.truncate(title, to: rect.width - 6) + " ", x: rect.x + 2, y: rect.y, role: titleRole,
                bold: true, maxX: right - 1)
        }
    }

    /// The grid as plain text, one line per row, trailing spaces removed: what tests compare.
    public var text: String {
        (0..<height).map { row($0) }.joined(separator: "\n")
    }

    public func row(_ y: Int) -> String {
        var line = ""
        for x in 0..<width { line += self[x, y].text }
        while line.last == " " { line.removeLast() }
        return line
    }
}

public struct Rect: Sendable, Equatable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The area inside a one-cell border.
    public var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }
}
