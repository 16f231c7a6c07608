import Console
import Deploy
import Foundation
import HBModel
import Operations
import Synchronization

/// `X`: the fleet-wide stop from the console, planned as `hbdeck stop --exchange` plans it, with a live report.
extension ConsoleLoop {
    /// Every way to choose among the running bots the table shows (its filter applies), each with its bots and
    /// the orders at stake.
    func fleetStopChooser(among shown: Set<String>, folder: BotsFolder?) -> FleetStopChooser {
        let choices = FleetStopPlan.choices(in: fleet, among: shown, folder: folder).map { plan in
            FleetStopChooser.Choice(
                key: plan.selection.key, label: plan.selection.description, bots: plan.bots.map(\.instance.name),
                stake: plan.stake.said)
        }
        return FleetStopChooser(choices: choices, concurrency: stopConcurrency)
    }

    /// Stops the bots the operator confirmed that the choice still takes (one started meanwhile is not one they
    /// saw), each row of the report updated as its bot goes, every row in the audit log.
    func stopFleet(key: String, label: String, bots confirmed: [String]) {
        guard let selection = FleetSelection(key: key) else { return }
        let plan = FleetStopPlan(selection, in: fleet, folder: botsFolder.map(BotsFolder.init))
        let targets = plan.bots.filter { confirmed.contains($0.instance.name) }.map(\.target)
        let gone = confirmed.filter { name in !targets.contains { $0.shown == name } }
        let title = "Stopping \(label)"
        let rows = Mutex<[String: String]>(
            Dictionary(uniqueKeysWithValues: targets.map { ($0.shown, "\($0.shown)  waiting for its turn") }))
        for name in gone { rows.withLock { $0[name] = "\(name)  no longer running: left alone" } }
        let summary = Mutex<String?>(nil)
        let dialogs = dialogs
        let concurrency = stopConcurrency
        let report = { @Sendable () -> Report in
            let lines = rows.withLock { $0.sorted { $0.key < $1.key }.map(\.value) }
            return Report(title: title, lines: lines + (summary.withLock { $0 }.map { ["", $0] } ?? []))
        }
        dialogs.set(.report(report()))
        act("stop", selection.description) { progress in
            let ended = await FleetStop.run(
                targets, concurrency: concurrency, skipBotStop: false,
                progress: { bot, step in
                    progress("\(bot): \(step)")
                    // The row says the bot's latest step, without the stop's own `stopping NAME: `.
                    let said = step.hasPrefix("stopping ") ? step.split(separator: ": ", maxSplits: 1).last : nil
                    rows.withLock { if $0[bot] != nil { $0[bot] = "\(bot)  \(said.map(String.init) ?? step)" } }
                    dialogs.set(.liveReport(report()))
                },
                ended: { row in
                    rows.withLock { $0[row.bot] = row.text }
                    record("stop", row.bot, row.text)
                    dialogs.set(.liveReport(report()))
                })
            let stopped = ended.filter { $0.stopped != nil }.count
            let said = "\(stopped) of \(ended.count) stopped (\(selection))"
            summary.withLock { $0 = said }
            dialogs.set(.liveReport(report()))
            return said
        }
    }
}
