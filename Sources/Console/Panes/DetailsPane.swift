import Canvas
import HBModel

/// One instance in full (Enter): state and reason, the bot's figures, resources, and larger charts.
enum DetailsPane {
    static func draw(_ instance: InstanceSnapshot?, history: MetricHistory?, now: Double, into grid: inout CellGrid) {
        let rect = Rect(x: 2, y: 1, width: grid.width - 4, height: grid.height - 2)
        grid.fill(rect)
        grid.box(rect, title: "Details · \(instance?.name ?? "gone") · Esc returns", role: .border, titleRole: .dialogTitle)
        guard let i = instance else {
            grid.put("This instance is no longer listed.", x: rect.x + 2, y: rect.y + 2, role: .dim)
            return
        }
        let r = i.resources
        let facts: [(String, String, StyleRole)] = [
            ("State", "● \(i.state.rawValue)", StateStyle.role(i.state)),
            ("Reason", i.reason ?? Formatting.unknown, i.reason == nil ? .dim : .stateError),
            ("Bot", StateStyle.label(i.health), StateStyle.role(i.health)),
            ("Image", i.image.isEmpty ? Formatting.unknown : i.image, .text),
            ("Container", i.containerID.map { String($0.prefix(12)) } ?? Formatting.unknown, .text),
            ("Network", i.networkMode.isEmpty ? Formatting.unknown : i.networkMode, .text),
            ("Uptime", i.state == .running ? Formatting.duration(seconds: i.startedAt.map { now - $0 }) : Formatting.unknown, .text),
            ("Strategy", i.strategy ?? Formatting.unknown, .text),
            ("P&L", NumberText.signed(i.pnl), (i.pnl ?? 0) < 0 ? .negative : .positive),
            ("Trades", NumberText.count(i.trades), .text),
            ("Volume", NumberText.compact(i.volume), .text),
            ("Open orders", NumberText.count(i.openOrders), .text),
            ("Errors logged", NumberText.count(i.errors), (i.errors ?? 0) > 0 ? .stateError : .text),
            ("CPU", "\(NumberText.cpu(r.cpuPercent)) %", .text),
            ("Memory", "\(Formatting.bytes(r.memoryUsed)) / \(Formatting.bytes(r.memoryLimit))", .text),
            ("Network I/O", "↓ \(Formatting.bytes(r.networkRx))  ↑ \(Formatting.bytes(r.networkTx))", .text),
            ("Processes", r.pids.map { String($0) } ?? Formatting.unknown, .text),
        ]
        for (index, fact) in facts.prefix(rect.height - 2).enumerated() {
            let y = rect.y + 1 + index
            grid.put(TextWidth.pad(fact.0, to: 14), x: rect.x + 2, y: y, role: .header)
            grid.put(fact.1, x: rect.x + 17, y: y, role: fact.2, maxX: rect.x + rect.width / 2)
        }
        let chartX = rect.x + rect.width / 2 + 1
        let chartWidth = rect.width / 2 - 4
        let h = history ?? MetricHistory()
        let charts: [(String, [Double])] = [("P&L", h.pnl), ("CPU %", h.cpu), ("Memory", h.memory), ("Network B/s", h.networkRate)]
        for (index, chart) in charts.enumerated() {
            let y = rect.y + 1 + index * 3
            guard y + 1 < rect.y + rect.height - 1 else { break }
            grid.put(chart.0, x: chartX, y: y, role: .header)
            let line = Sparkline.render(chart.1, width: chartWidth)
            grid.put(line.isEmpty ? Formatting.unknown : line, x: chartX, y: y + 1, role: .chart)
        }
    }
}
