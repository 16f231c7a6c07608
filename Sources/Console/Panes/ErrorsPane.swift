import Canvas
import HBModel

/// The fleet's warnings and errors, grouped, newest first; the selected one open to its whole text.
enum ErrorsPane {
    static func draw(
        _ view: ErrorsView, snapshot: FleetSnapshot, acknowledgedAt: Double, now: Double, into grid: inout CellGrid
    ) {
        let rect = Rect(x: 0, y: 1, width: grid.width, height: grid.height - 2)
        grid.fill(rect)
        let groups = ErrorsView.groups(snapshot)
        grid.box(
            rect, title: "Errors and warnings \(groups.count) ── ⏎ open/close · a acknowledge · Esc returns",
            role: .border, titleRole: .dialogTitle)
        let maxX = rect.x + rect.width - 1
        guard !groups.isEmpty else {
            grid.put(
                "no warning or error heard from any bot in its current run", x: rect.x + 2, y: rect.y + 1, role: .dim,
                maxX: maxX)
            return
        }
        let selected = min(view.selected, groups.count - 1)
        var lines: [(text: String, role: StyleRole, group: Int)] = []
        for (index, group) in groups.enumerated() {
            let fresh = group.newest > acknowledgedAt ? "●" : " "
            let age = Formatting.duration(seconds: now - group.newest)
            let role: StyleRole = group.level == "WARNING" ? .logWarning : .logError
            lines.append(
                (
                    "\(fresh) \(TextWidth.pad(age, to: 6, right: true))  \(TextWidth.pad(group.level, to: 8))\(TextWidth.pad(group.bot, to: 22))×\(TextWidth.pad(String(group.count), to: 4))\(group.headline)",
                    role, index
                ))
            if index == selected && view.expanded {
                for line in group.message.split(separator: "\n", omittingEmptySubsequences: false).dropFirst() {
                    lines.append(("                " + TerminalSafeText.sanitize(String(line)), .text, index))
                }
                lines.append(("                (\(group.logger))", .dim, index))
            }
        }
        let visible = rect.height - 2
        let selectedLine = lines.firstIndex { $0.group == selected } ?? 0
        let top = max(0, min(selectedLine - visible / 3, lines.count - visible))
        for (offset, line) in lines.dropFirst(top).prefix(visible).enumerated() {
            let y = rect.y + 1 + offset
            grid.put(TerminalSafeText.sanitize(line.text), x: rect.x + 1, y: y, role: line.role, maxX: maxX)
            if line.group == selected, offset + top == selectedLine {
                grid.highlightRow(y, from: rect.x + 1, to: maxX, role: .selection)
            }
        }
    }
}
