import Canvas
import HBModel

/// Sparklines of CPU, memory, network and P&L for the selected instance.
enum MetricsPane {
    static func draw(_ instance: InstanceSnapshot?, history: MetricHistory?, in rect: Rect, into grid: inout CellGrid) {
        grid.box(rect, title: "Metrics · \(instance?.name ?? "—") · last \(MetricHistory.capacity * 2 / 60) min")
        let inner = rect.inner
        guard let instance, inner.height >= 1 else { return }
        let h = history ?? MetricHistory()
        let r = instance.resources
        let rows: [(String, [Double], String)] = [
            ("CPU", h.cpu, "\(NumberText.cpu(r.cpuPercent)) %"),
            ("MEM", h.memory, "\(NumberText.memory(r.memoryUsed)) / \(NumberText.memory(r.memoryLimit))"),
            ("NET", h.networkRate, NumberText.rate(h.networkRate.last)),
            ("P&L", h.pnl, NumberText.signed(instance.pnl)),
        ]
        let chartWidth = max(4, inner.width - 22)
        for (i, row) in rows.prefix(inner.height).enumerated() {
            let y = inner.y + i
            grid.put(" " + row.0, x: inner.x, y: y, role: .header)
            let chart = Sparkline.render(row.1, width: chartWidth)
            grid.put(chart.isEmpty ? Formatting.unknown : chart, x: inner.x + 6, y: y, role: .chart)
            grid.put(row.2, x: inner.x + 7 + chartWidth, y: y, maxX: inner.x + inner.width)
        }
    }
}
