import Canvas

/// The export dialog: four choices and where the file will go.
enum ExportDialogPane {
    static func draw(_ dialog: ExportDialog, into grid: inout CellGrid) {
        let width = min(grid.width - 2, 64)
        let height = ExportDialog.rows.count + 6
        let rect = Rect(
            x: (grid.width - width) / 2, y: max(0, (grid.height - height) / 2), width: width, height: height)
        grid.fill(rect)
        grid.box(rect, title: "Export history", role: .border, titleRole: .dialogTitle)
        for (index, (label, value)) in zip(ExportDialog.rows, dialog.values).enumerated() {
            let y = rect.y + 1 + index
            let chosen = index == dialog.row
            grid.put(chosen ? "▶" : " ", x: rect.x + 2, y: y, role: .selection)
            grid.put(TextWidth.pad(label, to: 8), x: rect.x + 4, y: y, role: .header)
            grid.put(
                "◀ \(value) ▶", x: rect.x + 13, y: y, role: chosen ? .footerKey : .dialog, bold: chosen,
                maxX: rect.x + rect.width - 1)
        }
        let y = rect.y + ExportDialog.rows.count + 2
        grid.put(
            "to ./hbdeck-\(dialog.request.bot ?? "fleet")-\(dialog.what.rawValue)-<time>.\(dialog.format.rawValue)",
            x: rect.x + 2, y: y, role: .dim, maxX: rect.x + rect.width - 1)
        grid.put(
            "↑↓ choose · ←→ change · ⏎ export · Esc cancel", x: rect.x + 2, y: y + 2, role: .footerKey,
            maxX: rect.x + rect.width - 1)
    }
}
