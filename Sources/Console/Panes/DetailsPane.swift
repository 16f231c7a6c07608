import Canvas
import HBModel

/// One instance in full (Enter): state and reason, the bot's figures, resources, charts, mounts, then
/// its controllers and open orders.
enum DetailsPane {
    static func draw(
        _ instance: InstanceSnapshot?, history: MetricHistory?, range: HistoryCharts.Range = .live,
        charts: HistoryCharts? = nil,
        now: Double, into grid: inout CellGrid
    ) {
        let rect = Rect(x: 0, y: 1, width: grid.width, height: grid.height - 2)
        grid.fill(rect)
        let keys =
            " · h charts"
            + (instance?.engine == .hbot && instance?.state == .running ? " · d hbot doctor · t hbot status" : "")
        grid.box(
            rect, title: "Details · \(instance?.name ?? "gone") · Esc returns\(keys)", role: .border,
            titleRole: .dialogTitle)
        guard let i = instance else {
            grid.put("This instance is no longer listed.", x: rect.x + 2, y: rect.y + 2, role: .dim)
            return
        }
        let bottom = rect.y + rect.height - 1
        let half = rect.width / 2
        let facts = facts(i, now: now)
        for (index, fact) in facts.prefix(rect.height - 2).enumerated() {
            let y = rect.y + 1 + index
            grid.put(TextWidth.pad(fact.0, to: 14), x: rect.x + 2, y: y, role: .header)
            grid.put(fact.1, x: rect.x + 17, y: y, role: fact.2, maxX: rect.x + half)
        }
        let rightX = rect.x + half + 1
        let rightWidth = rect.width - half - 3
        var y =
            range == .live
            ? drawCharts(
                history ?? MetricHistory(), x: rightX, y: rect.y + 1, width: rightWidth, maxY: bottom, into: &grid)
            : drawRecorded(charts, range: range, x: rightX, y: rect.y + 1, width: rightWidth, maxY: bottom, into: &grid)
        let factsEnd = rect.y + 1 + facts.count
        DetailsTable(
            title: "Mounts", columns: [.init(title: "HOST PATH → CONTAINER PATH", width: 0)],
            rows: i.mounts.map { [($0, .text)] },
            empty: "none"
        ).draw(x: rightX, y: y, width: rightWidth, maxY: min(bottom, factsEnd), into: &grid)
        y = max(factsEnd, y) + 1
        let width = rect.width - 4
        y = drawTraceback(i.crashTraceback, x: rect.x + 2, y: y, width: width, maxY: bottom, into: &grid)
        y = controllersTable(i).draw(x: rect.x + 2, y: y, width: width, maxY: bottom, into: &grid) + 1
        ordersTable(i, now: now).draw(x: rect.x + 2, y: y, width: width, maxY: bottom, into: &grid)
    }

    private static func facts(_ i: InstanceSnapshot, now: Double) -> [(String, String, StyleRole)] {
        let r = i.resources
        var facts: [(String, String, StyleRole)] = [
            ("State", "● \(i.state.rawValue)", StateStyle.role(i.state)),
            ("Reason", i.reason ?? Formatting.unknown, i.reason == nil ? .dim : .stateError),
            (
                "Bot",
                (i.engine == .hbot && i.health == nil ? Formatting.unknown : StateStyle.label(i.health)) + botSource(i),
                StateStyle.role(i.health)
            ),
            ("Image", i.image.isEmpty ? Formatting.unknown : i.image, .text),
            ("Container", i.containerID.map { String($0.prefix(12)) } ?? Formatting.unknown, .text),
            ("Supervision", i.supervision ?? Formatting.unknown, .text),
            ("Network", i.networkMode.isEmpty ? Formatting.unknown : i.networkShown, .text),
            (
                "Uptime",
                i.state == .running ? Formatting.duration(seconds: i.startedAt.map { now - $0 }) : Formatting.unknown,
                .text
            ),
            ("Strategy", i.strategy ?? Formatting.unknown, .text),
            (
                "P&L",
                NumberText.signed(i.pnl)
                    + source(i.pnl == nil ? nil : i.throughAPI == nil ? .performanceReport : .apiCopy, i, now: now),
                (i.pnl ?? 0) < 0 ? .negative : .positive
            ),
            (
                "Trades",
                NumberText.count(i.trades, atLeast: i.countsAreLowerBounds && !i.tradesFromDatabase)
                    + source(i.trades == nil ? nil : i.tradesFromDatabase ? .tradeDatabase : .eventsHeard, i, now: now),
                .text
            ),
            (
                "Volume", NumberText.compact(i.volume) + source(i.volume == nil ? nil : i.volumeSource, i, now: now),
                .text
            ),
            (
                "Open orders",
                NumberText.count(i.openOrders, atLeast: i.ordersAreLowerBound, uncertain: i.hasUncertainOrders)
                    + source(
                        i.openOrders == nil ? nil : i.ordersFromDatabase ? .tradeDatabase : .eventsHeard, i, now: now),
                .text
            ),
            ("Errors logged", NumberText.count(i.errors), (i.errors ?? 0) > 0 ? .stateError : .text),
            ("CPU", "\(NumberText.cpu(r.cpuPercent)) %", .text),
            ("Memory", "\(Formatting.bytes(r.memoryUsed)) / \(Formatting.bytes(r.memoryLimit))", .text),
            ("Network I/O", "↓ \(Formatting.bytes(r.networkRx))  ↑ \(Formatting.bytes(r.networkTx))", .text),
            ("Processes", r.pids.map { String($0) } ?? Formatting.unknown, .text),
            ("Figures from", r.source?.rawValue ?? Formatting.unknown, .dim),
        ]
        // Right under the state: why figures read `—` although the bot may have written them.
        if let files = i.filesWarning { facts.insert(("Bot files", files, .stateStarting), at: 2) }
        if let api = i.throughAPI {
            facts.insert(("Not given", InstanceSnapshot.notGivenByAPI, .dim), at: 2)
            facts.insert(("Through", "hummingbot-api at \(api)", .text), at: 2)
        }
        return facts
    }

