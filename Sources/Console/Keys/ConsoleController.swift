import Canvas
import Foundation
import HBModel

/// Turns keys into state changes and commands, like htop's handlers returning flags: no I/O here.
public struct ConsoleController: Sendable {
    /// Changed only here and in the dialog handlers beside this file.
    public internal(set) var state = ConsoleState()

    /// `filter` starts the table filtered, as `/` would (`hbdeck --filter`).
    public init(readOnly: Bool = false, brokerOffer: BrokerOffer? = nil, filter: String = "") {
        state.readOnly = readOnly
        state.brokerOffer = brokerOffer
        state.filter = filter
    }

    /// The actions that change something, refused in read-only mode.
    static let changing: Set<KeyAction> = [
        .start, .stop, .restart, .delete, .broker, .edit, .create, .reload, .values, .upload, .network, .fleetStop,
    ]

    /// Handles one key; returns the commands to run.
    public mutating func handle(_ key: Key, snapshot: FleetSnapshot, logLines: [LogLine]) -> [ConsoleCommand] {
        if state.quitting != nil { return Keymap.overlayAction(for: key, in: .quitting) == .quitNow ? [.quitNow] : [] }
        if case .create(var form)? = state.overlay { return handleForm(&form, key, snapshot: snapshot) }
        if case .values(var form)? = state.overlay { return handleValues(&form, key) }
        if case .upload(var picker)? = state.overlay { return handlePicker(&picker, key) }
        if let overlay = state.overlay { return handleOverlay(overlay, key, snapshot: snapshot) }
        if state.editing != .none { return handleEditing(key) }
        let rows = state.visibleInstances(snapshot)
        let context: Keymap.Context = state.focus == .logs ? .logs : .instances
        guard let action = Keymap.action(for: key, in: context) else {
            if key == .escape { state.status = nil }
            return []
        }
        if state.readOnly, Self.changing.contains(action) {
            state.status = "read-only mode: nothing can be changed from this console"
            return [.refused("\(action)", target: state.selection(in: rows)?.name ?? "")]
        }
        let before = state.selection(in: rows)?.name
        let commands = perform(action, rows: rows, snapshot: snapshot, logLines: logLines)
        let after = state.selection(in: rows)?.name
        if before != after {
            state.showingBrokerLog = false
            return commands + [.follow(after)]
        }
        return commands
    }

    /// Keeps the selection valid when the rows change under it; returns a follow command when it moved.
    public mutating func reconcile(with snapshot: FleetSnapshot) -> ConsoleCommand? {
        let current = state.selection(in: state.visibleInstances(snapshot))?.name
        guard current != state.selected else { return nil }
        state.selected = current
        if state.showingBrokerLog { return nil }
        return .follow(current)
    }

    public mutating func setStatus(_ text: String?) {
        state.status = text
    }

    /// Quitting was asked for while `running` ran: the console waits for them, saying so, and takes only `q`.
    public mutating func waitToQuit(_ running: [RunningAction]) {
        state.overlay = nil
        state.editing = .none
        state.quitting = running
    }

    /// The actions still under way while the console waits to quit.
    public mutating func stillRunning(_ running: [RunningAction]) {
        if state.quitting != nil { state.quitting = running }
    }

