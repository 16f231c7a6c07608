import Canvas

/// The fleet-wide stop's chooser: one line a choice with how many bots and open orders it takes; under it, the
/// bots of the selected one.
enum FleetStopPane {
    static func draw(_ chooser: FleetStopChooser, into grid: inout CellGrid) {
        let width = min(grid.width - 4, 96)
        let listed = min(chooser.choices.count, max(3, grid.height - 12))
        let height = min(grid.height - 2, listed + 7)
        let rect = Rect(
            x: (grid.width - width) / 2, y: max(0, (grid.height - height) / 2), width: width, height: height)
        grid.fill(rect)
        grid.box(rect, title: "Stop many bots safely", role: .border, titleRole: .dialogTitle)
        let maxX = rect.x + rect.width - 1
        let top = min(max(0, chooser.selected - listed + 1), max(0, chooser.choices.count - listed))
        for (offset, choice) in chooser.choices.dropFirst(top).prefix(listed).enumerated() {
            let index = top + offset
            let count = choice.bots.count
            let line = "\(choice.label) · \(count) bot\(count == 1 ? "" : "s")"
            let chosen = index == chooser.selected
            grid.put(
                (chosen ? "▶ " : "  ") + line, x: rect.x + 2, y: rect.y + 1 + offset,
                role: chosen ? .selection : .dialog, maxX: maxX)
        }
        if let current = chooser.current {
            let y = rect.y + 2 + listed
            grid.put(current.bots.joined(separator: ", "), x: rect.x + 2, y: y, role: .dialog, maxX: maxX)
            grid.put(current.stake.first ?? "", x: rect.x + 2, y: y + 1, role: .dialog, maxX: maxX)
            if current.stake.count > 1 {
                grid.put(
                    "and \(current.stake.count - 1) more exchanges", x: rect.x + 2, y: y + 2, role: .dialog, maxX: maxX)
            }
        }
        grid.put(
            "↑↓ choose  ⏎ confirm  Esc close", x: rect.x + 2, y: rect.y + rect.height - 2, role: .footerKey, maxX: maxX)
    }
}
