import Foundation
import HBTestSupport
import Testing

/// The session recorded by hand from a real hummingbot-api (`Tests/BackendAPITests/Fixtures/session.json`),
/// played back and driven again through the CLI and the console: a listed fleet with its figures, a config
/// upload, a deploy, a stop from the console that waits for the bot's wind-down, a start, its log, an archive.
/// No Docker engine is used: only the API.
@Suite(.serialized) struct CLIBackendAPITests {
    /// The recording's names: the API adds the deploy's date and time.
    static let deployed = "hummingbot-demo-20261205-075942"
    static let running = "hummingbot-pmm-20261205-074748"

    /// A config naming the replay `replay`, its password in `apis/replay.password` beside it (mode 600).
    static func config(_ replay: APIReplay, password: String = APIReplay.password) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hbdeck-api-\(UUID())")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("apis"), withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("apis/replay.password")
        try password.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let config = folder.appendingPathComponent("config.yml")
        try "apis: replay=\(replay.url)\nengine: none\n".write(to: config, atomically: true, encoding: .utf8)
        return config
    }

    func hbdeck(_ arguments: [String], _ config: URL) throws -> HBDeckProcess.Result {
        try HBDeckProcess.run(arguments + ["--config", config.path], dockerHost: "unix:///nonexistent", seconds: 180)
    }

    @Test func theRecordedSessionPlaysBackThroughTheCLIAndTheConsole() throws {
        let replay = try APIReplay()
        defer { replay.stop() }
        let config = try Self.config(replay)

        let listed = try hbdeck(["ls"], config)
        #expect(listed.status == 0, "\(listed.stderr)")
        let row = listed.stdout.split(separator: "\n").first { $0.contains(Self.running) }
        #expect(row?.contains("running") == true && row?.contains("bot online · P&L +") == true, "\(listed.stdout)")

        // Read-only mode refuses before the API is asked anything.
        let refused = try hbdeck(["stop", "--read-only", Self.running], config)
        #expect(refused.status == 1 && refused.stderr.contains("read-only mode"), "\(refused.stderr)")

        let yaml = FileManager.default.temporaryDirectory.appendingPathComponent("pmm_demo-\(UUID()).yml")
        try """
        id: pmm_demo
        controller_name: pmm_simple
        controller_type: market_making
        connector_name: binance_paper_trade
        trading_pair: BTC-USDT
        total_amount_quote: 1000
        manual_kill_switch: false

        """.write(to: yaml, atomically: true, encoding: .utf8)
        let upload = try hbdeck(["api", "upload", "--controller-config", "--as", "pmm_demo", yaml.path], config)
        #expect(upload.status == 0 && upload.stdout.contains("Configuration 'pmm_demo' saved successfully"))

        let deploy = try hbdeck(
            [
                "api", "deploy", "hummingbot-demo", "--controllers", "pmm_demo", "--image",
                "hbdeck-test/hummingbot:latest",
            ],
            config)
        #expect(deploy.status == 0 && deploy.stdout.contains("deployed \(Self.deployed)"), "\(deploy.stderr)")

        // The console: the new bot comes online, x stops it the safe way, through the API.
        let tmux = try TmuxSession(
            width: 160, height: 40,
            command:
                "env XDG_STATE_HOME=\(NSTemporaryDirectory())hbdeck-test-state \(HBDeckProcess.binary.path) --config \(config.path); sleep 60"
        )
        defer { tmux.kill() }
        func demoRow(_ screen: String) -> String? {
            screen.split(separator: "\n").first { $0.contains("▶ \(Self.deployed)") }.map(String.init)
        }
        var (ok, screen) = try tmux.waitFor(seconds: 90) {
            $0.contains("hummingbot-api \(replay.url) ● live") && demoRow($0)?.contains("online") == true
        }
        try #require(ok, "the deployed bot, online, selected:\n\(screen)")
        try tmux.send("x")
        (ok, screen) = try tmux.waitFor(seconds: 10) { $0.contains("Stop \(Self.deployed) through the API?") }
        try #require(ok, "\(screen)")
        #expect(screen.contains("the API's own stop waits a fixed 15 s instead"))
        try tmux.send("y")
        (ok, screen) = try tmux.waitFor(seconds: 120) {
            $0.contains("stopped \(Self.deployed): bot stopped, wound down in")
                && demoRow($0)?.contains("Stopped") == true
        }
        #expect(ok, "the stop waited for the bot's own wind-down, then the container:\n\(screen)")
        #expect(screen.contains("seen in its log as the API relays it"))
        try tmux.send("q")

        let start = try hbdeck(["start", Self.deployed], config)
        #expect(start.status == 0 && start.stdout.contains("\(Self.deployed): started"), "\(start.stderr)")

        let logs = try hbdeck(["logs", "--tail", "3", Self.deployed], config)
        #expect(logs.status == 0, "\(logs.stderr)")
        #expect(logs.stdout.split(separator: "\n").count == 3 && logs.stdout.contains(" - "), "\(logs.stdout)")

        let archive = try hbdeck(["rm", Self.deployed], config)
        #expect(archive.status == 0, "\(archive.stderr)")
        #expect(archive.stdout.contains("\(Self.deployed): archived on the API's host and removed · bot stopped"))
        #expect(archive.stderr.contains("the API's stop-and-archive (its fixed 15 s wait, then the container)"))

        let runs = try hbdeck(["api", "runs"], config)
        #expect(runs.stdout.contains("\(Self.deployed)") && runs.stdout.contains("ARCHIVED · STOPPED"))
        #expect(replay.misses.isEmpty, "every request hbdeck made is one the real API answered: \(replay.misses)")
    }

    @Test func aBotsTradesAreItsOwnHistoryThroughTheAPI() throws {
        let replay = try APIReplay(
            tape: APIReplay.tape.deletingLastPathComponent().appendingPathComponent("history.json"))
        defer { replay.stop() }
        let config = try Self.config(replay)
        let trades = try hbdeck(["api", "trades", Self.running], config)
        #expect(trades.status == 0, "\(trades.stderr)")
        let rows = trades.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 22 && trades.stderr.contains("22 trades of \(Self.running)'s current run"))
        #expect(
            rows.first?.contains("binance_paper_trade   TEST-USDT   BUY    99.8901    0.483") == true,
            "\(trades.stdout)")
        let json = try hbdeck(["api", "trades", "--json", Self.running], config)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(decoded?.count == 22 && decoded?.first?["trade_id"] as? String == "Tbuy-TEST-1a2455c6ad5000001")
        let gone = try hbdeck(["api", "trades", "hummingbot-gone"], config)
        #expect(gone.status == 1 && gone.stderr.contains("the API refused: Bot hummingbot-gone not found"))
        #expect(replay.misses.isEmpty, "\(replay.misses)")
    }

    @Test func aWrongPasswordGetsTheAPIsOwnRefusal() throws {
        let replay = try APIReplay()
        defer { replay.stop() }
        let config = try Self.config(replay, password: "not-the-password")
        let listed = try hbdeck(["ls"], config)
        #expect(listed.status == 1)
        #expect(listed.stderr.contains("refused the user or password (401)"), "\(listed.stderr)")
        #expect(!listed.stderr.contains("not-the-password") && listed.stdout.isEmpty)
    }

    @Test func aPasswordFileOthersMayReadIsRefused() throws {
        let replay = try APIReplay()
        defer { replay.stop() }
        let config = try Self.config(replay)
        let file = config.deletingLastPathComponent().appendingPathComponent("apis/replay.password")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let listed = try hbdeck(["ls"], config)
        #expect(listed.status == 1 && listed.stderr.contains("may be read by others (mode 644): chmod 600 it"))
    }

    @Test func anAPIThatDoesNotAnswerIsSaidSo() throws {
        let replay = try APIReplay()
        replay.stop()
        let config = try Self.config(replay)
        let listed = try hbdeck(["ls"], config)
        #expect(listed.status == 1 && listed.stderr.contains("does not answer: connection refused"), "\(listed.stderr)")
        let stop = try hbdeck(["stop", "a bad name"], config)
        #expect(stop.status == 1 && stop.stderr.contains("invalid instance name"), "\(stop.stderr)")
    }
}
