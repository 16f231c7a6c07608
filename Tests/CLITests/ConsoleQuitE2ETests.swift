import Foundation
import HBTestSupport
import Testing

/// Quitting while an action runs: the console says what it waits for and lets it end at its safe point, or,
/// told twice, leaves it and says where; the engine, the bots folder and the audit log then agree.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"), .serialized)
struct ConsoleQuitE2ETests {
    /// The console on the fleet's folder and broker, showing only `name`; its exit code and what it says
    /// once the terminal is back stay on screen.
    func console(for fleet: TestFleet, showing name: String) throws -> TmuxSession {
        let config = fleet.root.appendingPathComponent("hbdeck.yml")
        try "bots_folder: \(fleet.root.path)\nmqtt_port: \(fleet.port)\nbroker_container: \(fleet.brokerName)\n"
            .write(to: config, atomically: true, encoding: .utf8)
        let command =
            "DOCKER_HOST=\(try #require(TestEngine.host)) \(HBDeckProcess.binary.path) --config \(config.path) --filter \(name); "
            + "echo HBDECK-EXIT=$?; sleep 120"
        return try TmuxSession(width: 140, height: 40, command: command)
    }

    func waitOnline(_ tmux: TmuxSession, _ name: String) throws {
        let (ok, screen) = try tmux.waitFor(seconds: 60) { screen in
            screen.split(separator: "\n").contains { $0.contains(name + " ") && $0.contains(" online ") }
        }
        #expect(ok, "\(name) did not come online:\n\(screen)")
    }