    private mutating func perform(
        _ action: KeyAction, rows: [InstanceSnapshot], snapshot: FleetSnapshot, logLines: [LogLine]
    ) -> [ConsoleCommand] {
        let selected = state.selection(in: rows)
        switch action {
        case .quit: return [.quit]
        case .quitNow: return [.quitNow]
        case .hbotDoctor, .hbotStatus, .chartRange, .exportHistory: break  // keys of the details screen, handled there
        case .close, .confirm, .cancel, .expand, .acknowledge, .nextChoice, .previousChoice, .erase, .revert,
            .parentFolder:
            break  // keys of the overlays, handled there
        case .audit: return [.showAudit]
        case .fleetStop: return [.openFleetStop(among: rows.map(\.name))]
        case .orders: state.overlay = .orders(OrdersView())
        case .errors: state.overlay = .errors(ErrorsView())
        case .help: state.overlay = .help
        case .details:
            if let selected {
                state.overlay = .details(selected.name)
                state.chartRange = .live
                state.charts = nil
            }
        case .nextPane: state.focus = state.focus == .instances ? .logs : .instances
        case .moveUp, .moveDown, .pageUp, .pageDown, .first, .last:
            if state.focus == .logs {
                scrollLog(action, count: logLines.lazy.filter(state.logView.shows).count)
            } else {
                move(action, rows: rows)
            }
        case .filter: state.editing = .filter
        case .search: state.editing = .search
        case .cycleSort: state.sort = state.nextSort(snapshot)
        case .toggleFollow:
            state.logView.follow.toggle()
            state.logView.scroll = 0
        case .toggleWrap: state.logView.wrap.toggle()
        case .toggleTimestamps: state.logView.timestamps.toggle()
        case .toggleErrorsOnly: state.logView.errorsOnly.toggle()
        case .nextMatch, .previousMatch:
            jumpToMatch(older: action == .nextMatch, in: logLines)
        case .saveLog:
            if let subject = state.logSubject(snapshot) { return [.saveLog(subject)] }
        case .brokerLog:
            state.showingBrokerLog.toggle()
            state.logView = LogViewOptions()
            return [.follow(state.logSubject(snapshot))]
        case .start, .stop, .restart, .delete, .broker:
            guard snapshot.engineIsLive(for: selected) else {
                state.status = Self.offline(selected)
                return []
            }
            if action == .broker { return brokerAction(snapshot, selected: selected) }
            guard let selected else {
                state.status = "no instance selected"
                return []
            }
            return lifecycle(action, selected, snapshot: snapshot)
        case .create:
            guard !snapshot.throughAPI else {
                state.status =
                    "bots of hummingbot-api are deployed through it: hbdeck api deploy NAME --controllers CONFIGS (see hbdeck api --help)"
                return []
            }
            guard snapshot.primaryEngine.isLive else {
                state.status = Self.offline(nil)
                return []
            }
            guard snapshot.botsFolder != nil else {
                state.status = "no bots folder is configured (bots_folder in the config file): bots are created in it"
                return []
            }
            return [.openCreateForm]
        case .upload:
            guard snapshot.botsFolder != nil else {
                state.status =
                    "no bots folder is configured (bots_folder in the config file): files are uploaded into it"
                return []
            }
            return [.openUpload]
        case .network:
            guard snapshot.engineIsLive(for: selected) else {
                state.status = Self.offline(selected)
                return []
            }
            guard let selected, selected.containerID != nil else {
                state.status = "no deployed instance selected"
                return []
            }
            guard snapshot.botsFolder != nil else {
                state.status =
                    "no bots folder is configured (bots_folder in the config file): its broker address lives there"
                return []
            }
            confirmNetworkMove(selected)
        case .reload:
            guard snapshot.engineIsLive(for: selected) else {
                state.status = Self.offline(selected)
                return []
            }
            guard let selected else {
                state.status = "no instance selected"
                return []
            }
            guard snapshot.botsFolder != nil else {
                state.status = "no bots folder is configured (bots_folder in the config file): nothing to reload"
                return []
            }
            guard selected.state == .running else {
                state.status = "\(selected.name) is not running: it reads its files when it starts"
                return []
            }
            confirmReload(selected)
        case .edit, .values:
            guard let selected else {
                state.status = "no instance selected"
                return []
            }
            guard snapshot.botsFolder != nil else {
                state.status = "no bots folder is configured (bots_folder in the config file): nothing to edit"
                return []
            }
            guard let strategy = selected.strategy else {
                state.status = "\(selected.name) runs no script config: nothing to edit"
                return []
            }
            return [
                action == .values
                    ? .openValuesForm(selected.name, strategy: strategy) : .edit(selected.name, strategy: strategy)
            ]
        }
        return []
    }

