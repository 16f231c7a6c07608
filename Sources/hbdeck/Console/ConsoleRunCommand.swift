import ArgumentParser
import Canvas
import Deploy
import Foundation
import Monitor

struct ConsoleRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console", abstract: "The full-screen console (the default when no command is given).")

    @Option(name: [.customShort("H"), .long], help: "Docker engine: unix:///path, tcp://HOST:PORT or ssh://USER@HOST.") var host: String?
    @Option(help: "Docker contexts to watch together, comma-separated; the first is this machine's (also contexts: in the config).") var context: String?
    @Option(help: "Config file (default ~/.config/hbdeck/config.yml).") var config: String?
    @Option(help: "Theme name (dark, light, high-contrast, monochrome) or a theme file's path.") var theme: String?
    @Option(help: "MQTT broker host.") var mqttHost: String?
    @Option(help: "MQTT broker port.") var mqttPort: Int?
    @Option(help: "MQTT user name (the password comes from HBDECK_MQTT_PASSWORD).") var mqttUser: String?
    @Flag(help: "Do not connect to the MQTT broker.") var noMqtt = false
    @Option(help: "Broker container name.") var brokerContainer: String?
    @Option(help: "Hummingbot's bots folder, to list instances that have no container.") var botsFolder: String?
    @Option(help: "Seconds between refreshes.") var refresh: Double?
    @Option(help: "Log lines kept for the log pane.") var logLines: Int?
    @Flag(help: "Refuse every action that changes anything: a screen to watch (also read_only: true in the config, HBDECK_READ_ONLY=1).") var readOnly = false

    func run() async throws {
        try await reportingFailures {
            var settings = try ConsoleSettings.load(path: config ?? ConsoleSettings.defaultPath, required: config != nil)
            if let host {
                settings.engine = host
                settings.contexts = []
            }
            if let context { settings.contexts = ConsoleSettings.list(context) }
            if let theme { settings.theme = theme }
            if let mqttHost { settings.mqttHost = mqttHost }
            if let mqttPort { settings.mqttPort = mqttPort }
            if let mqttUser { settings.mqttUser = mqttUser }
            if noMqtt { settings.mqtt = false }
            if let brokerContainer { settings.brokerContainer = brokerContainer }
            if let botsFolder { settings.botsFolder = botsFolder }
            if let refresh { settings.refreshInterval = refresh }
            if let logLines { settings.logLines = logLines }
            let monitorConfig = try settings.monitorConfig()
            let (fleet, tunnels) = try settings.fleet()
            defer { tunnels.forEach { $0.close() } }
            let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
            let (theme, warning) = ThemeLoader.load(settings.theme, noColor: noColor)
            guard isatty(0) == 1, isatty(1) == 1 else {
                throw CommandFailure("the console needs a terminal; for scripts use a command such as `hbdeck ls` (see --help)")
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
                    await HistoryRecorder.run(fleet.snapshots, store: store, keepDays: keepDays, view: fleet.historyView, owns: fleet.ownsHistory)
                }
            } catch {
                recording = nil
                startWarning = "the history store cannot be opened (\(error)): nothing is recorded"
            }
            let result = await ConsoleLoop.runOnOwnThread(
                fleet: fleet, feed: feed, theme: theme, initialStatus: startWarning, readOnly: readOnly || ReadOnlyMode.isOn(settings),
                brokerPlan: settings.brokerPlan(botsFolder: settings.botsFolder.map(BotsFolder.init)))
            watching.cancel()
            recording?.cancel()
            await feed.follow(nil, source: nil, bots: nil)
            if case .failure(let error) = result { throw CommandFailure("\(error)") }
        }
    }
}
