import Canvas
import HBModel

/// The create dialog: one row per field (the focused one highlighted, choices between ◂ ▸ with their
/// count), the problem with a field on the line under it, and the keys at the bottom.
enum CreateFormPane {
    static let labelWidth = 15

    static func draw(_ form: CreateForm, into grid: inout CellGrid) {
        let fields = CreateForm.Field.allCases
        let rows = fields.count + form.errors.count
        let width = min(grid.width - 2, 76)
        let height = min(grid.height, rows + 4)
        let rect = Rect(
            x: (grid.width - width) / 2, y: max(0, (grid.height - height) / 2), width: width, height: height)
        grid.fill(rect)
        grid.box(
            rect, title: form.busy ? "Create a bot · creating…" : "Create a bot", role: .border, titleRole: .dialogTitle
        )
        let maxX = rect.x + rect.width - 1
        var y = rect.y + 1
        for field in fields where y < rect.y + rect.height - 2 {
            let focused = field == form.focus
            grid.put(
                TextWidth.pad(field.label, to: labelWidth), x: rect.x + 2, y: y, role: .dialog, bold: focused,
                maxX: maxX)
            let choices = form.choices(field)
            var value = form.shown(field)
            if !choices.isEmpty, let index = choices.firstIndex(of: value) {
                value = "◂ \(value) ▸  \(index + 1)/\(choices.count)"
            } else if field == .start {
                value = "◂ \(value) ▸"
            }
            let valueX = rect.x + 2 + labelWidth
            let valueWidth = max(1, maxX - valueX - 1)
            grid.put(
                TextWidth.pad(TextWidth.truncate(value, to: valueWidth), to: valueWidth), x: valueX, y: y,
                role: focused ? .selection : .dialog, maxX: maxX)
            y += 1
            if let problem = form.errors[field], y < rect.y + rect.height - 2 {
                grid.put("⚠ " + problem, x: valueX, y: y, role: .stateError, maxX: maxX)
                y += 1
            }
        }
        let keys =
            form.busy ? "creating: progress in the footer" : "⇥ ↓ next  ↑ previous  ← → choose  ⏎ create  Esc cancel"
        grid.put(keys, x: rect.x + 2, y: rect.y + rect.height - 2, role: .footerKey, maxX: maxX)
    }
}
