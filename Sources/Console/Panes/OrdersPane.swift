import Canvas
import HBModel

/// Every bot's open orders in one table, over the whole screen but its header and footer.
enum OrdersPane {
    static func draw(_ view: OrdersView, snapshot: FleetSnapshot, now: Double, into grid: inout CellGrid) {
        let rect = Rect(x: 0, y: 1, width: grid.width, height: grid.height - 2)
        grid.fill(rect)
        let rows = view.rows(snapshot)
        let filter =
            view.editingFilter ? " ── filter: \(view.filter)▏" : view.filter.isEmpty ? "" : " ── filter: \(view.filter)"
        grid.box(
            rect,
            title:
                "Open orders \(rows.count) ── sort: \(view.sort.rawValue)\(filter) · o sort · / filter · Esc returns",
            role: .border, titleRole: .dialogTitle)
        let partial = rows.contains(where: \.partial) || rows.contains(where: \.order.uncertain)
        let table = DetailsTable(
            title: partial
                ? "Some bots were not heard for all of their run (≥) or across a gap (gap?): more or fewer may be open"
                : "As the bots reported them, or their trade databases recorded them",
            columns: [
                .init(title: "BOT", width: 0), .init(title: "EXCHANGE", width: 20, right: false),
                .init(title: "PAIR", width: 12, right: false), .init(title: "SIDE", width: 4, right: false),
                .init(title: "PRICE", width: 12), .init(title: "AMOUNT", width: 10), .init(title: "FILLED", width: 10),
                .init(title: "AGE", width: 6),
            ],
            rows: rows.dropFirst(min(view.scroll, max(0, rows.count - 1))).map { row in
                let o = row.order
                let side = o.side ?? Formatting.unknown
                return [
                    (row.bot + (row.partial ? " ≥" : ""), .text), (o.exchange ?? Formatting.unknown, .dim),
                    (o.tradingPair ?? Formatting.unknown, .text),
                    (side, side == "BUY" ? .positive : side == "SELL" ? .negative : .text),
                    (number(o.price), .text), (number(o.amount), .text), (number(o.filled), .text),
                    (
                        o.uncertain ? "gap?" : Formatting.duration(seconds: now - o.createdAt),
                        o.uncertain ? .stale : .dim
                    ),
                ]
            },
            empty: view.filter.isEmpty
                ? "no open orders heard from any bot" : "no open order matches \"\(view.filter)\"")
        table.draw(x: rect.x + 1, y: rect.y + 1, width: rect.width - 3, maxY: rect.y + rect.height - 1, into: &grid)
    }

    private static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return Formatting.unknown }
        return NumberText.grouped(value, decimals: value.magnitude >= 100 ? 2 : 4)
    }
}