    /// Where a trading figure was taken from, and how old that is: ` (performance report, 2s ago)`.
    private static func source(_ source: FigureSource?, _ i: InstanceSnapshot, now: Double) -> String {
        guard let source else { return "" }
        switch source {
        case .performanceReport:
            return
                " (\(source.rawValue)\(i.performanceAt.map { ", \(Formatting.duration(seconds: max(0, now - $0))) ago" } ?? ""))"
        case .tradeDatabase:
            return
                " (\(source.rawValue)\(i.databaseReadAt.map { ", read \(Formatting.duration(seconds: max(0, now - $0))) ago" } ?? ""))"
        case .eventsHeard, .apiCopy:
            return " (\(source.rawValue))"
        }
    }

    /// Where the bot's state comes from: its own status file (hbot-engine bots) or MQTT heartbeats.
    private static func botSource(_ i: InstanceSnapshot) -> String {
        if i.throughAPI != nil {
            return i.health == nil ? "" : " (as the API heard it)"
        }
        guard i.engine == .hbot else { return i.health == nil ? "" : " (MQTT heartbeats)" }
        guard i.health != nil else { return " (runs with hbot: its status file is read while it runs)" }
        guard let age = i.statusFileAge else { return " (hbot: no data/bot/status.json yet)" }
        let disagreement =
            i.mqttDisagrees.map { "; MQTT heartbeats say \(StateStyle.label($0)): the file is believed" } ?? ""
        return " (hbot: data/bot/status.json, \(Formatting.duration(seconds: age)) old\(disagreement))"
    }

    /// Returns the row after the charts.
    private static func drawCharts(_ h: MetricHistory, x: Int, y: Int, width: Int, maxY: Int, into grid: inout CellGrid)
        -> Int
    {
        let charts: [(String, [Double])] = [
            ("P&L", h.pnl), ("CPU %", h.cpu), ("Memory", h.memory), ("Network B/s", h.networkRate),
        ]
        var at = y
        for chart in charts where at + 1 < maxY {
            grid.put(chart.0, x: x, y: at, role: .header)
            let line = Sparkline.render(chart.1, width: width)
            grid.put(line.isEmpty ? Formatting.unknown : line, x: x, y: at + 1, role: .chart)
            at += 3
        }
        return at
    }

