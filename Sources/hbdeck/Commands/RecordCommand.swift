import ArgumentParser
import Foundation
import Monitor

/// `hbdeck record`: the history recorder with no screen, for systemd.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract:
            "Record the fleet's history with no console (for systemd): samples every 10 s, bot runs, and alerts sent.",
        discussion:
            "Reads the same config file as the console. Ends on SIGINT or SIGTERM. A console may record at the same time."
    )
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    @Option(help: "Seconds between samples.") var interval: Double = 10

    func validate() throws {
        guard interval >= 1 else { throw ValidationError("--interval must be at least 1 second") }
    }

    func run() async throws {
        try await reportingFailures {
            let settings = try fleet.settings()
            // Every engine the console would watch (`contexts:`), each bot's history under the console's names.
            let (fleet, tunnels) = try settings.fleet()
            defer { tunnels.forEach { $0.close() } }
            let store = try HistoryStore(path: HistoryStore.location(botsFolder: settings.botsFolder))
            StandardOutput.error(
                "hbdeck: recording the fleet's history in \(store.path) every \(Int(interval)) s; SIGTERM or Ctrl-C ends it"
            )
            let watching = Task { await fleet.run() }
            let recording = Task {
                await HistoryRecorder.run(
                    fleet.snapshots, store: store, interval: interval, keepDays: settings.historyDays,
                    view: fleet.historyView,
                    owns: fleet.ownsHistory, failed: { StandardOutput.error("hbdeck: \($0)") })
            }
            let alerting = settings.watchAlerts(fleet, via: "record") { StandardOutput.error("hbdeck: \($0)") }
            if alerting != nil {
                StandardOutput.error(
                    "hbdeck: alerts go to " + settings.alertTargets.map(\.shown).joined(separator: ", "))
                for problem in settings.alertTargets.compactMap(\.missingAddress) {
                    StandardOutput.error("hbdeck: warning: \(problem)")
                }
            }
            await Self.untilSignalled()
            alerting?.cancel()
            recording.cancel()
            watching.cancel()
            _ = await recording.value
            StandardOutput.error("hbdeck: recording ended")
        }
    }

    /// Returns on SIGINT or SIGTERM.
    static func untilSignalled() async {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        let sources = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { continuation.yield() }
            source.resume()
            return source
        }
        for await _ in stream { break }
        sources.forEach { $0.cancel() }
    }
}
