import Canvas
import HBModel

/// Centred overlays: confirmations and the too-small screen.
enum OverlayPanes {
    static func drawConfirmation(_ confirmation: Confirmation, into grid: inout CellGrid) {
        var buttons = "[ y  \(confirmation.title.split(separator: " ").first ?? "OK") ]    [ n  Cancel ]"
        if let alternative = confirmation.alternative { buttons += "    [ \(alternative.key)  \(alternative.label) ]" }
        let contentWidth = max(
            TextWidth.of(buttons), confirmation.steps.map(TextWidth.of).max() ?? 0, TextWidth.of(confirmation.title) + 4
        )
        let width = min(grid.width - 2, contentWidth + 4)
        let height = confirmation.steps.count + 5
        let rect = Rect(
            x: (grid.width - width) / 2, y: max(0, (grid.height - height) / 2), width: width, height: height)
        grid.fill(rect)
        grid.box(rect, title: confirmation.title, role: .border, titleRole: .dialogTitle)
        for (i, step) in confirmation.steps.enumerated() {
            grid.put(step, x: rect.x + 2, y: rect.y + 1 + i, role: .dialog, maxX: rect.x + rect.width - 1)
        }
        let bx = rect.x + max(2, (width - TextWidth.of(buttons)) / 2)
        grid.put(buttons, x: bx, y: rect.y + height - 2, role: .footerKey, bold: true, maxX: rect.x + rect.width - 1)
    }

    /// The actions a quit waits for, each with its latest step and how long it has run.
    static func drawQuitting(_ running: [RunningAction], now: Double, into grid: inout CellGrid) {
        let count = running.count
        let title = "Quitting once \(count == 1 ? "this action ends" : "these \(count) actions end") at a safe point"
        // Each action on a line of its own, its latest step under it on two lines at most.
        let room = grid.width - 8
        var lines = running.flatMap { action in
            let (first, rest) = wordSplit(action.step ?? "starting…", at: room)
            return ["\(action.action) \(action.target) · \(Int(max(0, now - action.started))) s", "  " + first]
                + (rest.isEmpty ? [] : ["  " + TextWidth.truncate(rest, to: room)])
        }
        if lines.isEmpty { lines = ["nothing runs any more: quitting…"] }
        let keys = Keymap.bindings(in: .quitting).map {
            "[ \($0.keys.map(\.label).joined(separator: " "))  \($0.help) ]"
        }
        lines += ["", "Each ends by itself; the audit log and the footer say how."] + keys
        let width = min(grid.width - 2, max(TextWidth.of(title) + 4, lines.map(TextWidth.of).max() ?? 0) + 4)
        let height = min(grid.height, lines.count + 2)
        let rect = Rect(
            x: (grid.width - width) / 2, y: max(0, (grid.height - height) / 2), width: width, height: height)
        grid.fill(rect)
        grid.box(rect, title: title, role: .border, titleRole: .dialogTitle)
        for (i, line) in lines.prefix(height - 2).enumerated() {
            let role: StyleRole = i >= lines.count - keys.count ? .footerKey : line.hasPrefix("  ") ? .dim : .dialog
            grid.put(line, x: rect.x + 2, y: rect.y + 1 + i, role: role, maxX: rect.x + rect.width - 1)
        }
    }

    /// `TextWidth.split` at the last space that fits, where there is one.
    private static func wordSplit(_ text: String, at width: Int) -> (head: String, rest: String) {
        let (head, rest) = TextWidth.split(text, at: width)
        guard !rest.isEmpty, !rest.hasPrefix(" "), let space = head.lastIndex(of: " ") else {
            return (head, String(rest.drop { $0 == " " }))
        }
        return (String(head[..<space]), String(head[head.index(after: space)...]) + rest)
    }

    static func drawTooSmall(into grid: inout CellGrid, minimum: (Int, Int)) {
        grid.put(
            " hbdeck needs at least \(minimum.0)×\(minimum.1) — this terminal is \(grid.width)×\(grid.height).", x: 0,
            y: 0, role: .stateError, bold: true)
        grid.put(" Enlarge it, or press q to quit.", x: 0, y: 1)
    }
}
