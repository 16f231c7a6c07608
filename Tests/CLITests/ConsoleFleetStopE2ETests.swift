import Foundation
import HBTestSupport
import Testing

/// `X` in the console: the chooser, one confirmation naming the bots and what is at stake, then a live report a
/// row a bot, against the private engine, a real broker and test bots on two exchanges with open orders.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"), .serialized)
struct ConsoleFleetStopE2ETests {
    @Test func stoppingOneExchangeFromTheConsoleStopsExactlyItsBotsWithALiveReport() throws {
        let fleet = try TestFleet("e2e-xstop")
        defer { fleet.remove() }
        // One stem for the three, so that the console shows them and nothing else on the engine.
        let stem = "xs\(UInt32.random(in: 0...UInt32.max))"
        let kucoin = ["\(stem)-kucoin-a", "\(stem)-kucoin-b"]
        let binance = "\(stem)-binance"
        for name in kucoin {
            try fleet.startBot(
                name, environment: ["HBDECK_BOT_ORDERS_STAY_OPEN": "1", "HBDECK_BOT_CONNECT_DELAY": "0"],
                scriptConfig: "exchange: kucoin_paper_trade\n")
        }
        try fleet.startBot(binance, environment: ["HBDECK_BOT_CONNECT_DELAY": "0"])
        let trading = try eventuallySync(within: 90) {
            (kucoin + [binance]).allSatisfy {
                ((try? String(contentsOf: fleet.logFile($0), encoding: .utf8)) ?? "").contains("Created LIMIT")
            }
        }
        #expect(trading, "each bot has open orders")

        let config = fleet.root.appendingPathComponent("hbdeck.yml")
        try "bots_folder: \(fleet.root.path)\nmqtt_port: \(fleet.port)\nbroker_container: \(fleet.brokerName)\n".write(
            to: config, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(
            width: 150, height: 40,
            command:
                "DOCKER_HOST=\(try #require(TestEngine.host)) \(HBDeckProcess.binary.path) --config \(config.path) --filter \(stem); sleep 120"
        )
        defer { tmux.kill() }
        var (ok, screen) = try tmux.waitFor(seconds: 60) { screen in
            (kucoin + [binance]).allSatisfy { name in
                screen.split(separator: "\n").contains { $0.contains(name + " ") && $0.contains(" online ") }
            }
        }
        #expect(ok, "the three bots online:\n\(screen)")

        try tmux.send("X")
        (ok, screen) = try tmux.waitFor(seconds: 20) { $0.contains("Stop many bots safely") }
        #expect(ok, "\(screen)")
        #expect(screen.contains("every running bot trading on kucoin_paper_trade · 2 bots"), "\(screen)")
        // Down to the kucoin choice (each step waits for the mark to move), then one confirmation naming its two
        // bots and what is at stake.
        func chosen(_ screen: String) -> String? {
            screen.split(separator: "\n").first { $0.contains("▶ every") }.map(String.init)
        }
        for _ in 0..<8 where !(chosen(screen) ?? "").contains("trading on kucoin_paper_trade ·") {
            let before = chosen(screen)
            try tmux.send("j")
            (ok, screen) = try tmux.waitFor(seconds: 10) { chosen($0) != before }
            #expect(ok, "the mark moved:\n\(screen)")
        }
        try tmux.send("Enter")
        (ok, screen) = try tmux.waitFor(seconds: 10) {
            $0.contains("Stop every running bot trading on kucoin_paper_trade: 2 bots?")
        }
        #expect(ok, "\(screen)")
        #expect(screen.contains("At stake: kucoin_paper_trade: "), "\(screen)")
        #expect(!screen.contains("Bots (2): \(binance)") && screen.contains("Bots (2): \(kucoin[0]), \(kucoin[1])"))
        try tmux.send("y")
        (ok, screen) = try tmux.waitFor(seconds: 120) { screen in
            screen.contains("2 of 2 stopped (every running bot trading on kucoin_paper_trade)")
        }
        #expect(ok, "the live report ends with its summary:\n\(screen)")
        for name in kucoin {
            // The report's row, not the table's (which has a state dot).
            let row =
                screen.split(separator: "\n").first { $0.contains("\(name)  ") && !$0.contains("●") }.map(String.init)
                ?? screen
            #expect(
                row.contains("accepted") && row.contains("wound down") && row.contains("container stopped in"), "\(row)"
            )
            #expect(row.contains("cancelled"), "the orders the bot reported cancelled: \(row)")
            #expect(try fleet.docker(["inspect", "-f", "{{.State.Running}}", name]) == "false")
            let log = try String(contentsOf: fleet.logFile(name), encoding: .utf8)
            #expect(log.contains("Hummingbot stopped."), "it wound down by itself")
        }
        #expect(try fleet.docker(["inspect", "-f", "{{.State.Running}}", binance]) == "true", "the other is untouched")
        let audit = try String(contentsOf: fleet.root.appendingPathComponent(".hbdeck/audit.log"), encoding: .utf8)
        #expect(kucoin.allSatisfy { audit.contains("\"target\":\"\($0)\"") }, "a row a bot in the audit log")
    }
}