    private mutating func confirmNetworkMove(_ instance: InstanceSnapshot) {
        let toIsolated = instance.networkMode == "host"
        let target = toIsolated ? "isolated" : "host"
        let running = instance.state == .running
        let steps = [
            running
                ? (instance.engine == .hbot
                    ? "1. Stop it gracefully (SIGTERM: it cancels its orders)."
                    : "1. Stop it: MQTT stop first (it cancels its orders), then the container.")
                : "1. It is not running: nothing to stop.",
            toIsolated
                ? "2. Give it a network of its own, hbdeck-\(instance.containerName), with the broker on it; conf_client.yml gets the broker's name."
                : "2. Put it back on host networking; conf_client.yml gets the broker's address on this machine.",
            "3. Make its container again from its own settings and folder\(toIsolated ? "" : ", and remove its network").",
            running ? "4. Start it again." : "4. Leave it stopped, as it was.",
        ]
        state.overlay = .confirm(
            Confirmation(
                title: "Move \(instance.name) to \(target) networking?", steps: steps,
                action: .moveNetwork(instance.name, to: target)))
    }

    private mutating func confirmReload(_ instance: InstanceSnapshot) {
        let name = instance.name
        let controllersOnly =
            "1. Only controller configs changed: nothing is done; the bot re-reads them within 10 s (updatable fields)."
        let steps =
            instance.engine == .hbot
            ? [
                controllersOnly,
                "2. A script or script config changed: a graceful restart (SIGTERM: the bot cancels its orders, then starts again).",
            ]
            : [
                controllersOnly,
                "2. A script or script config changed: MQTT stop (the bot cancels its orders), then start with the script;",
                "   if the bot refuses that start (the current client does), the container is restarted instead.",
            ]
        state.overlay = .confirm(
            Confirmation(
                title: "Reload \(name)'s strategy files?",
                steps: steps + ["Nothing is done when no file changed since it started."], action: .reload(name)))
    }

    private mutating func lifecycle(_ action: KeyAction, _ instance: InstanceSnapshot, snapshot: FleetSnapshot)
        -> [ConsoleCommand]
    {
        let name = instance.name
        // An undeployed folder can still be archived.
        guard instance.containerID != nil || (action == .delete && instance.state == .notDeployed) else {
            state.status = "\(name) has no container"
            return []
        }
        if instance.throughAPI != nil {
            if let refusal = APIConfirmations.refusal(action, instance) {
                state.status = refusal
                return []
            }
            if let confirmation = APIConfirmations.confirmation(action, instance) {
                state.overlay = .confirm(confirmation)
                return []
            }
        }
        switch action {
        case .start:
            if instance.state == .running {
                state.status = "\(name) is already running"
                return []
            }
            return [.start(name)]
        case .stop where instance.engine == .hbot:
            state.overlay = .confirm(
                Confirmation(
                    title: "Stop \(name)?",
                    steps: [
                        "1. Graceful stop: SIGTERM to the bot (the client's hbot runs it as the container's main process).",
                        "2. The bot cancels its open orders and exits by itself; after \(StopTimes.gracefulGrace) s it is killed.",
                    ],
                    action: .stop(name, skipBotStop: true)))
        case .stop:
            let botOnline = instance.health == .online
            let orders: String
            switch instance.openOrders {
            case let count? where instance.ordersAreLowerBound:
                orders = " it cancels its open orders (\(count) or more)."
            case 0?: orders = " it has no open orders."
            case let count?: orders = " it cancels its \(count) open order\(count == 1 ? "" : "s")."
            case nil: orders = " it cancels its open orders."
            }
            var steps = [String]()
            if botOnline { steps.append("1. Ask the bot to stop over MQTT;" + orders) }
            steps.append(
                botOnline
                    ? "2. Once it says it wound down, end the container (else \(StopTimes.containerGrace) s, then kill)."
                    : "1. Stop the container (up to \(StopTimes.containerGrace) s, then kill).")
            if !botOnline { steps.append("The bot is not online over MQTT: open orders stay on the exchange.") }
            state.overlay = .confirm(
                Confirmation(
                    title: "Stop \(name)?", steps: steps, action: .stop(name, skipBotStop: !botOnline),
                    alternative: botOnline
                        ? (key: "k", label: "Skip step 1", action: .stop(name, skipBotStop: true)) : nil))
        case .restart:
            state.overlay = .confirm(
                Confirmation(
                    title: "Restart \(name)?",
                    steps: ["Restart the container (up to \(StopTimes.containerGrace) s to stop, then kill)."],
                    action: .restart(name)))
        case .delete:
            let botOnline = instance.health == .online
            let running = instance.state == .running
            var steps = [String]()
            if running && instance.engine == .hbot {
                steps.append(
                    "Stop it gracefully (SIGTERM): the bot cancels its open orders and exits (\(StopTimes.gracefulGrace) s, then kill)."
                )
            } else if running {
                steps.append(
                    botOnline
                        ? "Ask the bot to stop over MQTT (it cancels its open orders), then end the container."
                        : "Stop the container (up to \(StopTimes.containerGrace) s, then kill): the bot is not online, open orders stay on the exchange."
                )
            }
            if instance.state != .notDeployed { steps.append("Remove the container.") }
            steps.append(
                snapshot.botsFolder == nil
                    ? "No bots folder is configured: the instance's folder stays where it is."
                    : "Move instances/\(name) to archived/\(name)-<date>-<time>; nothing is deleted.")
            state.overlay = .confirm(
                Confirmation(
                    title: "Delete \(name)?", steps: steps.enumerated().map { "\($0.offset + 1). \($0.element)" },
                    action: .delete(name, skipBotStop: !botOnline),
                    alternative: running && botOnline && instance.engine != .hbot
                        ? (key: "k", label: "Skip the MQTT stop", action: .delete(name, skipBotStop: true)) : nil))
        default:
            break
        }
        return []
    }

