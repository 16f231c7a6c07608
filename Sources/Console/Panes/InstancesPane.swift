import Canvas
import HBModel

/// The instances table: one row per bot, an Error row's reason on a dimmed second line, a fleet total.
enum InstancesPane {
    struct Column: Sendable {
        let title: String
        let width: Int
        let right: Bool
        /// Columns with a higher number go first when the terminal is narrow; 0 never goes.
        let dropOrder: Int
        let value: @Sendable (InstanceSnapshot, Double) -> (String, StyleRole)
    }

    static let columns: [Column] = [
        Column(title: "STATE", width: 12, right: false, dropOrder: 0) { i, _ in
            ("● " + i.state.rawValue, StateStyle.role(i.state))
        },
        Column(title: "BOT", width: 8, right: false, dropOrder: 0) { i, _ in
            i.state == .running || i.state == .stopping
                ? (StateStyle.label(i.health), StateStyle.role(i.health)) : (Formatting.unknown, .dim)
        },
        Column(title: "UPTIME", width: 6, right: true, dropOrder: 5) { i, now in
            (
                i.state == .running ? Formatting.duration(seconds: i.startedAt.map { now - $0 }) : Formatting.unknown,
                i.runningTooLong ? .stateStarting : .text
            )
        },
        Column(title: "STRATEGY", width: 16, right: false, dropOrder: 6) { i, _ in
            (i.strategy ?? Formatting.unknown, .text)
        },
        Column(title: "P&L", width: 10, right: true, dropOrder: 0) { i, _ in
            (NumberText.signed(i.pnl), (i.pnl ?? 0) < 0 ? .negative : (i.pnl ?? 0) > 0 ? .positive : .text)
        },
        Column(title: "TRADES", width: 6, right: true, dropOrder: 3) { i, _ in
            (NumberText.count(i.trades, atLeast: i.countsAreLowerBounds && !i.tradesFromDatabase), .text)
        },
        Column(title: "VOLUME", width: 7, right: true, dropOrder: 7) { i, _ in (NumberText.compact(i.volume), .text) },
        Column(title: "ORD", width: 4, right: true, dropOrder: 2) { i, _ in
            (NumberText.count(i.openOrders, atLeast: i.ordersAreLowerBound, uncertain: i.hasUncertainOrders), .text)
        },
        Column(title: "ERR", width: 4, right: true, dropOrder: 1) { i, _ in
            (NumberText.count(i.errors), (i.errors ?? 0) > 0 ? .stateError : .text)
        },
        Column(title: "CPU%", width: 5, right: true, dropOrder: 4) { i, _ in
            (NumberText.cpu(i.resources.cpuPercent), .text)
        },
        Column(title: "MEM", width: 5, right: true, dropOrder: 8) { i, _ in
            // Past 90 % of its limit a bot is close to being OOM-killed: shown as an alert.
            (NumberText.memory(i.resources.memoryUsed), i.memoryNearLimit ? .stateError : .text)
        },
        Column(title: "NET ↓/↑", width: 11, right: true, dropOrder: 9) { i, _ in
            guard let rx = i.resources.networkRx, let tx = i.resources.networkTx else {
                return (Formatting.unknown, .text)
            }
            return ("\(NumberText.memory(rx))/\(NumberText.memory(tx))", .text)
        },
    ]

    /// Shown where several engines are watched: the engine (its context's name) of each row.
    static func hostColumn(width: Int) -> Column {
        Column(title: "HOST", width: width, right: false, dropOrder: 0) { i, _ in (i.host ?? "", .text) }
    }

    static let nameMinimum = 12

    /// The columns that fit in `width` beside a name column of at least `nameMinimum`.
    static func fitting(_ width: Int, hosts: [HostSnapshot] = []) -> [Column] {
        let hostWidth = min(12, max(4, hosts.map { TextWidth.of($0.name) }.max() ?? 0))
        var chosen = hosts.isEmpty ? columns : [hostColumn(width: hostWidth)] + columns
        func needed(_ cs: [Column]) -> Int { 4 + nameMinimum + cs.reduce(0) { $0 + $1.width + 1 } }
        while needed(chosen) > width,
            let drop = chosen.filter({ $0.dropOrder > 0 }).max(by: { $0.dropOrder < $1.dropOrder })
        {
            chosen.removeAll { $0.title == drop.title }
        }
        return chosen
    }

