import Foundation
import HBTestSupport
import Synchronization
import Testing

/// `hbdeck stop --exchange …`: a fleet-wide safe stop of the release binary against the private engine, a real
/// broker and test bots trading on two exchanges, with open orders.
@Suite(.serialized) struct CLIFleetStopTests {
    let fleet: TestFleet
    let onKucoin: [String]
    let onBinance: String

    init() throws {
        fleet = try TestFleet("fleetstop")
        onKucoin = [TestEngine.uniqueName("fs-kucoin"), TestEngine.uniqueName("fs-deaf")]
        onBinance = TestEngine.uniqueName("fs-binance")
        // Their orders stay open until they are cancelled: there is something at stake.
        try fleet.startBot(
            onKucoin[0], environment: ["HBDECK_BOT_ORDERS_STAY_OPEN": "1"],
            scriptConfig: "exchange: kucoin_paper_trade\n")
        // This one never answers the MQTT stop: it ends by its container's stop.
        try fleet.startBot(
            onKucoin[1], environment: ["HBDECK_BOT_IGNORE": "stop", "HBDECK_BOT_ORDERS_STAY_OPEN": "1"],
            scriptConfig: "exchange: kucoin_paper_trade\n")
        try fleet.startBot(onBinance)
    }

    func running(_ name: String) throws -> Bool {
        try fleet.docker(["inspect", "-f", "{{.State.Running}}", name]) == "true"
    }

    /// Each bot has created an order (its log says so): there are orders at stake.
    func trading() throws -> Bool {
        try eventuallySync(within: 90) {
            (onKucoin + [onBinance]).allSatisfy {
                ((try? String(contentsOf: fleet.logFile($0), encoding: .utf8)) ?? "").contains("Created LIMIT")
            }
        }
    }

    @Test func stoppingAnExchangeStopsExactlyItsBotsEachWindingDownBeforeItsContainer() throws {
        defer { fleet.remove() }
        #expect(try trading())
        let stop = try fleet.hbdeck([
            "stop", "--exchange", "kucoin", "--yes", "-t", "5", "--mqtt-port", String(fleet.port),
        ])
        #expect(stop.status == 0, "\(stop.stderr)")
        #expect(stop.stderr.contains("Stop every running bot trading on kucoin: 2 bots: "), "\(stop.stderr)")
        #expect(stop.stderr.contains("at stake: kucoin_paper_trade: "), "\(stop.stderr)")
        #expect(!stop.stderr.contains(onBinance), "only the bots on kucoin are named")
        let lines = stop.stdout.split(separator: "\n").map(String.init)
        let answered = try #require(lines.first { $0.hasPrefix("\(onKucoin[0])  ") }, "\(stop.stdout)")
        #expect(answered.contains("accepted · "), "\(answered)")
        // Its orders stay open until cancelled: the stop cancels them, and the row says how many it reported.
        #expect(answered.contains(" orders cancelled · ") || answered.contains(" order cancelled · "), "\(answered)")
        #expect(answered.contains("wound down · container stopped in"), "\(answered)")
        let deaf = try #require(lines.first { $0.hasPrefix("\(onKucoin[1])  ") }, "\(stop.stdout)")
        #expect(deaf.contains("did not wind down: container stopped with its grace"), "\(deaf)")
        #expect(!stop.stdout.contains(onBinance))
        #expect(try !running(onKucoin[0]))
        #expect(try !running(onKucoin[1]))
        #expect(try running(onBinance), "the bot on binance is untouched")
        let log = try String(contentsOf: fleet.logFile(onKucoin[0]), encoding: .utf8)
        #expect(log.contains("Hummingbot stopped."), "it wound down by itself before its container ended")
        let audit = try String(contentsOf: fleet.root.appendingPathComponent(".hbdeck/audit.log"), encoding: .utf8)
        #expect(audit.contains(onKucoin[0]) && audit.contains(onKucoin[1]), "one entry a bot")
        #expect(audit.contains("--exchange kucoin"))

        // Once more: nothing runs on kucoin any more, and nothing is stopped twice.
        let again = try fleet.hbdeck(["stop", "--exchange", "kucoin", "--yes", "--mqtt-port", String(fleet.port)])
        #expect(again.status == 0)
        #expect(again.stdout.contains("no running bot matches"), "\(again.stdout)")
    }

    /// Two hbdecks stopping the same bot at once (a fleet-wide stop and a stop by name): the bot is asked once;
    /// the other is refused while the first runs, or finds the bot stopped.
    @Test func twoStopsAtOnceAskTheBotOnce() throws {
        defer { fleet.remove() }
        let slow = try fleet.startBot(
            TestEngine.uniqueName("fs-slow"), environment: ["HBDECK_BOT_WIND_DOWN": "6"],
            scriptConfig: "exchange: okx_paper_trade\n")
        #expect(
            try eventuallySync(within: 90) {
                ((try? String(contentsOf: fleet.logFile(slow), encoding: .utf8)) ?? "").contains("Created LIMIT")
            })
        let config = fleet.root.appendingPathComponent("hbdeck.yml")
        try "".write(to: config, atomically: true, encoding: .utf8)
        let common = ["--mqtt-port", String(fleet.port), "--bots-folder", fleet.root.path, "--config", config.path]
        let commands = [["stop", "--exchange", "okx", "--yes"] + common, ["stop", slow] + common]
        let runs = Mutex<[HBDeckProcess.Result]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if let run = try? HBDeckProcess.run(commands[index], seconds: 180) { runs.withLock { $0.append(run) } }
        }
        let both = runs.withLock { $0 }
        #expect(both.count == 2)
        let asked = both.filter { $0.stdout.contains("accepted") || $0.stdout.contains("bot stopped (200)") }
        #expect(asked.count == 1, "asked once: \(both.map { $0.stdout + $0.stderr })")
        let other = both.first { !($0.stdout.contains("accepted") || $0.stdout.contains("bot stopped (200)")) }
        #expect(
            other.map {
                ($0.stdout + $0.stderr).contains("busy with another hbdeck's action")
                    || ($0.stdout + $0.stderr).contains("not running") || $0.stdout.contains("no running bot matches")
            } == true, "\(String(describing: other))")
        #expect(try !running(slow))
    }

    @Test func withoutATerminalNothingIsStoppedUnlessYesIsGiven() throws {
        defer { fleet.remove() }
        let refused = try fleet.hbdeck(["stop", "--all", "--json", "--mqtt-port", String(fleet.port)])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("give --yes to stop these bots; nothing was stopped"), "\(refused.stderr)")
        #expect(try running(onKucoin[0]) && running(onKucoin[1]) && running(onBinance))
        let mixed = try fleet.hbdeck(["stop", "--all", onBinance])
        #expect(mixed.status != 0)
        #expect(mixed.stderr.contains("not both"), "\(mixed.stderr)")
    }
}
