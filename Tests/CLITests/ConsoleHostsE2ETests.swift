import Foundation
import HBTestSupport
import Testing

extension ConsoleE2ETests {
    /// One console over three engines (the first engine's socket, engine B over TLS through a relay the test
    /// can cut, engine C over ssh), each with its own broker and a bot of the same name.
    @Test func oneConsoleWatchesThreeHostsAndOneGoingAwayLeavesTheOthersLive() throws {
        let fleets = [
            try TestFleet("hosts-a"), try TestFleet("hosts-b", engine: TestEngines.bSocket),
            try TestFleet("hosts-c", engine: TestEngines.cSocket),
        ]
        defer { fleets.forEach { $0.remove() } }
        let name = TestEngine.uniqueName("shared")
        for fleet in fleets { try fleet.startBot(name, environment: ["HBDECK_BOT_CONNECT_DELAY": "0"]) }
        // hostb is reached through a relay the test can cut.
        let relay = try TCPProxy(to: "127.0.0.1:23760")
        defer { relay.stop() }
        let config = try TestEngines.contexts(b: "tcp://127.0.0.1:\(relay.port)")
        defer { try? FileManager.default.removeItem(at: config) }
        let settings = config.appendingPathComponent("hbdeck.yml")
        try """
        contexts: hosta, hostb, hostc
        context_brokers: hostb=\(fleets[1].port), hostc=\(fleets[2].port)
        mqtt_port: \(fleets[0].port)
        bots_folder: \(fleets[0].root.path)

        """.write(to: settings, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(
            width: 160, height: 40,
            command:
                "env -u DOCKER_HOST DOCKER_CONFIG=\(config.path) HBDECK_SSH_OPTS='-F \(TestEngines.sshConfig)' \(HBDeckProcess.binary.path) --config \(settings.path); sleep 60"
        )
        defer { tmux.kill() }

        /// The table's rows of the bot (its log and metrics panes' titles name it too).
        func rows(_ screen: String) -> [String] {
            screen.components(separatedBy: "\n").filter {
                $0.contains(name) && $0.contains(" ● ") && !$0.contains("Logs ·") && !$0.contains("Metrics ·")
            }
        }
        var (ok, screen) = try tmux.waitFor(seconds: 90) { screen in
            screen.contains("hosta ● live  hostb ● live  hostc ● live") && rows(screen).count == 3
                && rows(screen).allSatisfy { $0.contains("online") }
        }
        #expect(ok, "three hosts, each bot online through its own broker:\n\(screen)")
        #expect(
            rows(screen).compactMap { row in ["hosta", "hostb", "hostc"].first { row.contains(" \($0) ") } } == [
                "hosta", "hostb", "hostc",
            ])
        #expect(screen.contains("TOTAL hostb") && screen.contains("TOTAL hostc"))

        // Stop the bot on hostb only.
        try tmux.send("/")
        try tmux.type("hostb/\(name)")
        try tmux.send("Enter")
        (ok, screen) = try tmux.waitFor(seconds: 10) {
            $0.contains("Instances 1 ") && rows($0).count == 1 && rows($0)[0].contains("hostb")
        }
        try #require(ok, "\(screen)")
        try tmux.send("x")
        (ok, screen) = try tmux.waitFor(seconds: 10) { $0.contains("Stop hostb/\(name)?") }
        try #require(ok, "the confirmation names the bot and its host:\n\(screen)")
        try tmux.send("y")
        (ok, screen) = try tmux.waitFor(seconds: 90) {
            $0.contains("hostb: stopped \(name): bot stopped (200)") && rows($0).first?.contains("Stopped") == true
        }
        #expect(ok, "\(screen)")
        let states = try [TestEngine.host!, TestEngines.bSocket, TestEngines.cSocket].map {
            try TestEngines.docker($0, ["inspect", "-f", "{{.State.Status}}", name])
        }
        #expect(states == ["running", "exited", "running"], "only hostb's bot stopped")
        try tmux.send("/")
        try tmux.send("Escape")

        // hostb goes away: its rows go stale, the others stay live; it comes back.
        relay.stop()
        (ok, screen) = try tmux.waitFor(seconds: 60) {
            $0.contains("hostb ● OFFLINE") && $0.contains("hosta ● live") && $0.contains("hostc ● live")
        }
        #expect(ok, "only hostb is offline:\n\(screen)")
        #expect(rows(screen).filter { $0.contains("online") }.count == 2, "hosta's and hostc's bots are still heard")
        try relay.start()
        (ok, screen) = try tmux.waitFor(seconds: 90) { $0.contains("hosta ● live  hostb ● live  hostc ● live") }
        #expect(ok, "hostb came back:\n\(screen)")
    }
}
