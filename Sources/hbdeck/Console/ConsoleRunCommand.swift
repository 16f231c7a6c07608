import ArgumentParser
import Canvas
import Deploy
import Foundation
import HBModel
import Monitor

struct ConsoleRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console", abstract: "The full-screen console (the default when no command is given).")

    /// With several contexts, the first is this machine's: its bots folder is read.
    @OptionGroup(title: FleetOptions.title) var fleetOptions: FleetOptions
    @Option(help: "Theme name (dark, light, high-contrast, monochrome) or a theme file's path.") var theme: String?
    @Flag(help: "Do not connect to the MQTT broker.") var noMqtt = false
    @Option(help: "Broker container name.") var brokerContainer: String?
    @Option(help: "Seconds between refreshes.") var refresh: Double?
    @Option(help: "Log lines kept for the log pane.") var logLines: Int?
    @Option(help: "Start with the table filtered to names containing this text (as / does; Esc in / clears it).")
    var filter: String?

    func run() async throws {
        try await reportingFailures {
            var settings = try fleetOptions.settings()
            if let theme { settings.theme = theme }
            if noMqtt { settings.mqtt = false }
            if let brokerContainer { settings.brokerContainer = brokerContainer }
            if let refresh { settings.refreshInterval = refresh }
            if let logLines { settings.logLines = logLines }
            let monitorConfig = try settings.monitorConfig()
            let (fleet, tunnels) = try settings.fleet()
            defer { tunnels.forEach { $0.close() } }
            let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
            let (theme, warning) = ThemeLoader.load(settings.theme, noColor: noColor)
            guard isatty(0) == 1, isatty(1) == 1 else {
                throw CommandFailure(
                    "the console needs a terminal; for scripts use a command such as `hbdeck ls` (see --help)")
            }

            let feed = LogFeed(capacity: monitorConfig.logLines)
            let watching = Task { await fleet.run() }
            // The history fills while a console runs, as it does under `hbdeck record` (both may at once).
            var startWarning = warning
            let recording: Task<Void, Never>?
            do {
                let store = try HistoryStore(path: HistoryStore.location(botsFolder: settings.botsFolder))
                let keepDays = settings.historyDays
                recording = Task {
                    await HistoryRecorder.run(
                        fleet.snapshots, store: store, keepDays: keepDays, view: fleet.historyView,
                        owns: fleet.ownsHistory)
                }
            } catch {
                recording = nil
                startWarning = "the history store cannot be opened (\(error)): nothing is recorded"
            }
            // Alerts go out from the console too; with `hbdeck record` running, only one of them sends.
            let alerting = settings.watchAlerts(fleet, via: "console") { _ in }
            if let missing = settings.alertTargets.compactMap(\.missingAddress).first {
                startWarning = "alerts: \(missing)"
            }
            let result = await ConsoleLoop.runOnOwnThread(
                fleet: fleet, feed: feed, theme: theme, initialStatus: startWarning,
                readOnly: ReadOnlyMode.isOn(settings),
                brokerPlan: settings.brokerPlan(botsFolder: settings.botsFolder.map(BotsFolder.init)),
                deployBroker: settings.deployBroker,
                filter: String(TerminalSafeText.sanitize(filter ?? "").prefix(64)),
                stopConcurrency: settings.stopConcurrency)
            watching.cancel()
            recording?.cancel()
            alerting?.cancel()
            await feed.follow(nil, source: nil, bots: nil)
            switch result {
            case .success(let lines): lines.forEach { StandardOutput.error("hbdeck: \($0)") }
            case .failure(let error): throw CommandFailure("\(error)")
            }
        }
    }
}
