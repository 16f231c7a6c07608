import ArgumentParser
import Deploy
import Foundation
import HBModel
import Monitor
import Operations

extension StopCommand {
    /// Stops every running bot `selection` takes, after one confirmation that names them and what is at stake.
    func stopFleet(_ selection: FleetSelection) async throws {
        let given: [String] =
            switch selection {
            case .exchange(let name): ["--exchange", name]
            case .host(let name): ["--on-host", name]
            case .strategy(let name): ["--strategy", name]
            case .all: ["--all"]
            }
        try await audited("stop", given, fleet: fleet) {
            try await reportingFailures {
                let settings = try fleet.settings()
                let (group, tunnels) = try settings.fleet()
                defer { tunnels.forEach { $0.close() } }
                let watching = Task { await group.run() }
                defer { watching.cancel() }
                // What the monitors know once they have read every engine and the bots' own trade databases.
                await withTaskGroup(of: Void.self) { first in
                    for member in group.members { first.addTask { await member.monitor.firstSampleTaken() } }
                    for api in group.apis { first.addTask { await api.watcher.firstFrameShown() } }
                }
                let plan = FleetStopPlan(selection, in: group, folder: settings.botsFolder.map(BotsFolder.init))
                guard !plan.bots.isEmpty else {
                    StandardOutput.line("no running bot matches (\(selection)): nothing to stop")
                    return
                }
                try await confirm(plan, group: group, concurrency: settings.stopConcurrency)
                let log = AuditLog.location(botsFolder: settings.botsFolder)
                let json = self.json
                let rows = await FleetStop.run(
                    plan.bots.map(\.target), concurrency: settings.stopConcurrency, skipBotStop: skipBotStop,
                    grace: time,
                    progress: { StandardOutput.error("\($0): \($1)") },
                    ended: { row in
                        if !json { StandardOutput.line(row.text) }
                        try? log.append(.now(via: "cli", action: "stop", target: row.bot, outcome: row.text))
                    })
                if json { try report(rows, selection: selection, stake: plan.stake) }
                let stopped = rows.filter { $0.stopped != nil }.count
                StandardOutput.error("hbdeck: \(stopped) of \(rows.count) stopped (\(selection))")
                if stopped < rows.count { throw ExitCode.failure }
            }
        }
    }

    /// Names the bots and the orders at stake; asks on a terminal unless `--yes`.
    func confirm(_ plan: FleetStopPlan, group: FleetGroup, concurrency: Int) async throws {
        let chosen = plan.bots
        StandardOutput.error(
            "Stop \(plan.selection): \(chosen.count) bot\(chosen.count == 1 ? "" : "s"): "
                + chosen.map(\.instance.name).joined(separator: ", "))
        for line in plan.stake.said { StandardOutput.error("  at stake: \(line)") }
        if !skipBotStop {
            for member in group.members where member.monitor.bots != nil {
                let linked = await member.monitor.bots?.waitUntilConnected(seconds: fleet.connectTimeout) ?? false
                if !linked {
                    StandardOutput.error(
                        "  no MQTT link to \(member.host)'s broker: its bots get the container stop only, their orders stay open"
                    )
                }
            }
        }
        let throughAPI = chosen.filter { $0.instance.throughAPI != nil }.count
        if throughAPI > 0 {
            StandardOutput.error(
                "  A bot of hummingbot-api is asked through the API to stop\(skipBotStop ? " and leave its orders open" : ""), its log awaited to say it wound down (the API's own stop waits a fixed 15 s), then its container stopped."
            )
        }
        guard throughAPI < chosen.count else { return try ask(chosen.count) }
        StandardOutput.error(
            "  \(skipBotStop ? "Each container is stopped" : "Each bot is asked over MQTT to stop and cancel its orders and its wind-down awaited, then its container stopped"), \(concurrency) at a time; one that does not wind down is killed after its grace."
        )
        try ask(chosen.count)
    }

    private func ask(_ count: Int) throws {
        guard !yes else { return }
        guard isatty(STDIN_FILENO) != 0 else {
            throw CommandFailure("stdin is not a terminal: give --yes to stop these bots; nothing was stopped")
        }
        guard try PasswordInput.line(prompt: "Stop these \(count) bots? [y/N] ").lowercased() == "y" else {
            throw CommandFailure("nothing was stopped")
        }
    }

    /// `--json`: what was chosen, what was at stake, one row a bot.
    func report(_ rows: [FleetStopRow], selection: FleetSelection, stake: OrdersAtStake) throws {
        struct Report: Encodable {
            let selection: String
            let atStake: [[String: FleetStopRow.JSONField]]
            let bots: [[String: FleetStopRow.JSONField]]
            enum CodingKeys: String, CodingKey { case selection, atStake = "at_stake", bots }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(
            Report(
                selection: selection.description,
                atStake: stake.lines.map {
                    [
                        "exchange": .text($0.exchange), "orders": .number(Double($0.orders)),
                        "notional": .number($0.notional), "unpriced": .number(Double($0.unpriced)),
                    ]
                },
                bots: rows.sorted { $0.bot < $1.bot }.map(\.json)))
        StandardOutput.line(String(decoding: data, as: UTF8.self), sanitized: false)
    }
}