    static func draw(
        _ rows: [InstanceSnapshot], state: ConsoleState, snapshot: FleetSnapshot, now: Double, focused: Bool,
        in rect: Rect, into grid: inout CellGrid
    ) {
        let filter = state.filter.isEmpty ? "—" : state.filter
        grid.box(
            rect, title: "Instances \(rows.count) ── filter: \(filter) ── sort: \(state.sort.rawValue)",
            role: focused ? .title : .border)
        let inner = rect.inner
        guard inner.height >= 2 else { return }
        let shown = fitting(inner.width, hosts: snapshot.hosts)
        let nameWidth = inner.width - 3 - shown.reduce(0) { $0 + $1.width + 1 }
        var x = inner.x + 2
        x = grid.put(TextWidth.pad("NAME", to: nameWidth), x: x, y: inner.y, role: .header, bold: true) + 1
        for column in shown {
            x =
                grid.put(
                    TextWidth.pad(column.title, to: column.width, right: column.right), x: x, y: inner.y, role: .header,
                    bold: true) + 1
        }
        let selectedName = state.selection(in: rows)?.name
        let lines = layoutLines(rows)
        // With several engines, a subtotal for each above the fleet's.
        let totals = snapshot.hosts.isEmpty ? 1 : snapshot.hosts.count + 1
        let bodyHeight = max(1, inner.height - 1 - totals)
        let selectedLine = lines.firstIndex { $0.instance.name == selectedName && !$0.isReason } ?? 0
        let top = max(0, min(selectedLine - bodyHeight + 2, lines.count - bodyHeight))
        var y = inner.y + 1
        for line in lines.dropFirst(top).prefix(bodyHeight) {
            let instance = line.instance
            // A row whose engine does not answer shows what was last known, dimmed.
            let stale = !snapshot.engineIsLive(for: instance)
            if line.isReason {
                let text = [instance.reason, instance.diskWarning, instance.filesWarning].compactMap { $0 }.joined(
                    separator: " · ")
                let warns = instance.diskWarning != nil || instance.filesWarning != nil
                grid.put(
                    TextWidth.truncate(text, to: inner.width - 6), x: inner.x + 4, y: y,
                    role: warns ? .stateStarting : .dim)
            } else {
                let isSelected = instance.name == selectedName
                if isSelected { grid.put("▶", x: inner.x, y: y, role: .selection) }
                var cx = inner.x + 2
                cx =
                    grid.put(
                        TextWidth.pad(instance.containerName, to: nameWidth), x: cx, y: y, role: stale ? .stale : .text)
                    + 1
                let fresh = ErrorsView.newCount(instance, since: state.errorsAcknowledgedAt) > 0
                for column in shown {
                    var (text, role) = column.value(instance, now)
                    // A badge for errors that arrived since the last acknowledgement (`a` in the errors view).
                    if fresh && column.title == "ERR" { (text, role) = ("●" + text, .stateError) }
                    cx =
                        grid.put(
                            TextWidth.pad(text, to: column.width, right: column.right), x: cx, y: y,
                            role: stale ? .stale : role) + 1
                }
                if isSelected && focused {
                    grid.highlightRow(y, from: inner.x, to: inner.x + inner.width, role: .selection)
                }
            }
            y += 1
        }
        var totalY = inner.y + inner.height - totals
        for host in snapshot.hosts {
            let live = host.engine.isLive
            drawTotal(
                rows.filter { $0.host == host.name }, label: "TOTAL " + host.name, shown: shown, nameWidth: nameWidth,
                y: totalY, x: inner.x + 2,
                role: live ? .header : .stale, into: &grid)
            totalY += 1
        }
        drawTotal(rows, label: "TOTAL", shown: shown, nameWidth: nameWidth, y: totalY, x: inner.x + 2, into: &grid)
    }

    struct Line {
        let instance: InstanceSnapshot
        let isReason: Bool
    }

    static func layoutLines(_ rows: [InstanceSnapshot]) -> [Line] {
        rows.flatMap { instance -> [Line] in
            let showsReason =
                (instance.reason != nil
                    && (instance.state == .error || instance.state == .stopped || instance.state == .running))
                || instance.diskWarning != nil || instance.filesWarning != nil
            return [Line(instance: instance, isReason: false)]
                + (showsReason ? [Line(instance: instance, isReason: true)] : [])
        }
    }

    private static func drawTotal(
        _ rows: [InstanceSnapshot], label: String, shown: [Column], nameWidth: Int, y: Int, x: Int,
        role rowRole: StyleRole = .header,
        into grid: inout CellGrid
    ) {
        func sum(_ values: [Double?]) -> Double? {
            let known = values.compactMap { $0 }
            return known.isEmpty ? nil : known.reduce(0, +)
        }
        let running = rows.filter { $0.state == .running }.count
        var total = InstanceSnapshot(name: "TOTAL", state: .running)
        total.pnl = sum(rows.map(\.pnl))
        total.trades = sum(rows.map { $0.trades.map { Double($0) } }).map { Int($0) }
        total.volume = sum(rows.map(\.volume))
        total.openOrders = sum(rows.map { $0.openOrders.map { Double($0) } }).map { Int($0) }
        total.countsAreLowerBounds = rows.contains(where: \.countsAreLowerBounds)
        // Exact only when every bot's trades are: one lower bound makes the sum one too.
        total.tradesFromDatabase = rows.allSatisfy { $0.tradesFromDatabase || !$0.countsAreLowerBounds }
        total.ordersFromDatabase = !rows.contains(where: \.ordersAreLowerBound)
        total.errors = sum(rows.map { $0.errors.map { Double($0) } }).map { Int($0) }
        total.resources.cpuPercent = sum(rows.map(\.resources.cpuPercent))
        total.resources.memoryUsed = sum(rows.map { $0.resources.memoryUsed.map { Double($0) } }).map { UInt64($0) }
        var cx = grid.put(TextWidth.pad(label, to: nameWidth), x: x, y: y, role: rowRole, bold: true) + 1
        for column in shown {
            var (text, role) = column.value(total, 0)
            switch column.title {
            case "STATE":
                text = "\(running) running"
                role = rowRole
            case "BOT", "UPTIME", "STRATEGY", "NET ↓/↑", "HOST": text = ""
            default: break
            }
            cx =
                grid.put(
                    TextWidth.pad(text, to: column.width, right: column.right), x: cx, y: y,
                    role: rowRole == .stale ? .stale : role, bold: true) + 1
        }
    }
}
