import Canvas
import Console
import Deploy
import Foundation
import HBModel
import Monitor
import Terminal

/// The draw loop: reads keys, applies them, redraws when something changed (at most every 50 ms),
/// and sleeps in between. It runs on a thread of its own because ncurses is used from one thread.
struct ConsoleLoop {
    /// Every engine watched; with several, instance names read `HOST/NAME`.
    let fleet: FleetGroup
    let feed: LogFeed
    let theme: Theme
    let status: LatestValue<String?>
    /// Refuse every change (`--read-only`, `read_only` in the config, `HBDECK_READ_ONLY`).
    var readOnly = false
    /// The broker `b` creates when there is none.
    var brokerPlan: BrokerPlan?
    /// The table's filter at start (`--filter`).
    var filter = ""
    /// How the last deploy, save or upload from a dialog ended, for the dialog (nil: not yet).
    let dialogs = LatestValue<DialogOutcome?>(nil)

    static func runOnOwnThread(
        fleet: FleetGroup, feed: LogFeed, theme: Theme, initialStatus: String?, readOnly: Bool, brokerPlan: BrokerPlan?, filter: String
    ) async -> Result<Void, TerminalScreen.StartError> {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                let loop = ConsoleLoop(fleet: fleet, feed: feed, theme: theme, status: LatestValue(initialStatus), readOnly: readOnly, brokerPlan: brokerPlan, filter: filter)
                continuation.resume(returning: loop.run())
            }
            thread.name = "hbdeck-draw"
            thread.start()
        }
    }

    /// The engine on this machine: its bots folder, broker plan, audit log and history are hbdeck's.
    var monitor: FleetMonitor { fleet.primary }

    func run() -> Result<Void, TerminalScreen.StartError> {
        TerminationSignal.install()
        let screen = TerminalScreen(theme: theme)
        do {
            try screen.start()
        } catch let error as TerminalScreen.StartError {
            return .failure(error)
        } catch {
            return .failure(.noTerminal(""))
        }
        defer { screen.stop() }

        let launched = Date().timeIntervalSince1970
        let offer = brokerPlan.map { plan in
            BrokerOffer(image: plan.image, address: "\(plan.bind):\(plan.port)\(plan.hostNetwork ? " (host network)" : "")", username: plan.username)
        }
        var controller = ConsoleController(readOnly: readOnly, brokerOffer: offer, filter: filter)
        var snapshotVersion = -1
        var logVersion = -1
        var logSubject: String?
        // The pane's subject changes only with a key or a new snapshot: worked out again only then.
        var subjectMayHaveChanged = true
        var statusVersion = -1
        var dialogsVersion = dialogs.version
        var snapshot = fleet.snapshots.current.value
        var logs: [LogLine] = []
        var logStatus = LogFeedState.Status.following
        // Commands run in the order the keys came: a follow is done before the save after it.
        let (commands, queue) = AsyncStream.makeStream(of: ConsoleCommand.self)
        let worker = Task { for await command in commands { await perform(command) } }
        defer {
            queue.finish()
            worker.cancel()
        }
        var dirty = true
        // A key or an action's result is drawn within 50 ms; the fleet's own changes (telemetry, log lines)
        // are gathered into at most two frames a second, which is calmer to watch and cheaper to draw.
        var urgent = true
        var clockOnly = false
        var frame: CellGrid?
        var lastDraw = 0.0
        var lastSecond = 0
        var followed: (name: String, started: Double)?

        let wake = WakeSignal()
        fleet.snapshots.onChange { wake.poke() }
        feed.state.onChange { wake.poke() }
        status.onChange { wake.poke() }
        dialogs.onChange { wake.poke() }

        keyLoop: while TerminationSignal.received == nil {
            while let key = screen.readKey() {
                if key == .resize { screen.invalidate() }
                let commands = controller.handle(key, snapshot: snapshot, logLines: logs)
                if commands.contains(.quit) { break keyLoop }
                for command in commands {
                    // What reads or changes an instance's files needs it on this machine, by its own name.
                    guard let command = onThisMachine(command) else { continue }
                    // The editor takes the terminal: it runs here, on the thread that owns ncurses.
                    if case .edit(let name, let strategy) = command {
                        let said = editConfig(of: name, strategy: strategy, folder: snapshot.botsFolder, on: screen)
                        status.set(said)
                        record("edit", name, said)
                        continue
                    }
                    // Dialogs open with what a few small reads of the bots folder or a listed folder give.
                    if open(command, in: &controller, snapshot: snapshot) { continue }
                    queue.yield(command)
                }
                dirty = true
                urgent = true
                subjectMayHaveChanged = true
            }
            if fleet.snapshots.version != snapshotVersion {
                let latest = fleet.snapshots.current
                snapshotVersion = latest.version
                // The monitor publishes only what changed: a new version is a new snapshot.
                snapshot = latest.value
                dirty = true
                subjectMayHaveChanged = true
                if let follow = controller.reconcile(with: snapshot) { queue.yield(follow) }
                // A restarted container has a new log stream: follow it again.
                let selected = controller.state.selection(in: controller.state.visibleInstances(snapshot))
                if !controller.state.showingBrokerLog, let name = selected?.name, let started = selected?.startedAt {
                    if let followed, followed.name == name, followed.started != started { queue.yield(.refollow(name)) }
                    followed = (name, started)
                }
            }
            let subject = subjectMayHaveChanged ? controller.state.logSubject(snapshot) : logSubject
            subjectMayHaveChanged = false
            if feed.state.version != logVersion || subject != logSubject {
                let logState = feed.state.current
                logVersion = logState.version
                logSubject = subject
                // Only the lines of the instance the pane is titled with; another's are never shown under it.
                let current = logState.value.name == logSubject
                logs = current ? logState.value.lines : []
                logStatus = current ? logState.value.status : .following
                dirty = true
            }
            if dialogs.version != dialogsVersion {
                let latest = dialogs.current
                dialogsVersion = latest.version
                switch latest.value {
                case .created(let problem)?: controller.createFinished(problem: problem)
                case .valuesSaved(let error)?: controller.valuesSaved(error: error)
                case .uploaded(let error, let exists)?: controller.uploadFinished(error: error, exists: exists)
                case .valuesOpened(let form)?: controller.showValuesForm(form)
                case .report(let report)?: controller.showReport(report)
                case .charts(let charts)?: controller.showCharts(charts)
                case nil: break
                }
                dirty = true
                urgent = true
            }
            if status.version != statusVersion {
                let statusState = status.current
                statusVersion = statusState.version
                controller.setStatus(statusState.value)
                dirty = true
                urgent = true
            }
            let now = Date().timeIntervalSince1970
            if Int(now) != lastSecond {
                lastSecond = Int(now)
                clockOnly = true
            }
            let size = screen.size
            // The first frame waits (a moment at most) for the monitor's first snapshot, so that the
            // 50 ms between frames is not spent on an empty table just before the full one.
            let ready = snapshotVersion > 0 || now - launched >= 0.25
            let spacing = urgent ? 0.05 : 0.5
            if dirty && ready && now - lastDraw >= spacing {
                let grid = ScreenComposer.compose(
                    snapshot, state: controller.state, logLines: logs, logStatus: logStatus, now: now, width: size.width, height: size.height)
                screen.draw(grid)
                frame = grid
                lastDraw = now
                dirty = false
                urgent = false
                clockOnly = false
            } else if clockOnly, var grid = frame, grid.width == size.width, grid.height == size.height {
                // Only the clock moved: redraw the top line, not the whole frame.
                ScreenComposer.refreshHeader(&grid, snapshot: snapshot, state: controller.state, now: now)
                screen.draw(grid)
                frame = grid
                clockOnly = false
            }
            // Sleep until a key or a change: sooner when a redraw waits for its turn, at the latest at the
            // next second for the clock, and at most 250 ms, as a resize or signal may reach another thread.
            let untilNextSecond = Int((Double(lastSecond + 1) - now) * 1000) + 1
            let timeout = !dirty ? min(250, untilNextSecond)
                : ready ? Int((spacing - (now - lastDraw)) * 1000) + 1
                : Int((0.25 - (now - launched)) * 1000) + 1
            guard screen.wait(for: wake, milliseconds: timeout) else { break }
        }
        return .success(())
    }

    /// Runs one command, in order. Actions on instances go on in the background (one at a time per
    /// instance, guarded by the monitor); their progress and result come back through `status`.
    private func perform(_ command: ConsoleCommand) async {
        let monitor = monitor
        let status = status
        let progress: FleetMonitor.Progress = { status.set($0) }
        switch command {
        case .follow(let name): await follow(name)
        case .refollow(let name): await follow(name, again: true)
        case .saveLog(let name):
            if let lines = await feed.lines(of: name) {
                status.set(LogSaver.save(lines, name: name))
            } else {
                status.set("the log pane does not show \(name): nothing saved")
            }
        case .refused(let action, let target): record(action, target, "refused: read-only mode")
        case .start(let name): onEngine(name, "start") { await $0.start($1, progress: $2) }
        case .stop(let name, let skip): onEngine(name, "stop") { await $0.stop($1, skipBotStop: skip, progress: $2) }
        case .restart(let name): onEngine(name, "restart") { await $0.restart($1, progress: $2) }
        case .delete(let name, let skip): onEngine(name, "rm") { await $0.delete($1, skipBotStop: skip, progress: $2) }
        case .createBroker: act("broker create", monitor.config.brokerContainer) { await createBroker() }
        case .startBroker(let host): onBroker(of: host, "broker start") { await $0.startBroker(progress: $1) }
        case .stopBroker(let host): onBroker(of: host, "broker stop") { await $0.stopBroker(progress: $1) }
        case .moveNetwork(let name, let target):
            guard let target = NetworkMove.Target(rawValue: target) else { return }
            onEngine(name, "network \(target.rawValue)") { await $0.moveNetwork($1, to: target, progress: $2) }
        case .attachBroker(let host): onBroker(of: host, "broker attach") { await $0.attachBrokerToBotNetworks(progress: $1) }
        case .create(let request): Task { await create(request) }
        case .reload(let name): act("reload", name) { await monitor.reload(name, progress: progress) }
        case .saveValues(let name, let changes, let viaHbot):
            if viaHbot { Task { await saveThroughHbot(changes, of: name) } } else { saveValues(changes, of: name) }
        case .openValuesForm(let name, _): Task { await openHbotValues(of: name) }
        case .hbotDoctor(let name): Task { await hbotReport(name, doctor: true) }
        case .loadHistory(let name, let range): Task { await loadCharts(of: name, range: range) }
        case .exportHistory(let request): Task { status.set(await export(request)) }
        case .hbotStatus(let name): Task { await hbotReport(name, doctor: false) }
        case .upload(let source, let destination, let replacing): upload(source, to: destination, replacing: replacing)
        case .quit, .edit, .openCreateForm, .openUpload, .listFolder, .showAudit: break
        }
    }
}