    /// Charts over an hour, a day or a week from the history store, with the time they span.
    static func drawRecorded(
        _ charts: HistoryCharts?, range: HistoryCharts.Range, x: Int, y: Int, width: Int, maxY: Int,
        into grid: inout CellGrid
    ) -> Int {
        guard let charts else {
            grid.put("\(range.rawValue): reading the history…", x: x, y: y, role: .dim, maxX: x + width)
            return y + 2
        }
        var at = y
        for series in charts.series where at + 1 < maxY {
            let latest = series.values.last { $0 != nil } ?? nil
            grid.put("\(series.title) · \(range.rawValue)", x: x, y: at, role: .header)
            if let latest {
                grid.put(NumberText.compact(latest), x: x + width - 10, y: at, role: .dim, maxX: x + width)
            }
            let line = Sparkline.render(gaps: series.values, width: width)
            grid.put(
                line.isEmpty ? "nothing recorded in this range" : line, x: x, y: at + 1,
                role: line.isEmpty ? .dim : .chart, maxX: x + width)
            at += 3
        }
        if at < maxY {
            let start = range == .hour ? NumberText.clock(charts.from, seconds: false) : Formatting.day(charts.from)
            let end = range == .hour ? NumberText.clock(charts.to, seconds: false) : Formatting.day(charts.to)
            let rule = String(repeating: "─", count: max(1, min(60, width) - start.count - end.count - 2))
            grid.put("\(start) \(rule) \(end)", x: x, y: at - 1, role: .dim, maxX: x + width)
        }
        return at
    }

    /// How the bot ended, as Python wrote it to errors.log; the exception line stands out. Returns the row after.
    private static func drawTraceback(
        _ lines: [String], x: Int, y: Int, width: Int, maxY: Int, into grid: inout CellGrid
    ) -> Int {
        guard !lines.isEmpty, y + 1 < maxY else { return y }
        grid.put("How it ended (errors.log)", x: x, y: y, role: .header, bold: true, maxX: x + width)
        // Room is kept for the tables below: the frames nearest the error and the exception are shown.
        let room = max(3, min(lines.count, (maxY - y - 1) / 2))
        let shown = lines.count <= room ? lines : [lines[0], "  …"] + lines.suffix(room - 2)
        for (index, line) in shown.enumerated() {
            let last = index == shown.count - 1
            grid.put(line, x: x + 2, y: y + 1 + index, role: last ? .stateError : .dim, maxX: x + width)
        }
        return y + shown.count + 2
    }

    private static func controllersTable(_ i: InstanceSnapshot) -> DetailsTable {
        DetailsTable(
            title: "Controllers",
            columns: [
                .init(title: "CONTROLLER", width: 0), .init(title: "P&L", width: 12), .init(title: "P&L %", width: 8),
                .init(title: "REALIZED", width: 12), .init(title: "UNREALIZED", width: 12),
                .init(title: "VOLUME", width: 9),
            ],
            rows: i.controllers.map { c in
                [
                    (c.name, .text), (NumberText.signed(c.pnl), pnlRole(c.pnl)),
                    (NumberText.signed(c.pnlPercent), pnlRole(c.pnlPercent)),
                    (NumberText.signed(c.realized), pnlRole(c.realized)),
                    (NumberText.signed(c.unrealized), pnlRole(c.unrealized)),
                    (NumberText.compact(c.volume), .text),
                ]
            },
            empty: i.health == nil ? "no MQTT link" : "no performance report from the bot yet")
    }

    private static func ordersTable(_ i: InstanceSnapshot, now: Double) -> DetailsTable {
        DetailsTable(
            title: i.hasUncertainOrders
                ? "Open orders · gap? = heard before the link to the broker broke: may be filled or cancelled"
                : i.throughAPI != nil
                    ? "Open orders · not given by hummingbot-api"
                    : i.ordersAreLowerBound ? "Open orders · those placed since the console listens" : "Open orders",
            columns: [
                .init(title: "ORDER ID", width: 0), .init(title: "PAIR", width: 12, right: false),
                .init(title: "SIDE", width: 4, right: false),
                .init(title: "AMOUNT", width: 10), .init(title: "FILLED", width: 10), .init(title: "PRICE", width: 12),
                .init(title: "AGE", width: 6),
            ],
            rows: i.orders.map { o in
                let side = o.side ?? Formatting.unknown
                return [
                    (o.id, .text), (o.tradingPair ?? Formatting.unknown, .text),
                    (side, side == "BUY" ? .positive : side == "SELL" ? .negative : .text),
                    (amount(o.amount), .text), (amount(o.filled), .text), (amount(o.price), .text),
                    (
                        o.uncertain ? "gap?" : Formatting.duration(seconds: now - o.createdAt),
                        o.uncertain ? .stale : .dim
                    ),
                ]
            },
            empty: i.throughAPI != nil ? Formatting.unknown : i.health == nil ? "no MQTT link" : "none")
    }

    private static func amount(_ value: Double?) -> String {
        guard let value, value.isFinite else { return Formatting.unknown }
        return NumberText.grouped(value, decimals: value.magnitude >= 100 ? 2 : 4)
    }

    private static func pnlRole(_ value: Double?) -> StyleRole {
        (value ?? 0) < 0 ? .negative : (value ?? 0) > 0 ? .positive : .text
    }
}
