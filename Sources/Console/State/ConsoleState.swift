import HBModel

/// What the operator has chosen on screen: selection, focus, filter, overlays. Changed only by key handling.
public struct ConsoleState: Sendable, Equatable {
    public enum Focus: Sendable, Equatable { case instances, logs }
    public enum Overlay: Sendable, Equatable {
        case help
        case details(String)
        case confirm(Confirmation)
        case create(CreateForm)
        case values(ValuesForm)
        case upload(FilePicker)
        case report(Report)
        case orders(OrdersView)
        case errors(ErrorsView)
        case export(ExportDialog)
        case fleetStop(FleetStopChooser)
    }
    public enum SortKey: String, Sendable, CaseIterable {
        case name, state, pnl, cpu
        /// Host by host in the order the config names them, then by name; offered only with several engines.
        case host
    }
    public enum Editing: Sendable, Equatable { case none, filter, search }

    public var selected: String?
    public var focus: Focus = .instances
    public var filter = ""
    public var editing: Editing = .none
    public var sort: SortKey = .name
    public var overlay: Overlay?
    /// How far the help is scrolled, where it is taller than the terminal.
    public var helpScroll = 0
    /// Progress or the result of the last action; stays until the next one.
    public var status: String?
    public var logView = LogViewOptions()
    /// The log pane shows the broker's container log instead of the selected instance's.
    public var showingBrokerLog = false
    /// Nothing that changes anything may be done: a screen to watch, safely.
    public var readOnly = false
    /// The details screen's chart range, and the history read for it (nil while it loads, or for `live`).
    public var chartRange = HistoryCharts.Range.live
    public var charts: HistoryCharts?
    /// Errors received after this were not acknowledged yet (`a` in the errors view): the footer counts them.
    public var errorsAcknowledgedAt = 0.0
    /// The broker `b` offers to create when there is none (nil: not offered).
    public var brokerOffer: BrokerOffer?
    /// Quitting was asked for while these actions ran: the console ends once they have (nil: not quitting).
    public var quitting: [RunningAction]?

    public init() {}

    /// The rows the table shows, filtered and sorted.
    /// The fleet with only the instances the table's filter shows (by name or state), as the orders and errors
    /// views list them: a filtered console is about those bots.
    public func shownFleet(_ snapshot: FleetSnapshot) -> FleetSnapshot {
        let needle = filter.lowercased()
        guard !needle.isEmpty else { return snapshot }
        var shown = snapshot
        shown.instances = snapshot.instances.filter {
            $0.name.lowercased().contains(needle) || $0.state.rawValue.lowercased().contains(needle)
        }
        return shown
    }

    public func visibleInstances(_ snapshot: FleetSnapshot) -> [InstanceSnapshot] {
        let rows = shownFleet(snapshot).instances
        // Sorted by index: moving whole snapshots around in a sort costs more than comparing them.
        let order: [Int]
        switch sort {
        case .name: order = rows.indices.sorted { rows[$0].name < rows[$1].name }
        case .state:
            order = rows.indices.sorted {
                (rows[$0].state.rawValue, rows[$0].name) < (rows[$1].state.rawValue, rows[$1].name)
            }
        case .pnl:
            order = rows.indices.sorted {
                (rows[$0].pnl ?? -.infinity, rows[$1].name) > (rows[$1].pnl ?? -.infinity, rows[$0].name)
            }
        case .cpu:
            order = rows.indices.sorted {
                (rows[$0].resources.cpuPercent ?? -1, rows[$1].name) > (
                    rows[$1].resources.cpuPercent ?? -1, rows[$0].name
                )
            }
        case .host:
            let rank = Dictionary(
                snapshot.hosts.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
            let place = rows.map { $0.host.flatMap { rank[$0] } ?? rank.count }
            order = rows.indices.sorted { (place[$0], rows[$0].name) < (place[$1], rows[$1].name) }
        }
        return order.map { rows[$0] }
    }

    /// The sort `o` chooses after the current one: by host only where several engines are watched.
    public func nextSort(_ snapshot: FleetSnapshot) -> SortKey {
        let offered = SortKey.allCases.filter { $0 != .host || snapshot.hosts.count > 1 }
        let here = offered.firstIndex(of: sort) ?? offered.count - 1
        return offered[(here + 1) % offered.count]
    }

    /// Whose log the log pane shows.
    public func logSubject(_ snapshot: FleetSnapshot) -> String? {
        let selected = selection(in: visibleInstances(snapshot))
        guard showingBrokerLog else { return selected?.name }
        // Where several engines are watched, the broker of the selected bot's host.
        let broker = snapshot.broker(for: selected).containerName
        return selected?.host.map { "\($0)/\(broker)" } ?? broker
    }

    /// The selected instance, kept when it is still shown, else the first row.
    public func selection(in rows: [InstanceSnapshot]) -> InstanceSnapshot? {
        rows.first { $0.name == selected } ?? rows.first
    }
}
