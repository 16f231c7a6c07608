import Canvas
import HBModel

/// Centred overlays: confirmations and the too-small screen.
enum OverlayPanes {
    static func drawConfirmation(_ confirmation: Confirmation, into grid: inout CellGrid) {
        var buttons = "[ y  \(confirmation.title.split(separator: " ").first ?? "OK") ]    [ n  Cancel ]"
        if let alternative = confirmation.alternative { buttons += "    [ \(alternative.key)  \(alternative.label) ]" }
        let contentWidth = max(TextWidth.of(buttons), confirmation.steps.map(TextWidth.of).max() ?? 0, TextWidth.of(confirmation.title) + 4)
        let width = min(grid.width - 2, contentWidth + 4)
        let height = confirmation.steps.count + 5
        let rect = Rect(x: (grid.width - width) / 2, y: max(0, (grid.height - height) / 2), width: width, height: height)
        grid.fill(rect)
        grid.box(rect, title: confirmation.title, role: .border, titleRole: .dialogTitle)
        for (i, step) in confirmation.steps.enumerated() {
            grid.put(step, x: rect.x + 2, y: rect.y + 1 + i, role: .dialog, maxX: rect.x + rect.width - 1)
        }
        let bx = rect.x + max(2, (width - TextWidth.of(buttons)) / 2)
        grid.put(buttons, x: bx, y: rect.y + height - 2, role: .footerKey, bold: true, maxX: rect.x + rect.width - 1)
    }

    static func drawTooSmall(into grid: inout CellGrid, minimum: (Int, Int)) {
        grid.put(" hbdeck needs at least \(minimum.0)×\(minimum.1) — this terminal is \(grid.width)×\(grid.height).", x: 0, y: 0, role: .stateError, bold: true)
        grid.put(" Enlarge it, or press q to quit.", x: 0, y: 1)
    }
}