    /// Why nothing was done: the engine (of `instance`'s host, where several are watched) does not answer.
    static func offline(_ instance: InstanceSnapshot?) -> String {
        "\(instance?.host.map { "\($0)'s " } ?? "the ")Docker engine is offline: nothing was done"
    }

    /// `b` on the broker of the selected bot's host (the only broker with one engine): create it when there is
    /// none (on this machine's engine only), else start or stop it after a confirmation.
    private mutating func brokerAction(_ snapshot: FleetSnapshot, selected: InstanceSnapshot?) -> [ConsoleCommand] {
        let broker = snapshot.broker(for: selected)
        let host = selected?.host
        let on = host.map { " on \($0)" } ?? ""
        guard broker.state != nil else {
            guard host == nil || host == snapshot.hosts.first?.name, let offer = state.brokerOffer else {
                state.status =
                    "no broker container named \(broker.containerName)\(on)"
                    + (host.map {
                        $0 == snapshot.hosts.first?.name
                            ? "" : ": create it there with hbdeck broker create --context \($0)"
                    } ?? "")
                return []
            }
            let login =
                offer.username.map {
                    "2. Only the user \($0) gets in (its password from HBDECK_MQTT_PASSWORD); anonymous clients are refused."
                }
                ?? "2. Anonymous clients get in: set mqtt_username (and HBDECK_MQTT_PASSWORD) in the config for a login."
            state.overlay = .confirm(
                Confirmation(
                    title: "Create the broker \(broker.containerName)\(on)?",
                    steps: [
                        "1. Create it from \(offer.image) on \(offer.address) only (restarted unless stopped).", login,
                        "3. Start it. Bots deployed from now on are given its address\(offer.username == nil ? "" : " and login").",
                    ],
                    action: .createBroker))
            return []
        }
        if broker.state == .running, !broker.missingNetworks.isEmpty {
            let count = broker.missingNetworks.count
            state.overlay = .confirm(
                Confirmation(
                    title:
                        "Attach the broker \(broker.containerName)\(on) to \(count) isolated bot\(count == 1 ? "'s network" : "s' networks")?",
                    steps: [
                        "Attach it to \(broker.missingNetworks.joined(separator: ", ")) under its name, as those bots' conf_client.yml expects.",
                        "Those bots reach it again (they reconnect by themselves); nothing else changes.",
                    ],
                    action: .attachBroker(host: host)))
            return []
        }
        if broker.state == .running {
            let online = snapshot.instances.filter { $0.host == host && $0.health == .online }.count
            state.overlay = .confirm(
                Confirmation(
                    title: "Stop the broker \(broker.containerName)\(on)?",
                    steps: [
                        "Stop the broker container.",
                        "\(online) online bot\(online == 1 ? "" : "s")\(on) lose their link: no commands, no telemetry until it is back.",
                    ],
                    action: .stopBroker(host: host)))
            return []
        }
        return [.startBroker(host: host)]
    }

