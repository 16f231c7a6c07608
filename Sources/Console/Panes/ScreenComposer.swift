import Canvas
import HBModel

/// Lays the panes out for the terminal's size and draws one whole frame into a grid.
public enum ScreenComposer {
    public static let minimumSize = (width: 80, height: 24)

    /// Redraws only the top line of a frame: what changes when nothing but the clock moved.
    public static func refreshHeader(_ grid: inout CellGrid, snapshot: FleetSnapshot, state: ConsoleState, now: Double)
    {
        guard grid.width >= minimumSize.width, grid.height >= minimumSize.height else { return }
        grid.fill(Rect(x: 0, y: 0, width: grid.width, height: 1))
        HeaderPane.draw(
            snapshot, newErrors: ErrorsView.newCount(snapshot, since: state.errorsAcknowledgedAt), now: now, into: &grid
        )
    }

    public static func compose(
        _ snapshot: FleetSnapshot, state: ConsoleState, logLines: [LogLine],
        logStatus: LogFeedState.Status = .following,
        now: Double, width: Int, height: Int
    ) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        guard width >= minimumSize.width, height >= minimumSize.height else {
            OverlayPanes.drawTooSmall(into: &grid, minimum: minimumSize)
            return grid
        }
        let newErrors = ErrorsView.newCount(snapshot, since: state.errorsAcknowledgedAt)
        HeaderPane.draw(snapshot, newErrors: newErrors, now: now, into: &grid)
        let rows = state.visibleInstances(snapshot)
        let selected = state.selection(in: rows)
        let bottomHeight = max(10, (height - 2) * 2 / 5)
        let tableHeight = height - 2 - bottomHeight
        InstancesPane.draw(
            rows, state: state, snapshot: snapshot, now: now, focused: state.focus == .instances,
            in: Rect(x: 0, y: 1, width: width, height: tableHeight), into: &grid)
        let sideWidth = min(52, width * 2 / 5)
        let logRect = Rect(x: 0, y: 1 + tableHeight, width: width - sideWidth, height: bottomHeight)
        LogPane.draw(
            logLines, name: state.logSubject(snapshot), feed: logStatus, options: state.logView,
            focused: state.focus == .logs, in: logRect, into: &grid)
        let brokerHeight = 5
        BrokerPane.draw(
            snapshot, selected: selected, now: now,
            in: Rect(x: width - sideWidth, y: 1 + tableHeight, width: sideWidth, height: brokerHeight), into: &grid)
        MetricsPane.draw(
            selected, history: selected.flatMap { snapshot.history[$0.name] },
            in: Rect(
                x: width - sideWidth, y: 1 + tableHeight + brokerHeight, width: sideWidth,
                height: bottomHeight - brokerHeight), into: &grid)
        let errors = snapshot.instances.filter { $0.state == .error }.count
        FooterPane.draw(state, errors: errors, newErrors: newErrors, into: &grid)
        switch state.overlay {
        case .help?: HelpPane.draw(scroll: state.helpScroll, into: &grid)
        case .details(let name)?:
            drawDetails(name, snapshot: snapshot, state: state, now: now, into: &grid)
        case .confirm(let confirmation)?: OverlayPanes.drawConfirmation(confirmation, into: &grid)
        case .create(let form)?: CreateFormPane.draw(form, into: &grid)
        case .values(let form)?: ValuesFormPane.draw(form, into: &grid)
        case .upload(let picker)?: FilePickerPane.draw(picker, into: &grid)
        case .report(let report)?: ReportPane.draw(report, into: &grid)
        case .fleetStop(let chooser)?: FleetStopPane.draw(chooser, into: &grid)
        case .orders(let view)?: OrdersPane.draw(view, snapshot: state.shownFleet(snapshot), now: now, into: &grid)
        case .errors(let view)?:
            ErrorsPane.draw(
                view, snapshot: state.shownFleet(snapshot), acknowledgedAt: state.errorsAcknowledgedAt, now: now,
                into: &grid)
        case .export(let dialog)?:
            drawDetails(dialog.instance, snapshot: snapshot, state: state, now: now, into: &grid)
            ExportDialogPane.draw(dialog, into: &grid)
        case nil: break
        }
        if let running = state.quitting { OverlayPanes.drawQuitting(running, now: now, into: &grid) }
        return grid
    }

    private static func drawDetails(
        _ name: String, snapshot: FleetSnapshot, state: ConsoleState, now: Double, into grid: inout CellGrid
    ) {
        DetailsPane.draw(
            snapshot.instances.first { $0.name == name }, history: snapshot.history[name], range: state.chartRange,
            charts: state.charts?.instance == name ? state.charts : nil, now: now, into: &grid)
    }
}
