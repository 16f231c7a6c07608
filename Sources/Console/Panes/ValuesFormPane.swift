import Canvas

/// The values form: each config file's path as a heading, then its settings (the focused one highlighted, a
/// changed one marked `•`, lists and blocks dimmed as not editable here), scrolled to keep the focus shown.
enum ValuesFormPane {
    static func draw(_ form: ValuesForm, into grid: inout CellGrid) {
        var lines: [(row: Int?, text: String)] = []
        var file: String?
        for (index, row) in form.rows.enumerated() {
            if row.file != file {
                file = row.file
                lines.append((nil, row.file))
            }
            lines.append((index, row.key))
        }
        let width = min(grid.width - 2, 96)
        let height = min(grid.height - 2, lines.count + 6)
        let rect = Rect(
            x: (grid.width - width) / 2, y: max(0, (grid.height - height) / 2), width: width, height: height)
        grid.fill(rect)
        grid.box(
            rect, title: "Config values · \(form.instance)\(form.busy ? " · saving…" : "")", role: .border,
            titleRole: .dialogTitle)
        let maxX = rect.x + rect.width - 1
        let keyWidth = min(34, max(12, (form.rows.map { TextWidth.of($0.key) }.max() ?? 12) + 2), width / 2)
        // The rows, a line kept free for a reason that needs two, the reason (or where the rows are), the keys.
        let visible = max(1, rect.height - 5)
        let focusLine = lines.firstIndex { $0.row == form.focus } ?? 0
        let top = min(max(0, focusLine - visible / 2), max(0, lines.count - visible))
        for (offset, line) in lines.dropFirst(top).prefix(visible).enumerated() {
            let y = rect.y + 1 + offset
            guard let index = line.row else {
                grid.put(line.text, x: rect.x + 2, y: y, role: .header, bold: true, maxX: maxX)
                continue
            }
            let row = form.rows[index]
            let focused = index == form.focus
            grid.put(
                (row.changed ? "• " : "  ") + TextWidth.pad(row.key, to: keyWidth), x: rect.x + 2, y: y,
                role: row.editable ? .dialog : .dim, bold: focused, maxX: maxX)
            let valueX = rect.x + 4 + keyWidth
            // What the client said of the field: whether a running bot takes a change up live.
            let tag = row.live.map { $0 ? "live" : "at next start" }
            let tagWidth = tag == nil ? 0 : 15
            if let tag { grid.put(tag, x: maxX - 1 - TextWidth.of(tag), y: y, role: .dim, maxX: maxX) }
            let valueWidth = max(1, maxX - valueX - 1 - tagWidth)
            let value = row.editable ? row.value + (focused ? "▏" : "") : row.value + "  (edit in $EDITOR: e)"
            grid.put(
                TextWidth.pad(TextWidth.truncate(value, to: valueWidth), to: valueWidth), x: valueX, y: y,
                role: focused ? .selection : row.editable ? .dialog : .dim, maxX: maxX)
        }
        if let error = form.error {
            let (head, rest) = TextWidth.split("⚠ " + error, at: width - 4)
            let y = rect.y + rect.height - 3
            grid.put(head, x: rect.x + 2, y: rest.isEmpty ? y : y - 1, role: .stateError, maxX: maxX)
            if !rest.isEmpty {
                grid.put(TextWidth.truncate(rest, to: width - 4), x: rect.x + 2, y: y, role: .stateError, maxX: maxX)
            }
        } else if lines.count > visible {
            grid.put(
                "\(top + 1)–\(min(lines.count, top + visible)) of \(lines.count)", x: rect.x + 2,
                y: rect.y + rect.height - 3, role: .dim, maxX: maxX)
        }
        let changed = form.changes.count
        let keys =
            form.busy
            ? "saving: checked, then kept as a version"
            : "↑↓ move  type to change  ^U undo  ⏎ save \(changed) change\(changed == 1 ? "" : "s")  Esc cancel"
        grid.put(keys, x: rect.x + 2, y: rect.y + rect.height - 2, role: .footerKey, maxX: maxX)
    }
}