    private mutating func handleOverlay(_ overlay: ConsoleState.Overlay, _ key: Key, snapshot: FleetSnapshot)
        -> [ConsoleCommand]
    {
        switch overlay {
        case .create, .values, .upload:
            return []  // handled by their own handlers
        case .orders(var view):
            if view.editingFilter {
                switch key {
                case .enter: view.editingFilter = false
                case .escape:
                    view.filter = ""
                    view.editingFilter = false
                case .backspace, .delete: if !view.filter.isEmpty { view.filter.removeLast() }
                case .character(let c) where !c.isNewline && view.filter.count < 64: view.filter.append(c)
                default: break
                }
                view.scroll = 0
            } else {
                switch Keymap.overlayAction(for: key, in: .orders) {
                case .close?:
                    state.overlay = nil
                    return []
                case .cycleSort?: view.cycleSort()
                case .filter?: view.editingFilter = true
                case .moveDown?: view.scroll += 1
                case .moveUp?: view.scroll = max(0, view.scroll - 1)
                case .pageDown?: view.scroll += 10
                case .pageUp?: view.scroll = max(0, view.scroll - 10)
                case .first?: view.scroll = 0
                default: break
                }
                view.scroll = min(view.scroll, max(0, view.rows(state.shownFleet(snapshot)).count - 1))
            }
            state.overlay = .orders(view)
            return []
        case .errors(var view):
            let count = ErrorsView.groups(state.shownFleet(snapshot)).count
            switch Keymap.overlayAction(for: key, in: .errors) {
            case .close?:
                state.overlay = nil
                return []
            case .moveDown?:
                view.selected = min(view.selected + 1, max(0, count - 1))
                view.expanded = false
            case .moveUp?:
                view.selected = max(0, view.selected - 1)
                view.expanded = false
            case .expand?: view.expanded.toggle()
            case .acknowledge?:
                state.errorsAcknowledgedAt = snapshot.takenAt
                state.status = "errors acknowledged: the footer counts only newer ones"
            default: break
            }
            state.overlay = .errors(view)
            return []
        case .export(var dialog):
            switch dialog.handle(key) {
            case .none:
                state.overlay = .export(dialog)
                return []
            case .cancel:
                state.overlay = .details(dialog.instance)
                return []
            case .export(let request):
                state.overlay = .details(dialog.instance)
                state.status =
                    "exporting \(request.what.rawValue) of \(request.bot ?? "the fleet") (\(request.span.rawValue))…"
                return [.exportHistory(request)]
            }
        case .fleetStop(var chooser):
            switch Keymap.overlayAction(for: key, in: .fleetStop) {
            case .moveDown?: chooser.move(by: 1)
            case .moveUp?: chooser.move(by: -1)
            case .close?:
                state.overlay = nil
                return []
            case .confirm?:
                if let choice = chooser.current {
                    state.overlay = .confirm(chooser.confirmation(for: choice))
                    return []
                }
            default: break
            }
            state.overlay = .fleetStop(chooser)
            return []
        case .report(var report):
            switch Keymap.overlayAction(for: key, in: .report) {
            case .moveUp?: report.scroll = max(0, report.scroll - 1)
            case .moveDown?: report.scroll = min(max(0, report.lines.count - 1), report.scroll + 1)
            case .close?:
                state.overlay = nil
                return []
            default: break
            }
            state.overlay = .report(report)
            return []
        case .details(let name) where Keymap.overlayAction(for: key, in: .details) == .chartRange:
            state.chartRange = state.chartRange.next
            state.charts = nil
            return state.chartRange == .live ? [] : [.loadHistory(name, state.chartRange)]
        case .details(let name) where Keymap.overlayAction(for: key, in: .details) == .exportHistory:
            state.overlay = .export(ExportDialog(instance: name, charts: state.chartRange))
            return []
        case .details where Keymap.overlayAction(for: key, in: .details) == .close:
            state.overlay = nil
            return []
        case .details(let name) where Keymap.overlayAction(for: key, in: .details) != nil:
            guard let instance = snapshot.instances.first(where: { $0.name == name }), instance.engine == .hbot,
                instance.state == .running
            else {
                state.status = "\(name): hbot doctor and status answer only in a running bot that hbot runs"
                return []
            }
            let doctor = Keymap.overlayAction(for: key, in: .details) == .hbotDoctor
            state.status =
                "asking \(name)'s hbot for its \(doctor ? "doctor report" : "status") (the client starts Python: a few seconds)…"
            return [doctor ? .hbotDoctor(name) : .hbotStatus(name)]
        case .details:
            return []
        case .help:
            switch Keymap.overlayAction(for: key, in: .help) {
            case .close?:
                state.overlay = nil
                state.helpScroll = 0
            case .moveDown?: state.helpScroll += 1
            case .moveUp?: state.helpScroll = max(0, state.helpScroll - 1)
            default: break
            }
            return []
        case .confirm(let confirmation):
            switch Keymap.overlayAction(for: key, in: .confirm) {
            case .confirm?:
                state.overlay = nil
                return [confirmation.action]
            case _ where key == confirmation.alternative.map({ Key.character($0.key) }):
                state.overlay = nil
                return [confirmation.alternative!.action]
            case .cancel?:
                state.overlay = nil
                state.status = "cancelled: nothing was done"
            default:
                break
            }
            return []
        }
    }

