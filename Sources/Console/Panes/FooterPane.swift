import Canvas
import HBModel

/// The bottom line: the keys of the focused pane, or the editing prompt, and the last action's result.
enum FooterPane {
    static func draw(_ state: ConsoleState, errors: Int, newErrors: Int = 0, into grid: inout CellGrid) {
        let y = grid.height - 1
        switch state.editing {
        case .filter:
            grid.put(" filter: \(state.filter)▏  (⏎ keep, Esc clear)", x: 0, y: y, role: .highlight)
            return
        case .search:
            grid.put(" search: \(state.logView.search)▏  (⏎ keep, Esc clear)", x: 0, y: y, role: .highlight)
            return
        case .none:
            break
        }
        if let status = state.status {
            grid.put(" " + status, x: 0, y: y, role: .text, bold: true)
            return
        }
        // Instances in Error, and errors the bots reported that nobody has looked at yet (E, then a).
        let parts = [
            errors > 0 ? "⚠ \(errors) error\(errors == 1 ? "" : "s")" : nil,
            newErrors > 0 ? "● \(newErrors) new (E)" : nil,
        ]
        let warning = parts.compactMap { $0 }.joined(separator: "  ")
        let limit = grid.width - TextWidth.of(warning) - 2
        var x = 1
        if state.readOnly { x = grid.put("READ-ONLY", x: x, y: y, role: .stateStarting, bold: true) + 2 }
        for (key, label) in Keymap.footer(for: state.focus == .logs ? .logs : .instances) {
            guard x + TextWidth.of(key) + TextWidth.of(label) + 1 <= limit else { break }
            x = grid.put(key, x: x, y: y, role: .footerKey, bold: true)
            x = grid.put(" \(label)  ", x: x, y: y, role: .footerText, maxX: limit)
        }
        if !warning.isEmpty {
            grid.put(warning, x: grid.width - TextWidth.of(warning) - 1, y: y, role: .stateError, bold: true)
        }
    }
}
