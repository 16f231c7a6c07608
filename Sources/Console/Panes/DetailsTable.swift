import Canvas

/// A titled table inside the details screen: the first column takes the room the others leave, and rows
/// that do not fit end in "… N more".
struct DetailsTable {
    struct Column {
        let title: String
        let width: Int
        var right = true
    }

    let title: String
    let columns: [Column]
    let rows: [[(String, StyleRole)]]
    let empty: String

    /// Draws from `y` down to `maxY` (exclusive); returns the row after the table.
    @discardableResult
    func draw(x: Int, y: Int, width: Int, maxY: Int, into grid: inout CellGrid) -> Int {
        guard y < maxY else { return y }
        grid.put(title, x: x, y: y, role: .header, bold: true, maxX: x + width)
        guard !rows.isEmpty else {
            if y + 1 < maxY { grid.put(empty, x: x + 2, y: y + 1, role: .dim, maxX: x + width) }
            return min(maxY, y + 2)
        }
        guard y + 1 < maxY else { return maxY }
        let fixed = columns.dropFirst().reduce(0) { $0 + $1.width + 1 }
        let firstWidth = max(8, width - 2 - fixed)
        let widths = [firstWidth] + columns.dropFirst().map(\.width)
        put(
            columns.enumerated().map { ($0.element.title, StyleRole.dim) }, widths: widths, x: x + 2, y: y + 1,
            maxX: x + width, into: &grid)
        let room = maxY - y - 2
        let shown = rows.count <= room ? rows.count : max(0, room - 1)
        for (index, row) in rows.prefix(shown).enumerated() {
            put(row, widths: widths, x: x + 2, y: y + 2 + index, maxX: x + width, into: &grid)
        }
        if shown < rows.count {
            grid.put("… \(rows.count - shown) more", x: x + 2, y: y + 2 + shown, role: .dim, maxX: x + width)
            return y + 3 + shown
        }
        return y + 2 + shown
    }

    private func put(
        _ cells: [(String, StyleRole)], widths: [Int], x: Int, y: Int, maxX: Int, into grid: inout CellGrid
    ) {
        var at = x
        for (index, cell) in cells.enumerated() where index < widths.count {
            let text = TextWidth.pad(cell.0, to: widths[index], right: index > 0 && columns[index].right)
            grid.put(text, x: at, y: y, role: cell.1, maxX: maxX)
            at += widths[index] + 1
        }
    }
}
