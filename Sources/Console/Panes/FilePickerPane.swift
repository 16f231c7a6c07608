import Canvas

/// The upload dialog: the folder shown as its title, its entries (folders end in `/`), where the selected
/// file goes (◂ ▸ to choose), and the replace question when the file is already there.
enum FilePickerPane {
    static func draw(_ picker: FilePicker, into grid: inout CellGrid) {
        let width = min(grid.width - 2, 84)
        let height = min(grid.height - 2, max(10, picker.entries.count + 6))
        let rect = Rect(
            x: (grid.width - width) / 2, y: max(0, (grid.height - height) / 2), width: width, height: height)
        grid.fill(rect)
        let title = "Upload · " + TextWidth.truncate(picker.folder, to: max(8, width - 16))
        grid.box(rect, title: title + (picker.busy ? " · checking…" : ""), role: .border, titleRole: .dialogTitle)
        let maxX = rect.x + rect.width - 1
        let visible = max(1, rect.height - 5)
        let top = min(max(0, picker.selected - visible / 2), max(0, picker.entries.count - visible))
        if picker.entries.isEmpty {
            grid.put("no folders, .py or .yml files here", x: rect.x + 2, y: rect.y + 1, role: .dim, maxX: maxX)
        }
        for (offset, entry) in picker.entries.dropFirst(top).prefix(visible).enumerated() {
            let index = top + offset
            let name = entry.isFolder ? entry.name + "/" : entry.name
            let text = TextWidth.pad(TextWidth.truncate(name, to: width - 4), to: width - 4)
            grid.put(
                text, x: rect.x + 2, y: rect.y + 1 + offset,
                role: index == picker.selected ? .selection : entry.isFolder ? .header : .dialog, maxX: maxX)
        }
        let infoY = rect.y + rect.height - 3
        if let replacing = picker.replacing {
            grid.put(
                "\(replacing) exists: y replaces it (its content is kept as a version), n keeps it", x: rect.x + 2,
                y: infoY, role: .stateStarting, maxX: maxX)
        } else if let error = picker.error {
            // A reason may need two lines: the one above is kept free for it.
            let (head, rest) = TextWidth.split("⚠ " + error, at: width - 4)
            grid.put(head, x: rect.x + 2, y: rest.isEmpty ? infoY : infoY - 1, role: .stateError, maxX: maxX)
            if !rest.isEmpty {
                grid.put(
                    TextWidth.truncate(rest, to: width - 4), x: rect.x + 2, y: infoY, role: .stateError, maxX: maxX)
            }
        } else if let destination = picker.destination {
            let count = picker.destinations.count
            let shown = count > 1 ? "◂ \(destination) ▸  \(picker.destinationIndex + 1)/\(count)" : "\(destination)"
            grid.put("goes to  \(shown)", x: rect.x + 2, y: infoY, role: .dialog, maxX: maxX)
        }
        let keys =
            picker.busy
            ? "checking the file (YAML must parse, Python must compile)…"
            : picker.replacing != nil
                ? "y replace  n keep"
                : "↑↓ move  ⏎ open / upload  ⌫ up a folder  ← → where it goes  Esc cancel"
        grid.put(keys, x: rect.x + 2, y: rect.y + rect.height - 2, role: .footerKey, maxX: maxX)
    }
}