    private mutating func handleEditing(_ key: Key) -> [ConsoleCommand] {
        let editingFilter = state.editing == .filter
        var text = editingFilter ? state.filter : state.logView.search
        switch key {
        case .enter: state.editing = .none
        case .escape:
            text = ""
            state.editing = .none
        case .backspace, .delete:
            if !text.isEmpty { text.removeLast() }
        case .character(let c) where !c.isNewline && text.count < 64:
            text.append(c)
        default:
            break
        }
        if editingFilter { state.filter = text } else { state.logView.search = text }
        return []
    }

    private mutating func move(_ action: KeyAction, rows: [InstanceSnapshot]) {
        guard !rows.isEmpty else { return }
        let index = rows.firstIndex { $0.name == state.selection(in: rows)?.name } ?? 0
        let target: Int
        switch action {
        case .moveUp: target = index - 1
        case .moveDown: target = index + 1
        case .pageUp: target = index - 10
        case .pageDown: target = index + 10
        case .first: target = 0
        default: target = rows.count - 1
        }
        state.selected = rows[min(max(0, target), rows.count - 1)].name
    }

    /// Scrolls the log pane so that the next match of the search (`n`: older, `N`: newer) is its last line.
    private mutating func jumpToMatch(older: Bool, in lines: [LogLine]) {
        let search = state.logView.search
        guard !search.isEmpty else {
            state.status = "no search: press / in the log pane first"
            return
        }
        let shown = lines.filter(state.logView.shows)
        let bottom = shown.count - 1 - state.logView.scroll
        let matches = shown.indices.filter { shown[$0].message.range(of: search, options: .caseInsensitive) != nil }
        let target = older ? matches.last { $0 < bottom } : matches.first { $0 > bottom }
        guard let target else {
            state.status = "no \(older ? "older" : "newer") match for \"\(search)\""
            return
        }
        state.status = nil
        state.logView.follow = false
        state.logView.scroll = shown.count - 1 - target
    }

    private mutating func scrollLog(_ action: KeyAction, count: Int) {
        var scroll = state.logView.scroll
        switch action {
        case .moveUp: scroll += 1
        case .moveDown: scroll -= 1
        case .pageUp: scroll += 10
        case .pageDown: scroll -= 10
        case .first: scroll = count
        default: scroll = 0
        }
        state.logView.scroll = min(max(0, scroll), max(0, count - 1))
        state.logView.follow = state.logView.scroll == 0
    }
}
