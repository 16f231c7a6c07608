import Canvas
import Console
import Deploy
import Foundation
import HBModel
import Monitor
import Operations
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
    /// The broker bots created from the dialog are given (`ConsoleSettings.deployBroker`).
    var deployBroker: DeployRequest.Broker
    /// The table's filter at start (`--filter`).
    var filter = ""
    /// Bots a fleet-wide stop (`X`) stops at once (`stop_concurrency`).
    var stopConcurrency = 8
    /// How the last deploy, save or upload from a dialog ended, for the dialog (nil: not yet).
    let dialogs = LatestValue<DialogOutcome?>(nil)
    /// Every action under way: quitting waits for them or says where each was left.
    let actions = RunningActions()

    static func runOnOwnThread(
        fleet: FleetGroup, feed: LogFeed, theme: Theme, initialStatus: String?, readOnly: Bool, brokerPlan: BrokerPlan?,
        deployBroker: DeployRequest.Broker, filter: String, stopConcurrency: Int
    ) async -> Result<[String], TerminalScreen.StartError> {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                let loop = ConsoleLoop(
                    fleet: fleet, feed: feed, theme: theme, status: LatestValue(initialStatus), readOnly: readOnly,
                    brokerPlan: brokerPlan,
                    deployBroker: deployBroker, filter: filter, stopConcurrency: stopConcurrency)
                continuation.resume(returning: loop.run())
            }
            thread.name = "hbdeck-draw"
            thread.start()
        }
    }

    /// The engine on this machine: its bots folder, broker plan, audit log and history are hbdeck's.
    var monitor: FleetMonitor? { fleet.primary }

    /// This machine's bots folder, where there is a Docker engine on it.
    var botsFolder: String? { monitor?.config.botsFolder }

    /// The engine on this machine, or nil with the footer saying why `what` needs one (a console of APIs only).
    func localEngine(for what: String) -> FleetMonitor? {
        guard let monitor else {
            status.set(
                "\(what): this console watches hummingbot-api only; it needs a Docker engine (--host or --context)")
            return nil
        }
        return monitor
    }

    /// Runs until `q` or a signal and every action under way has ended; returns what to say once the
    /// terminal is back (how the actions a quit waited for ended, or where those it left were).
    func run() -> Result<[String], TerminalScreen.StartError> {
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
            BrokerOffer(
                image: plan.image, address: "\(plan.bind):\(plan.port)\(plan.hostNetwork ? " (host network)" : "")",
                username: plan.username)
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
        // Quitting waits for the actions under way; `q` again, or SIGINT/SIGTERM again, leaves them.
        var quitting = false
        var interruptsAtQuit = 0
        var waitedFor: [RunningAction] = []
        var leftRunning: [RunningAction] = []
        var actionsVersion = actions.list.version
        func beginQuit() -> Bool {
            let running = actions.current
            if running.isEmpty { return false }
            quitting = true
            interruptsAtQuit = TerminationSignal.interrupts
            waitedFor = running
            controller.waitToQuit(running)
            dirty = true
            urgent = true
            return true
        }

        let wake = WakeSignal()
        fleet.snapshots.onChange { wake.poke() }
        feed.state.onChange { wake.poke() }
        status.onChange { wake.poke() }
        dialogs.onChange { wake.poke() }
        actions.list.onChange { wake.poke() }

        keyLoop: while true {
            if !quitting, TerminationSignal.received != nil, !beginQuit() { break }
            if quitting {
                if actions.isEmpty { break }
                if TerminationSignal.interrupts > interruptsAtQuit {
                    leftRunning = actions.current
                    break
                }
            }
            while let key = screen.readKey() {
                if key == .resize { screen.invalidate() }
                let commands = controller.handle(key, snapshot: snapshot, logLines: logs)
                if commands.contains(.quitNow) {
                    leftRunning = actions.current
                    break keyLoop
                }
                if commands.contains(.quit) {
                    if !beginQuit() { break keyLoop }
                    continue
                }
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
                    if launch(command) { continue }
                    queue.yield(command)
                }
                dirty = true
                urgent = true
                subjectMayHaveChanged = true
            }
            if fleet.snapshots.version != snapshotVersion {
                let latest = fleet.snapshots.current
                snapshotVersion = latest.version
                // The monitor publishes only what changed: a new version is a new snapshot. A state that
                // changed is drawn at once; figures alone wait for the next paced frame.
                if latest.value.statesDiffer(from: snapshot) { urgent = true }
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
                case .liveReport(let report)?: controller.updateReport(report)
                case .charts(let charts)?: controller.showCharts(charts)
                case nil: break
                }
                dirty = true
                urgent = true
            }
            if actions.list.version != actionsVersion {
                let latest = actions.list.current
                actionsVersion = latest.version
                controller.stillRunning(latest.value)
                dirty = true
                urgent = urgent || quitting
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
                    snapshot, state: controller.state, logLines: logs, logStatus: logStatus, now: now,
                    width: size.width, height: size.height)
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
            let timeout =
                !dirty
                ? min(250, untilNextSecond)
                : ready
                    ? Int((spacing - (now - lastDraw)) * 1000) + 1
                    : Int((0.25 - (now - launched)) * 1000) + 1
            guard screen.wait(for: wake, milliseconds: timeout) else { break }
        }
        // The terminal went away with actions under way: they still end where they are safe.
        if leftRunning.isEmpty, !actions.isEmpty {
            if waitedFor.isEmpty { waitedFor = actions.current }
            let interrupts = TerminationSignal.interrupts
            while !actions.isEmpty, TerminationSignal.interrupts == interrupts { Thread.sleep(forTimeInterval: 0.1) }
            leftRunning = actions.current
        }
        return .success(farewell(waitedFor: waitedFor, leftRunning: leftRunning))
    }

    /// Runs one command that is not an action, in the order the keys came: follows, saves, reads.
    private func perform(_ command: ConsoleCommand) async {
        switch command {
        case .follow(let name): await follow(name)
        case .refollow(let name): await follow(name, again: true)
        case .saveLog(let name):
            if let lines = await feed.lines(of: name) {
                status.set(LogSaver.save(lines, name: name))
            } else {
                status.set("the log pane does not show \(name): nothing saved")
            }
        // Reads only: nothing is left half done when the console quits during one, so no quit waits for them.
        case .openValuesForm(let name, _): await openHbotValues(of: name)
        case .hbotDoctor(let name): Task { await hbotReport(name, doctor: true) }
        case .hbotStatus(let name): Task { await hbotReport(name, doctor: false) }
        case .loadHistory(let name, let range): Task { await loadCharts(of: name, range: range) }
        default: break
        }
    }
}
