import Canvas

/// A report the operator asked for, in a box over the screen; ↑ ↓ scroll, Esc closes.
enum ReportPane {
    static func draw(_ report: Report, into grid: inout CellGrid) {
        let width = min(grid.width - 4, max(60, (report.lines.map { TextWidth.of($0) }.max() ?? 0) + 4))
        let height = min(grid.height - 2, report.lines.count + 3)
        let rect = Rect(
            x: (grid.width - width) / 2, y: max(0, (grid.height - height) / 2), width: width, height: height)
        grid.fill(rect)
        grid.box(rect, title: report.title, role: .border, titleRole: .dialogTitle)
        let visible = max(1, rect.height - 3)
        let top = min(report.scroll, max(0, report.lines.count - visible))
        for (offset, line) in report.lines.dropFirst(top).prefix(visible).enumerated() {
            let role: StyleRole =
                line.contains(" fail ") ? .stateError : line.contains(" warn ") ? .stateStarting : .dialog
            grid.put(line, x: rect.x + 2, y: rect.y + 1 + offset, role: role, maxX: rect.x + rect.width - 1)
        }
        let more = report.lines.count > visible ? "↑↓ scroll  " : ""
        grid.put(
            "\(more)Esc closes", x: rect.x + 2, y: rect.y + rect.height - 2, role: .footerKey,
            maxX: rect.x + rect.width - 1)
    }
}
