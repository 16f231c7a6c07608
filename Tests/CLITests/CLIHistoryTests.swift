import Foundation
import HBTestSupport
import Testing

/// `hbdeck record` fills the history with no console; `hbdeck export` gives back exactly what is there.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"), .serialized)
struct CLIHistoryTests {
    @Test func aRecorderKeepsSamplesAndRunsAndTheExportMatchesThem() throws {
        let fleet = try TestFleet("history")
        defer { fleet.remove() }
        let name = try fleet.startBot(TestEngine.uniqueName("recorded"), environment: ["HBDECK_BOT_CONNECT_DELAY": "0"])
        let config = try fleet.recorderConfig()
        let recorder = try fleet.startRecorder(config: config, arguments: ["--interval", "1"])
        defer { recorder.stop() }
        /// `polling`: the store may not exist yet, which is a refusal to wait out, not a failure.
        func export(_ arguments: [String], polling: Bool = false) throws -> String {
            let result = try HBDeckProcess.run(
                ["export"] + arguments + ["--bots-folder", fleet.root.path, "--config", config.path], seconds: 60)
            if !polling { #expect(result.status == 0, "\(result.stderr)") }
            return result.stdout
        }
        func rows(_ csv: String) -> [[String]] {
            csv.split(separator: "\r\n").dropFirst().map {
                $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            }
        }
        let deadline = Date().addingTimeInterval(120)
        func until(_ condition: () throws -> Bool) rethrows -> Bool {
            while Date() < deadline {
                if try condition() { return true }
                Thread.sleep(forTimeInterval: 0.5)
            }
            return try condition()
        }
        #expect(
            try until {
                (try? rows(export(["--what", "samples", "--bot", name], polling: true))).map {
                    $0.count >= 4 && $0.contains { !$0[2].isEmpty }
                } ?? false
            },
            "samples with the bot's P&L")
        // A second run of the bot: the first one is closed with its stop time.
        try TestEngine.docker(["restart", "-t", "1", name])
        #expect(try until { rows(try export(["--what", "runs", "--bot", name], polling: true)).count == 2 })
        let runs = rows(try export(["--what", "runs", "--bot", name]))
        #expect(!runs[0][2].isEmpty && runs[1][2].isEmpty, "the first run stopped, the second runs: \(runs)")
        #expect(runs[0][4] == "\(name).yml")

        // A range gives exactly the samples inside it.
        let all = rows(try export(["--what", "samples", "--bot", name]))
        let middle = all[all.count / 2][0]
        // The recorder goes on meanwhile: rows it added after the first export are not compared.
        let last = all[all.count - 1][0]
        let later = rows(try export(["--what", "samples", "--bot", name, "--from", middle])).filter { $0[0] <= last }
        #expect(later == all.filter { $0[0] >= middle }, "exactly the rows from \(middle) on")
        let json = try export(["--what", "samples", "--bot", name, "--format", "json"])
        #expect(json.contains("\"bot\" : \"\(name)\"") && json.contains("\"cpu_percent\""))
        // Trades come from the bot's own database: as many as it holds.
        let database = fleet.root.appendingPathComponent("instances/\(name)/data/\(name).sqlite").path
        recorder.stop()
        try TestEngine.docker(["stop", "-t", "1", name])  // no fill comes between the two counts
        // The details screen's charts from the shell: every sample recorded in the range, the four charts.
        let recorded = rows(try export(["--what", "samples", "--bot", name])).count
        let chart = try HBDeckProcess.run(
            ["chart", name, "--range", "1h", "--bots-folder", fleet.root.path], seconds: 60)
        #expect(
            chart.status == 0 && chart.stdout.hasPrefix("\(name) · \(recorded) samples\n"),
            "\(chart.stdout)\(chart.stderr)")
        #expect(
            ["P&L · last 1h", "Volume · last 1h", "CPU % · last 1h", "Memory · last 1h"].allSatisfy(
                chart.stdout.contains))
        #expect(!chart.stdout.contains("nothing recorded"), "each chart has points")
        let none = try HBDeckProcess.run(["chart", "no_such_bot", "--bots-folder", fleet.root.path], seconds: 60)
        #expect(
            none.status == 0 && none.stdout.contains("no_such_bot · 0 samples")
                && none.stdout.contains("nothing recorded in this range"))
        let bad = try HBDeckProcess.run(["chart", "../x", "--bots-folder", fleet.root.path], seconds: 60)
        #expect(bad.status == 1 && bad.stdout.isEmpty, "an invalid name is refused: \(bad.stderr)")
        let trades = rows(try export(["--what", "trades", "--bot", name]))
        let held = try Subprocess.run(["sqlite3", database, "SELECT COUNT(*) FROM TradeFill"], timeout: 30).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(trades.count == Int(held), "trades \(trades.count) vs \(held) in the database")
        #expect(trades.allSatisfy { $0[1] == name && ($0[6] == "BUY" || $0[6] == "SELL") && $0[10] == "database" })
        #expect(recorder.said.contains("recording ended"), "\(recorder.said)")
    }

    /// A bot whose trade database hbdeck cannot read (kept inside its container, as on another host) still has its
    /// trades exported, from its fills heard over MQTT; a bot whose database is here has each trade once, from it.
    @Test func fillsHeardOverMQTTAreExportedAndNoneTwice() async throws {
        let fleet = try TestFleet("fills")
        defer { fleet.remove() }
        let config = try fleet.recorderConfig()
        let recorder = try fleet.startRecorder(config: config, arguments: ["--interval", "1"])
        defer { recorder.stop() }
        #expect(try await eventually(within: 60) { recorder.said.contains("recording the fleet's history") })

        let wake = ["HBDECK_BOT_CONNECT_DELAY": "0"]
        let far = try fleet.startBot(TestEngine.uniqueName("far"), environment: wake, mountingData: false)
        let near = try fleet.startBot(TestEngine.uniqueName("near"), environment: wake)
        let database = fleet.root.appendingPathComponent("instances/\(near)/data/\(near).sqlite").path

        func trades(_ bot: String) throws -> [[String]] {
            let result = try HBDeckProcess.run(
                ["export", "--what", "trades", "--bot", bot, "--config", config.path], seconds: 60)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\r\n").dropFirst().map {
                $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            }
        }
        let heard = try await eventually(within: 240) {
            try trades(far).count >= 2 && (try trades(near).count) >= 2
        }
        #expect(heard, "both bots traded and the recorder kept it")
        #expect(
            !FileManager.default.fileExists(
                atPath: fleet.root.appendingPathComponent("instances/\(far)/data/\(far).sqlite").path))
        let farTrades = try trades(far)
        #expect(
            farTrades.allSatisfy { $0[10] == "mqtt" && (Double($0[7]) ?? 0) > 0 && (Double($0[8]) ?? 0) > 0 },
            "\(farTrades)")
        #expect(Set(farTrades.map { $0[4] }).count == farTrades.count, "each fill once")

        // The near bot's fills are both heard and in its database: once each, from the database.
        recorder.stop()
        try fleet.docker(["stop", "-t", "10", near])
        let nearTrades = try trades(near)
        let held = try Subprocess.run(
            ["sqlite3", database, "SELECT exchange_trade_id FROM TradeFill ORDER BY exchange_trade_id"], timeout: 30
        )
        .stdout.split(separator: "\n").map(String.init)
        #expect(nearTrades.map { $0[4] }.sorted() == held, "every trade of its database, each once")
        #expect(nearTrades.allSatisfy { $0[10] == "database" && $0[2] == "binance_paper_trade" })
    }
}