    /// The audit log's lines about `target`.
    func audit(_ fleet: TestFleet, _ target: String) throws -> [String] {
        let file = fleet.root.appendingPathComponent(".hbdeck/audit.log")
        return try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init).filter {
            $0.contains(target)
        }
    }

    /// The console on `name`, once it is online: `D`, its confirmation, then `y` and `q` typed together.
    func deleteThenQuit(_ name: String, of fleet: TestFleet) throws -> TmuxSession {
        let tmux = try console(for: fleet, showing: name)
        try waitOnline(tmux, name)
        try tmux.send("D")
        let (ok, screen) = try tmux.waitFor(seconds: 5) { $0.contains("Delete \(name)?") }
        #expect(ok, "no confirmation:\n\(screen)")
        try tmux.send("y", "q")
        return tmux
    }

    @Test func aDeleteIsFinishedWhenTheConsoleQuitsDuringIt() throws {
        let fleet = try TestFleet("quit-rm")
        defer { fleet.remove() }
        let name = try fleet.startBot(TestEngine.uniqueName("quitrm"), environment: ["HBDECK_BOT_WIND_DOWN": "6"])
        let tmux = try deleteThenQuit(name, of: fleet)
        defer { tmux.kill() }
        var (ok, screen) = (false, "")
        (ok, screen) = try tmux.waitFor(seconds: 10) { $0.contains("Quitting once this action ends") }
        #expect(ok, "the quit did not say what it waits for:\n\(screen)")
        #expect(screen.contains("rm \(name) ·"), "\(screen)")
        (ok, screen) = try tmux.waitFor(seconds: 90) { $0.contains("HBDECK-EXIT=") }
        #expect(ok, "did not quit:\n\(screen)")
        #expect(screen.contains("HBDECK-EXIT=0"), "\(screen)")
        #expect(screen.contains("finished before quitting: rm \(name): deleted \(name):"), "\(screen)")

        // The engine, the folder and the audit log agree: all of it was done.
        #expect(
            try fleet.docker(["ps", "-aq", "--filter", "name=^\(name)$"]).trimmingCharacters(
                in: .whitespacesAndNewlines
            ).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fleet.root.appendingPathComponent("instances/\(name)").path))
        let archived = try FileManager.default.contentsOfDirectory(
            atPath: fleet.root.appendingPathComponent("archived").path)
        #expect(archived.count == 1 && archived.first?.hasPrefix("\(name)-") == true, "\(archived)")
        let log = try String(
            contentsOf: fleet.root.appendingPathComponent("archived/\(archived[0])/logs/logs_\(name).log"),
            encoding: .utf8)
        #expect(log.contains("Hummingbot stopped."), "the bot wound down before its container was removed")
        let entries = try audit(fleet, name)
        #expect(
            entries.contains {
                $0.contains("\"rm\"") && $0.contains("container removed") && $0.contains("moved to archived/\(name)-")
            }, "\(entries)")
    }

    @Test func aStopIsFinishedWhenTheConsoleIsToldToEnd() throws {
        let fleet = try TestFleet("quit-stop")
        defer { fleet.remove() }
        let name = try fleet.startBot(TestEngine.uniqueName("quitstop"), environment: ["HBDECK_BOT_WIND_DOWN": "6"])
        let tmux = try console(for: fleet, showing: name)
        defer { tmux.kill() }
        try waitOnline(tmux, name)
        try tmux.send("x")
        var (ok, screen) = try tmux.waitFor(seconds: 5) { $0.contains("Stop \(name)?") }
        #expect(ok, "no confirmation:\n\(screen)")
        try tmux.send("y")
        (ok, screen) = try tmux.waitFor(seconds: 10) { $0.contains("● Stopping") }
        #expect(ok, "\(screen)")
        _ = try TmuxSession.shell(
            "pkill -TERM -f '^\(HBDeckProcess.binary.path) --config \(fleet.root.path)/hbdeck.yml' || true")
        (ok, screen) = try tmux.waitFor(seconds: 10) {
            $0.contains("Quitting once this action ends") || $0.contains("HBDECK-EXIT=")
        }
        #expect(screen.contains("Quitting once this action ends"), "SIGTERM did not wait for the stop:\n\(screen)")
        (ok, screen) = try tmux.waitFor(seconds: 90) { $0.contains("HBDECK-EXIT=") }
        #expect(
            screen.contains("HBDECK-EXIT=0")
                && screen.contains("finished before quitting: stop \(name): stopped \(name):"), "\(screen)")

        let state = try fleet.docker(["inspect", "-f", "{{.State.Status}}", name]).trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(state == "exited")
        let log = try String(contentsOf: fleet.logFile(name), encoding: .utf8)
        #expect(log.contains("Hummingbot stopped."))
        let entries = try audit(fleet, name)
        #expect(entries.contains { $0.contains("\"stop\"") && $0.contains("wound down in") }, "\(entries)")
    }

    /// `q` twice leaves the delete where it is: nothing after its step is done, and the audit log and stderr
    /// say which step it was at.
    @Test func quittingTwiceLeavesTheDeleteAndSaysWhere() throws {
        let fleet = try TestFleet("quit-now")
        defer { fleet.remove() }
        let name = try fleet.startBot(TestEngine.uniqueName("quitnow"), environment: ["HBDECK_BOT_WIND_DOWN": "30"])
        let tmux = try deleteThenQuit(name, of: fleet)
        defer { tmux.kill() }
        var (ok, screen) = (false, "")
        (ok, screen) = try tmux.waitFor(seconds: 15) {
            $0.contains("rm \(name) · ") && $0.contains("bot accepted the stop")
        }
        #expect(ok, "the wait did not show the MQTT stop step:\n\(screen)")
        try tmux.send("q")
        (ok, screen) = try tmux.waitFor(seconds: 10) { $0.contains("HBDECK-EXIT=") }
        #expect(ok && screen.contains("rm \(name): interrupted: hbdeck quit before it ended"), "\(screen)")

        // The container was never removed and the folder never archived; the audit log says where it stopped.
        #expect(FileManager.default.fileExists(atPath: fleet.root.appendingPathComponent("instances/\(name)").path))
        #expect(!FileManager.default.fileExists(atPath: fleet.root.appendingPathComponent("archived").path))
        #expect(
            try !fleet.docker(["ps", "-aq", "--filter", "name=^\(name)$"]).trimmingCharacters(
                in: .whitespacesAndNewlines
            ).isEmpty)
        let entries = try audit(fleet, name)
        #expect(
            entries.contains { $0.contains("\"rm\"") && $0.contains("interrupted: hbdeck quit before it ended") },
            "\(entries)")
        #expect(!entries.contains { $0.contains("container removed") }, "\(entries)")
    }
}
