import Alerts
import ArgumentParser
import Foundation
import Synchronization

/// `hbdeck alerts`: where alerts go and whether they get there.
struct AlertsCommandGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "Alerts: where they go (alert_targets) and a test message.",
        subcommands: [AlertsTestCommand.self])
}

/// `hbdeck alerts test`: one test message to every target (or those named), each said sent or failed.
struct AlertsTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send a test message to every alert target in the config file, and say how each went.",
        discussion: "Exits 1 when a target did not take it. Recorded in the audit log as `alert test`.")
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    @Option(name: .customLong("target"), help: "Only this target (repeat for several).") var only: [String] = []

    func run() async throws {
        try await reportingFailures {
            var settings = try fleet.settings()
            guard !settings.alertTargets.isEmpty else {
                throw CommandFailure(
                    "no alert target: set alert_targets in the config file (see README, Alerts)")
            }
            if !only.isEmpty {
                let unknown = only.filter { name in !settings.alertTargets.contains { $0.name == name } }
                guard unknown.isEmpty else {
                    throw CommandFailure(
                        "no alert target named \(unknown.joined(separator: ", ")) (targets: "
                            + settings.alertTargets.map(\.name).joined(separator: ", ") + ")")
                }
                settings.alertTargets = settings.alertTargets.filter { only.contains($0.name) }
            }
            let failed = Atomic<Int>(0)
            guard
                let dispatcher = settings.alertDispatcher(
                    via: "cli", attempts: 1,
                    also: { outcome in
                        if !outcome.delivered { failed.add(1, ordering: .relaxed) }
                        StandardOutput.line("\(outcome.target.shown): \(outcome.said)")
                    })
            else { return }
            let notice = AlertNotice(
                kind: .test, rule: .test, subject: "hbdeck", detail: "alerts reach this target",
                time: Date().timeIntervalSince1970)
            await dispatcher.post([notice])
            await dispatcher.untilIdle()
            if failed.load(ordering: .relaxed) > 0 { throw ExitCode.failure }
        }
    }
}
