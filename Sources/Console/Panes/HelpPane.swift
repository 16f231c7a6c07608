import Canvas

/// The help screen, generated from the key table: its sections side by side when the terminal is too
/// short for one column (two fit from the smallest supported size, 80×24).
enum HelpPane {
    typealias Line = (text: String, role: StyleRole)

    private struct Layout {
        var rect: Rect
        var columns: [[Line]]
        var columnWidth: Int
        var visibleRows: Int
    }

    private static let gap = 3

    private static var sections: [[Line]] {
        Keymap.Context.allCases.map { context in
            [(context.rawValue, .dialogTitle)]
                + Keymap.bindings(in: context).map {
                    ("  " + keyColumn($0.keys) + $0.help, .dialog)
                }
        }
    }

    /// The keys, padded to a column of 8; a longer list keeps one space before the help.
    private static func keyColumn(_ keys: [Key]) -> String {
        let text = keys.map(\.label).joined(separator: " ")
        return TextWidth.of(text) < 8 ? TextWidth.pad(text, to: 8) : text + " "
    }

    /// The fewest columns that fit the height, as many as fit the width when none does.
    private static func layout(width: Int, height: Int) -> Layout {
        let sections = sections
        let columnWidth = sections.joined().map { TextWidth.of($0.text) }.max() ?? 0
        let roomForRows = height - 2  // the box; how to close it is said in its bottom border
        let maxColumns = max(1, min(sections.count, (width - 6 + gap) / (columnWidth + gap)))
        var columns: [[Line]] = []
        for count in 1...maxColumns {
            // Sections may change places between columns (in their own order first) when that makes it fit.
            // Only the panes' sections are reordered: every order of all of them would be millions.
            let panes = 4
            columns =
                orders(of: Array(sections.prefix(panes))).map { split($0 + sections.dropFirst(panes), into: count) }
                .min { tallest($0) < tallest($1) } ?? []
            if tallest(columns) <= roomForRows { break }
        }
        // Whole sections do not fit: the lines flow from column to column instead, without blank lines, and
        // the help scrolls.
        if tallest(columns) > roomForRows {
            let lines = sections.joined().count
            columns = flow(sections, into: maxColumns, rows: max(roomForRows, (lines + maxColumns - 1) / maxColumns))
        }
        let rows = columns.map(\.count).max() ?? 0
        let visibleRows = max(1, min(rows, roomForRows))
        let boxWidth = min(width - 2, columns.count * columnWidth + (columns.count - 1) * gap + 4)
        let boxHeight = visibleRows + 2
        let rect = Rect(
            x: (width - boxWidth) / 2, y: max(0, (height - boxHeight) / 2), width: boxWidth, height: boxHeight)
        return Layout(rect: rect, columns: columns, columnWidth: columnWidth, visibleRows: visibleRows)
    }

    /// Draws the help scrolled down by `scroll` rows (kept within what there is).
    static func draw(scroll: Int, into grid: inout CellGrid) {
        let layout = layout(width: grid.width, height: grid.height)
        let rect = layout.rect
        let rows = tallest(layout.columns)
        let offset = min(max(0, scroll), max(0, rows - layout.visibleRows))
        grid.fill(rect)
        grid.box(rect, title: "Help", role: .border, titleRole: .dialogTitle)
        for (index, column) in layout.columns.enumerated() {
            let x = rect.x + 2 + index * (layout.columnWidth + gap)
            for (row, line) in column.dropFirst(offset).prefix(layout.visibleRows).enumerated() {
                grid.put(
                    line.text, x: x, y: rect.y + 1 + row, role: line.role, bold: line.role == .dialogTitle,
                    maxX: rect.x + rect.width - 1)
            }
        }
        let closing = (rows > layout.visibleRows ? " j k scroll ·" : "") + " Esc or ? closes this help "
        if TextWidth.of(closing) + 4 <= rect.width {
            grid.put(closing, x: rect.x + 2, y: rect.y + rect.height - 1, role: .dim, maxX: rect.x + rect.width - 1)
        }
    }

    private static func tallest(_ columns: [[Line]]) -> Int {
        columns.map(\.count).max() ?? 0
    }

    /// Every order of the sections, their own first.
    private static func orders(of sections: [[Line]]) -> [[[Line]]] {
        guard sections.count > 1 else { return [sections] }
        return sections.indices.flatMap { first in
            orders(of: sections.enumerated().filter { $0.offset != first }.map(\.element)).map {
                [sections[first]] + $0
            }
        }
    }

    /// Sections in order, cut into `count` columns so that the tallest is as short as it can be.
    private static func split(_ sections: [[Line]], into count: Int) -> [[Line]] {
        guard count > 1, sections.count > 1 else { return [joined(sections)] }
        var best: [[Line]] = [joined(sections)]
        for cut in 1..<sections.count {
            let candidate = [joined(Array(sections[..<cut]))] + split(Array(sections[cut...]), into: count - 1)
            if (candidate.map(\.count).max() ?? 0) < (best.map(\.count).max() ?? 0) { best = candidate }
        }
        return best
    }

    /// Lines filled column after column, a section's title never left alone at a column's foot.
    private static func flow(_ sections: [[Line]], into count: Int, rows: Int) -> [[Line]] {
        var columns: [[Line]] = [[]]
        for line in sections.joined() {
            if columns[columns.count - 1].count >= rows, columns.count < count {
                var moved: [Line] = []
                if let last = columns[columns.count - 1].last, last.role == .dialogTitle {
                    moved = [columns[columns.count - 1].removeLast()]
                }
                columns.append(moved)
            }
            columns[columns.count - 1].append(line)
        }
        return columns
    }

    private static func joined(_ sections: [[Line]]) -> [Line] {
        sections.enumerated().flatMap { index, section in index == 0 ? section : [("", .dialog)] + section }
    }
}
