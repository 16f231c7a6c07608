import Foundation
import HBTestSupport
import Testing

/// The console as an operator uses it: in a real terminal (tmux), against the private engine, a test
/// broker and test bots.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"), .serialized)
struct ConsoleE2ETests {
    @Test func anOperatorsSession() throws {
        let fleet = try TestFleet("e2e")
        defer { fleet.remove() }
        let first = try fleet.startBot(TestEngine.uniqueName("e2ea"))
        let second = try fleet.startBot(TestEngine.uniqueName("e2eb"))
        let third = try fleet.startBot(TestEngine.uniqueName("e2ec"))
        let proxy = EngineProxy(target: try #require(TestEngine.host))
        try proxy.start()
        defer { proxy.stop() }

        let command =
            "DOCKER_HOST=\(proxy.dockerHost) \(HBDeckProcess.binary.path) --mqtt-port \(fleet.port) "
            + "--broker-container \(fleet.brokerName) --refresh 1; echo HBDECK-EXIT=$?; sleep 60"
        let tmux = try TmuxSession(width: 120, height: 36, command: command)
        defer { tmux.kill() }

        // Launch: every instance appears, running, and the bots come online.
        // Each bot's own row says online (other text on screen may say "online" too).
        func rowSaysOnline(_ screen: String, _ name: String) -> Bool {
            screen.split(separator: "\n").contains { $0.contains(name + " ") && $0.contains(" online ") }
        }
        var (ok, screen) = try tmux.waitFor(seconds: 60) {
            rowSaysOnline($0, first) && rowSaysOnline($0, second) && rowSaysOnline($0, third)
        }
        #expect(ok, "instances did not appear:\n\(screen)")
        #expect(screen.contains("engine ● live") || screen.contains("● live"))

        // Keys in a burst, then a save at once: never another bot's lines under this one's name.
        func saved(_ screen: String) -> String? {
            guard let range = screen.range(of: #"saved \d+ lines of \S+ to (\S+\.log)"#, options: .regularExpression)
            else { return nil }
            return String(screen[range].split(separator: " ").last!)
        }
        try tmux.send("/")
        try tmux.type("hbt-e2e")
        try tmux.send("Enter")
        (ok, screen) = try tmux.waitFor(seconds: 5) { $0.contains("Instances 3 ── filter: hbt-e2e") }
        #expect(ok, "filter did not narrow the table:\n\(screen)")
        try tmux.send("j", "j", "j", "G", "k", "k", "k", "Tab", "S")
        (ok, screen) = try tmux.waitFor(seconds: 10) { saved($0) != nil || $0.contains("nothing saved") }
        #expect(ok, "the save did not answer:\n\(screen)")
        #expect(screen.contains("Logs · \(first) ·"), "the pane follows the selected bot:\n\(screen)")
        let firstSave = saved(screen)
        // Kept until the second save: a file of the same second and name would otherwise be free again.
        defer { if let firstSave { try? FileManager.default.removeItem(atPath: firstSave) } }
        if let path = firstSave {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(path.contains(first))
            #expect(
                !text.contains("instance \(second)") && !text.contains("instance \(third)"),
                "another bot's lines were saved as \(first)'s")
        }
        (ok, screen) = try tmux.waitFor(seconds: 10) {
            $0.contains("Starting Hummingbot instance \(first)") || $0.contains("Created LIMIT")
        }
        try tmux.send("S")
        (ok, screen) = try tmux.waitFor(seconds: 10) { saved($0).map { $0.contains(first) && $0 != firstSave } == true }
        #expect(ok, "the second save did not answer:\n\(screen)")
        if ok, let path = saved(screen) {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try? FileManager.default.removeItem(atPath: path)
            #expect(text.contains("Starting Hummingbot instance \(first)"), "its own lines are saved")
            #expect(!text.contains("instance \(second)") && !text.contains("instance \(third)"))
        }
        try tmux.send("Tab")
        try tmux.send("/")
        try tmux.send("Escape")

        // The filter narrows the table to one bot, whose log the log pane follows.
        try tmux.send("/")
        try tmux.type(first)
        try tmux.send("Enter")
        (ok, screen) = try tmux.waitFor(seconds: 3) {
            $0.contains("Instances 1 ── filter: \(first)") && !$0.contains(second + " ")
        }
        #expect(ok, "filter did not narrow the table:\n\(screen)")
        (ok, screen) = try tmux.waitFor(seconds: 20) { $0.contains("Logs · \(first)") && $0.contains("Created LIMIT") }
        #expect(ok, "the log pane shows no new lines of \(first):\n\(screen)")
        // The client writes each record to stdout and to MQTT: the pane shows it once.
        let logRows = screen.split(separator: "\n").filter { $0.contains("order ") }.map { $0.prefix(70) }
        #expect(Set(logRows).count == logRows.count, "a log line shown twice:\n\(screen)")

        // Stop with the keyboard: confirmation, then Stopping on screen within 2 s, then Stopped.
        try tmux.send("x")
        (ok, screen) = try tmux.waitFor(seconds: 2) { $0.contains("Stop \(first)?") }
        #expect(ok, "no confirmation:\n\(screen)")
        try tmux.send("y")
        (ok, screen) = try tmux.waitFor(seconds: 15) { $0.contains("● Stopping") || $0.contains("● Stopped") }
        #expect(ok, "state did not change:\n\(screen)")
        (ok, screen) = try tmux.waitFor(seconds: 45) { $0.contains("● Stopped") }
        #expect(ok, "never stopped:\n\(screen)")
        #expect(screen.contains("bot stopped (200), wound down in"), "the MQTT stop step is reported:\n\(screen)")

        // Start again: Running.
        try tmux.send("s")
        (ok, screen) = try tmux.waitFor(seconds: 20) { $0.contains("● Running") }
        #expect(ok, "did not start:\n\(screen)")

        // Clear the filter; resize keeps the layout; a tiny terminal gets a clear message.
        try tmux.send("/")
        try tmux.send("Escape")
        try tmux.resize(width: 100, height: 30)
        (ok, screen) = try tmux.waitFor(seconds: 3) {
            let lines = $0.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 2 && lines[1].hasPrefix("┌") && lines[1].hasSuffix("┐") && lines[1].count == 100
        }
        #expect(ok, "layout did not follow the resize:\n\(screen)")
        try tmux.resize(width: 60, height: 20)
        (ok, screen) = try tmux.waitFor(seconds: 3) {
            $0.contains("hbdeck needs at least 80×24 — this terminal is 60×20.")
        }
        #expect(ok, "no too-small screen:\n\(screen)")
        try tmux.resize(width: 120, height: 36)

        // The engine goes away: a stale marker and no crash, and the log pane does not claim to follow;
        // it comes back: live again, and the log pane follows again.
        proxy.stop()
        (ok, screen) = try tmux.waitFor(seconds: 20) { $0.contains("OFFLINE") && $0.contains("unavailable, retrying") }
        #expect(ok, "no offline marker:\n\(screen)")
        #expect(screen.contains(first), "the last state stays on screen")
        try proxy.start()
        (ok, screen) = try tmux.waitFor(seconds: 40) { $0.contains("● live") }
        #expect(ok, "did not come back:\n\(screen)")
        (ok, screen) = try tmux.waitFor(seconds: 40) { $0.contains("· following ·") && $0.contains("log resumed") }
        #expect(ok, "the log pane did not resume:\n\(screen)")

        // q ends it and gives the terminal back.
        try tmux.send("q")
        (ok, screen) = try tmux.waitFor(seconds: 5) { $0.contains("HBDECK-EXIT=0") }
        #expect(ok, "did not quit cleanly:\n\(screen)")
        #expect(!screen.contains("┌─ Instances"), "the console's screen is gone")
    }
}

/// The console starts, draws and quits cleanly under the terminal types operators use, and with a
/// non-UTF-8 locale (it falls back to C.UTF-8).
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"), .serialized)
struct ConsoleTerminalTypeTests {
    @Test(arguments: ["xterm-256color", "screen-256color", "tmux-256color", "linux", "vt100"])
    func drawsAndQuitsUnder(_ term: String) throws {
        let command =
            "TERM=\(term) LC_ALL=C DOCKER_HOST=\(try #require(TestEngine.host)) \(HBDeckProcess.binary.path) --no-mqtt; echo HBDECK-EXIT=$?; sleep 30"
        let tmux = try TmuxSession(width: 100, height: 30, command: command)
        defer { tmux.kill() }
        var (ok, screen) = try tmux.waitFor(seconds: 10) { $0.contains("┌─ Instances") && $0.contains("● live") }
        #expect(ok, "TERM=\(term) did not draw:\n\(screen)")
        try tmux.send("q")
        (ok, screen) = try tmux.waitFor(seconds: 5) { $0.contains("HBDECK-EXIT=0") }
        #expect(ok, "TERM=\(term) did not quit cleanly:\n\(screen)")
    }

    @Test func aDroppedSSHConnectionEndsItCleanly() throws {
        let command =
            "DOCKER_HOST=\(try #require(TestEngine.host)) \(HBDeckProcess.binary.path) --no-mqtt; echo HBDECK-EXIT=$?; sleep 30"
        let tmux = try TmuxSession(width: 100, height: 30, command: command)
        defer { tmux.kill() }
        var (ok, screen) = try tmux.waitFor(seconds: 10) { $0.contains("┌─ Instances") }
        #expect(ok)
        _ = try TmuxSession.shell("pkill -HUP -f '^\(HBDeckProcess.binary.path) --no-mqtt$' || true")
        (ok, screen) = try tmux.waitFor(seconds: 5) { $0.contains("HBDECK-EXIT=0") }
        #expect(ok, "SIGHUP did not end it cleanly:\n\(screen)")
        #expect(!screen.contains("┌─ Instances"))
    }

    /// Ctrl-\\ (SIGQUIT) or a crash (SIGSEGV) ends the console with the terminal given back first: main
    /// screen, cursor shown, cooked mode, before anything else is printed.
    @Test(arguments: ["C-\\", "SEGV"])
    func aFatalSignalLeavesTheTerminalUsable(_ how: String) throws {
        let arguments = "--no-mqtt --log-lines 4\(how == "SEGV" ? 322 : 323)"
        let command =
            "DOCKER_HOST=\(try #require(TestEngine.host)) \(HBDeckProcess.binary.path) \(arguments) 2>/dev/null; "
            + "echo HBDECK-EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo; sleep 30"
        let tmux = try TmuxSession(width: 100, height: 30, command: command)
        defer { tmux.kill() }
        var (ok, screen) = try tmux.waitFor(seconds: 10) { $0.contains("┌─ Instances") }
        #expect(ok, "did not draw:\n\(screen)")
        #expect(try tmux.display("#{alternate_on}") == "1")
        if how == "SEGV" {
            _ = try TmuxSession.shell("pkill -SEGV -f '^\(HBDeckProcess.binary.path) \(arguments)$' || true")
        } else {
            try tmux.send(how)
        }
        (ok, screen) = try tmux.waitFor(seconds: 30) {
            $0.contains("HBDECK-EXIT=") || $0.contains("any other key to quit")
        }
        #expect(try tmux.display("#{alternate_on}") == "0", "still on the alternate screen when the crash report came")
        if !screen.contains("HBDECK-EXIT=") {
            // The Swift runtime's crash report waits for a key on a terminal. A SIGSEGV sent from outside is
            // not a fault that comes again when its handler returns, so the process is then ended by hand:
            // the terminal's state is what the handlers left.
            try tmux.send("Enter")
            _ = try TmuxSession.shell("sleep 1; pkill -KILL -f '^\(HBDeckProcess.binary.path) \(arguments)$' || true")
        }
        (ok, screen) = try tmux.waitFor(seconds: 45) { $0.contains("HBDECK-EXIT=") && $0.contains("icanon") }
        #expect(ok, "did not end:\n\(screen)")
        #expect(try tmux.display("#{alternate_on}") == "0", "still on the alternate screen")
        #expect(try tmux.display("#{cursor_flag}") == "1", "cursor still hidden")
        #expect(screen.contains("icanon echo"), "the terminal was left in raw mode:\n\(screen)")
        #expect(!screen.contains("┌─ Instances"))
    }

    /// In a session of its own (setsid) no SIGHUP comes when the terminal goes: the console must still end,
    /// not spin on a dead terminal.
    @Test func aTerminalThatGoesAwayWithoutSIGHUPEndsIt() throws {
        let arguments = "--no-mqtt --log-lines 4321"
        let command = "DOCKER_HOST=\(try #require(TestEngine.host)) setsid -w \(HBDeckProcess.binary.path) \(arguments)"
        let tmux = try TmuxSession(width: 100, height: 30, command: command)
        let (ok, screen) = try tmux.waitFor(seconds: 10) { $0.contains("┌─ Instances") }
        #expect(ok, "did not draw:\n\(screen)")
        tmux.kill()
        let pattern = "'^\(HBDeckProcess.binary.path) \(arguments)$'"
        var gone = false
        for _ in 0..<50 where !gone {
            gone = try TmuxSession.shell("pgrep -f \(pattern) || true").trimmingCharacters(in: .whitespacesAndNewlines)
                .isEmpty
            if !gone { Thread.sleep(forTimeInterval: 0.1) }
        }
        _ = try TmuxSession.shell("pkill -KILL -f \(pattern) || true")
        #expect(gone, "the console was still running 5 s after its terminal went away")
    }
}

extension ConsoleE2ETests {
    /// A bot created from the console's dialog comes online; a wrong password is refused at its field.
    @Test func aBotCreatedFromTheDialogComesOnline() throws {
        let fleet = try TestFleet("e2e-create")
        defer { fleet.remove() }
        try fleet.addProfile()
        let running = try fleet.startBot(TestEngine.uniqueName("e2e-seen"))  // its image is one of the choices
        let config = fleet.root.appendingPathComponent("hbdeck.yml")
        try "bots_folder: \(fleet.root.path)\nmqtt_port: \(fleet.port)\nbroker_container: \(fleet.brokerName)\n".write(
            to: config, atomically: true, encoding: .utf8)
        let name = TestEngine.uniqueName("e2e-made")
        fleet.adopt(name)
        // Both bots' names start hbt-e2e-: the demo fleet or another's bots stay out of the table.
        let command =
            "DOCKER_HOST=\(try #require(TestEngine.host)) \(HBDeckProcess.binary.path) --config \(config.path) --filter hbt-e2e-; sleep 60"
        let tmux = try TmuxSession(width: 120, height: 36, command: command)
        defer { tmux.kill() }
        func rowOnline(_ screen: String, _ name: String) -> Bool {
            // The NAME column shows the first 20 characters of a long name.
            screen.split(separator: "\n").contains { $0.contains(String(name.prefix(20))) && $0.contains(" online ") }
        }
        var (ok, screen) = try tmux.waitFor(seconds: 60) { rowOnline($0, running) }
        #expect(ok, "the fleet did not show:\n\(screen)")

        try tmux.send("c")
        (ok, screen) = try tmux.waitFor(seconds: 10) { $0.contains("Create a bot") }
        #expect(ok, "no dialog:\n\(screen)")
        try tmux.type(name)
        // The test broker is on host networking: the dialog's Network goes from isolated (the default) to host.
        try tmux.send("Tab", "Right", "Tab", "Tab", "Right", "Tab", "Tab", "Tab", "Tab", "Tab")
        try tmux.type("not-the-password")
        try tmux.send("Enter")
        (ok, screen) = try tmux.waitFor(seconds: 60) { $0.contains("⚠ Invalid password.") }
        #expect(ok, "a wrong password was not refused at its field:\n\(screen)")
        #expect(!screen.contains("not-the-password"))
        #expect(!FileManager.default.fileExists(atPath: fleet.root.appendingPathComponent("instances/\(name)").path))

        for _ in 0..<16 { try tmux.send("BSpace") }
        try tmux.type(TestFleet.password)
        try tmux.send("Enter")
        (ok, screen) = try tmux.waitFor(seconds: 90) { rowOnline($0, name) }
        #expect(ok, "the created bot did not come online:\n\(screen)")
        #expect(screen.contains("started \(name)"))
        #expect(!screen.contains(TestFleet.password))
    }

    /// Ctrl-C at a password prompt (echo off) ends hbdeck with the terminal echoing again.
    @Test func ctrlCAtAPasswordPromptGivesTheEchoBack() throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory() + "hbdeck-prompt-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("bots"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "".write(to: root.appendingPathComponent("hbdeck.yml"), atomically: true, encoding: .utf8)
        // The shell around it survives the Ctrl-C (a trap, not an ignore, so hbdeck gets the default).
        let command =
            "trap true INT; \(HBDeckProcess.binary.path) profile create p --bots-folder \(root.path)/bots --config \(root.path)/hbdeck.yml; "
            + "echo HBDECK-EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -e echo -e -echo | tr '\\n' ' '; echo; sleep 30"
        let tmux = try TmuxSession(width: 100, height: 20, command: command)
        defer { tmux.kill() }
        var (ok, screen) = try tmux.waitFor(seconds: 20) { $0.contains("New password for profile p:") }
        #expect(ok, "no prompt:\n\(screen)")
        try tmux.type("half-typed")
        try tmux.send("C-c")
        (ok, screen) = try tmux.waitFor(seconds: 20) { $0.contains("HBDECK-EXIT=") && ($0.contains("echo")) }
        #expect(ok, "did not end:\n\(screen)")
        #expect(screen.contains("HBDECK-EXIT=130"), "\(screen)")
        #expect(!screen.contains("-echo"), "the terminal was left without echo:\n\(screen)")
        #expect(!screen.contains("half-typed"))
    }
}

extension ConsoleE2ETests {
    /// From the console: a broken config refused at upload, a script config and its controller config
    /// uploaded, a value changed in the form, and a reload that the running bot takes up without a restart.
    @Test func aStrategyIsUploadedChangedAndReloadedFromTheConsole() throws {
        let fleet = try TestFleet("e2e-change")
        defer { fleet.remove() }
        try fleet.addProfile()
        let local = fleet.root.appendingPathComponent("home-strategies")
        try FileManager.default.createDirectory(at: local, withIntermediateDirectories: true)
        try "key: [unclosed\n".write(to: local.appendingPathComponent("broken.yml"), atomically: true, encoding: .utf8)
        try "id: grid_1\ncontroller_name: pmm_simple\nmanual_kill_switch: false\n".write(
            to: local.appendingPathComponent("grid_1.yml"), atomically: true, encoding: .utf8)
        try "script_file_name: v2_with_controllers.py\ncontrollers_config:\n- grid_1.yml\n".write(
            to: local.appendingPathComponent("with_grid.yml"), atomically: true, encoding: .utf8)
        let config = fleet.root.appendingPathComponent("hbdeck.yml")
        try "bots_folder: \(fleet.root.path)\nmqtt_port: \(fleet.port)\nbroker_container: \(fleet.brokerName)\n".write(
            to: config, atomically: true, encoding: .utf8)
        let name = TestEngine.uniqueName("e2e-hot")
        let command =
            "cd \(local.path) && DOCKER_HOST=\(try #require(TestEngine.host)) \(HBDeckProcess.binary.path) --config \(config.path) --filter \(name); sleep 60"
        let tmux = try TmuxSession(width: 120, height: 36, command: command)
        defer { tmux.kill() }
        var (ok, screen) = try tmux.waitFor(seconds: 30) { $0.contains("Instances") }
        #expect(ok, "no console:\n\(screen)")

        try tmux.send("u")
        (ok, screen) = try tmux.waitFor(seconds: 10) { $0.contains("Upload · \(local.path)") }
        #expect(ok, "no upload dialog:\n\(screen)")
        try tmux.send("Enter")  // broken.yml, the first entry after ..
        (ok, screen) = try tmux.waitFor(seconds: 20) { $0.contains("broken.yml is not valid YAML") }
        #expect(ok, "a broken config was not refused:\n\(screen)")
        #expect(
            !FileManager.default.fileExists(atPath: fleet.root.appendingPathComponent("conf/scripts/broken.yml").path))
        try tmux.send("Down", "Right", "Enter")  // grid_1.yml to conf/controllers/
        (ok, screen) = try tmux.waitFor(seconds: 20) {
            $0.contains("uploaded conf/controllers/grid_1.yml") && !$0.contains("Upload · ")
        }
        #expect(ok, "\(screen)")
        try tmux.send("u")
        _ = try tmux.waitFor(seconds: 10) { $0.contains("Upload · ") }
        try tmux.send("Down", "Down", "Enter")  // with_grid.yml to conf/scripts/
        (ok, screen) = try tmux.waitFor(seconds: 20) {
            $0.contains("uploaded conf/scripts/with_grid.yml") && !$0.contains("Upload · ")
        }
        #expect(ok, "\(screen)")

        fleet.adopt(name)
        let stdin = fleet.root.appendingPathComponent("password")
        try (TestFleet.password + "\n").write(to: stdin, atomically: true, encoding: .utf8)
        let created = try HBDeckProcess.run(
            [
                "create", name, "--image", TestEngine.botImage, "--script-config", "with_grid.yml", "--start",
                "--network", "host", "--config", config.path,
            ],
            stdinFile: stdin.path, seconds: 180)
        #expect(created.status == 0, "\(created.stderr)")
        (ok, screen) = try tmux.waitFor(seconds: 90) { screen in
            screen.split(separator: "\n").contains { $0.contains(String(name.prefix(20))) && $0.contains(" online ") }
        }
        #expect(ok, "the bot did not come online:\n\(screen)")
        let firstRun = try TestEngine.docker(["inspect", "-f", "{{.State.StartedAt}}", name])

        try tmux.send("v")
        (ok, screen) = try tmux.waitFor(seconds: 10) {
            $0.contains("Config values · \(name)") && $0.contains("manual_kill_switch")
        }
        #expect(ok, "no values form:\n\(screen)")
        try tmux.send("Down", "Down", "Down", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace")
        try tmux.type("true")
        try tmux.send("Enter")
        (ok, screen) = try tmux.waitFor(seconds: 20) { $0.contains("saved grid_1.yml: manual_kill_switch=true") }
        #expect(ok, "\(screen)")
        let saved = try String(
            contentsOf: fleet.root.appendingPathComponent("instances/\(name)/conf/controllers/grid_1.yml"),
            encoding: .utf8)
        #expect(
            saved == "id: grid_1\ncontroller_name: pmm_simple\nmanual_kill_switch: true\n", "only the value changed")

        try tmux.send("r")
        (ok, screen) = try tmux.waitFor(seconds: 10) { $0.contains("Reload \(name)'s strategy files?") }
        #expect(ok, "\(screen)")
        try tmux.send("y")
        (ok, screen) = try tmux.waitFor(seconds: 30) { $0.contains("re-reads its controller configs every 10 s") }
        #expect(ok, "\(screen)")
        (ok, screen) = try tmux.waitFor(seconds: 90) { $0.contains("Manual cash out for controller grid_1") }
        #expect(ok, "the bot did not take the change up:\n\(screen)")
        #expect(
            try TestEngine.docker(["inspect", "-f", "{{.State.StartedAt}}", name]) == firstRun, "the container ran on")
        #expect(!screen.contains(TestFleet.password))
    }
}

extension ConsoleE2ETests {
    /// A bot that fails over and over is restarted by the engine as its policy allows, then left stopped:
    /// a console started only after that shows it as Error, saying the engine gave up, how it exited and its
    /// last error line.
    @Test func aBotTheEngineGaveUpOnIsAnErrorWithItsReason() throws {
        let fleet = try TestFleet("e2e-gaveup")
        defer { fleet.remove() }
        let name = try fleet.startBot(
            TestEngine.uniqueName("crashy"),
            environment: ["HBDECK_BOT_CRASH_AFTER": "2", "HBDECK_BOT_CONNECT_DELAY": "0"])
        try TestEngine.docker(["update", "--restart", "on-failure:2", name])
        let deadline = Date().addingTimeInterval(120)
        var condition = ""
        repeat {
            condition = try TestEngine.docker(["inspect", "-f", "{{.State.Status}} {{.RestartCount}}", name])
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if condition == "exited 2" { break }
            Thread.sleep(forTimeInterval: 0.2)
        } while Date() < deadline
        #expect(condition == "exited 2", "the engine restarted it twice and gave up")

        let tmux = try console(for: fleet, width: 160, height: 36, showing: name)
        defer { tmux.kill() }
        let (ok, screen) = try tmux.waitFor(seconds: 30) {
            $0.contains("gave up after 2 restarts (on-failure:2) · exited with code 1")
        }
        #expect(ok, "\(screen)")
        #expect(screen.contains("● Error"))
        #expect(screen.contains("simulated crash"), "its last error line")
        try tmux.send("Enter")
        // The whole screen, traceback included: a capture can come while the frame is still being written.
        let (detailed, details) = try tmux.waitFor(seconds: 10) {
            $0.contains("restart on-failure:2 · 2 restarts · last exit 1") && $0.contains("How it ended (errors.log)")
        }
        #expect(detailed, "\(details)")
        // How it ended, whole: the Python traceback its stderr left in errors.log.
        #expect(
            details.contains("How it ended (errors.log)") && details.contains("Traceback (most recent call last):")
                && details.contains("in fail_hard") && details.contains("RuntimeError: simulated crash"), "\(details)")
    }
}

extension ConsoleE2ETests {
    /// A console started after a bot traded counts its fills exactly, from the bot's own trade database,
    /// where MQTT alone could only say "at least".
    @Test func aLateConsoleCountsTradesExactlyFromTheBotsDatabase() throws {
        let fleet = try TestFleet("e2e-tradedb")
        defer { fleet.remove() }
        let name = try fleet.startBot(TestEngine.uniqueName("traded"), environment: ["HBDECK_BOT_CONNECT_DELAY": "0"])
        func fills() -> Int {
            ((try? String(contentsOf: fleet.logFile(name), encoding: .utf8)) ?? "").components(
                separatedBy: "has been filled"
            ).count - 1
        }
        let deadline = Date().addingTimeInterval(120)
        while fills() < 2 && Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        #expect(fills() >= 2, "the bot traded")
        // Its strategy stopped, the count stays put while the console starts.
        let stopped = try HBDeckProcess.run(["bot", "stop", name, "--mqtt-port", String(fleet.port)], seconds: 60)
        #expect(stopped.status == 0, "\(stopped.stderr)")
        let log = fleet.logFile(name)
        while !((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("Hummingbot stopped.")
            && Date() < deadline
        { Thread.sleep(forTimeInterval: 0.2) }
        let database = fleet.root.appendingPathComponent("instances/\(name)/data/\(name).sqlite").path
        let counted = try Subprocess.run(["sqlite3", database, "SELECT COUNT(*) FROM TradeFill"], timeout: 30).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Int(counted) == fills(), "the database holds every fill the log shows")

        let tmux = try console(for: fleet, width: 120, height: 36, showing: name)
        defer { tmux.kill() }
        _ = try tmux.waitFor(seconds: 30) { $0.contains(String(name.prefix(20))) }
        try tmux.send("Enter")
        let (ok, screen) = try tmux.waitFor(seconds: 40) {
            $0.contains("Trades         \(counted) (trade database, read")
        }
        #expect(ok, "\(screen)")
    }

    /// Orders placed before the console started are never heard over MQTT: the bot's `Order` table says which
    /// are open, so ORD is exact and `O` lists them with their exchange.
    @Test func aLateConsoleListsTheOpenOrdersTheBotRecorded() throws {
        let fleet = try TestFleet("e2e-orderdb")
        defer { fleet.remove() }
        let name = try fleet.startBot(
            TestEngine.uniqueName("resting"),
            environment: ["HBDECK_BOT_CONNECT_DELAY": "0", "HBDECK_BOT_ORDERS_STAY_OPEN": "1"])
        let database = fleet.root.appendingPathComponent("instances/\(name)/data/\(name).sqlite").path
        func recordedOpen() -> Int {
            let query =
                #"SELECT COUNT(*) FROM "Order" WHERE last_status IN ('BuyOrderCreated', 'SellOrderCreated', 'OrderFilled')"#
            return Int(
                ((try? Subprocess.run(["sqlite3", database, query], timeout: 30))?.stdout ?? "").trimmingCharacters(
                    in: .whitespacesAndNewlines)) ?? 0
        }
        // The simulation keeps at most four orders open and, told so, never fills or cancels them.
        let deadline = Date().addingTimeInterval(120)
        while recordedOpen() < 4 && Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        #expect(recordedOpen() == 4, "the bot recorded its four orders")

        let tmux = try console(for: fleet, width: 140, height: 36, showing: name)
        defer { tmux.kill() }
        var (ok, screen) = try tmux.waitFor(seconds: 40) { screen in
            screen.split(separator: "\n").contains { $0.contains(String(name.prefix(20))) && $0.contains("online") }
        }
        #expect(ok, "\(screen)")
        try tmux.send("Enter")
        (ok, screen) = try tmux.waitFor(seconds: 40) { $0.contains("Open orders    4 (trade database, read") }
        #expect(ok, "exact, not ≥0:\n\(screen)")
        try tmux.send("Escape", "O")
        (ok, screen) = try tmux.waitFor(seconds: 20) { $0.contains("Open orders 4") }
        #expect(ok, "\(screen)")
        #expect(
            screen.components(separatedBy: "binance_paper_trade").count - 1 == 4, "each with its exchange:\n\(screen)")
        #expect(!screen.contains(" ≥"), "not marked partial:\n\(screen)")
    }
}

extension ConsoleE2ETests {
    /// A controller run by hbot, changed from the console's values form: the fields and what applies live
    /// come from the client's own `hbot config`, the change goes through it, and the bot takes it up while
    /// its container runs on.
    @Test func aControllerFieldChangedInTheFormIsAppliedLive() throws {
        let fleet = try TestFleet("e2e-hbotform", startingBroker: false)
        defer { fleet.remove() }
        try fleet.addProfile()
        try FileManager.default.createDirectory(
            at: fleet.root.appendingPathComponent("conf/controllers"), withIntermediateDirectories: true)
        try
            "id: ctl_live\ncontroller_name: pmm_simple\ncontroller_type: market_making\ntotal_amount_quote: '100'\nmanual_kill_switch: false\nconnector_name: binance_paper_trade\ntrading_pair: TEST-USDT\nleverage: 20\n"
            .write(
                to: fleet.root.appendingPathComponent("conf/controllers/ctl_live.yml"), atomically: true,
                encoding: .utf8)
        let config = fleet.root.appendingPathComponent("hbdeck.yml")
        try "bots_folder: \(fleet.root.path)\nmqtt: false\n".write(to: config, atomically: true, encoding: .utf8)
        let name = TestEngine.uniqueName("e2e-hbotctl")
        fleet.adopt(name)
        let stdin = fleet.root.appendingPathComponent("password")
        try (TestFleet.password + "\n").write(to: stdin, atomically: true, encoding: .utf8)
        let made = try HBDeckProcess.run(
            [
                "create", name, "--image", TestEngine.botImage, "--engine", "hbot", "--controller-config",
                "ctl_live.yml", "--start", "--network", "host", "--config", config.path,
            ],
            stdinFile: stdin.path, seconds: 180)
        #expect(made.status == 0, "\(made.stderr)")
        let command =
            "DOCKER_HOST=\(try #require(TestEngine.host)) \(HBDeckProcess.binary.path) --config \(config.path) --filter \(name); sleep 60"
        let tmux = try TmuxSession(width: 120, height: 36, command: command)
        defer { tmux.kill() }
        var (ok, screen) = try tmux.waitFor(seconds: 60) { screen in
            screen.split(separator: "\n").contains { $0.contains(String(name.prefix(20))) && $0.contains(" online ") }
        }
        #expect(ok, "the hbot bot did not show online from its status file:\n\(screen)")
        let firstRun = try TestEngine.docker(["inspect", "-f", "{{.State.StartedAt}}", name])
        try tmux.send("v")
        (ok, screen) = try tmux.waitFor(seconds: 60) {
            $0.contains("through hbot config") && $0.contains("manual_kill_switch")
        }
        #expect(ok, "no form from hbot config:\n\(screen)")
        #expect(screen.split(separator: "\n").contains { $0.contains("manual_kill_switch") && $0.contains("live") })
        #expect(screen.split(separator: "\n").contains { $0.contains("leverage") && $0.contains("at next start") })
        // From id (focused) down to manual_kill_switch, its value replaced.
        try tmux.send("Down", "Down", "Down", "Down", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace")
        try tmux.type("true")
        try tmux.send("Enter")
        (ok, screen) = try tmux.waitFor(seconds: 60) { $0.contains("set manual_kill_switch=true (live (~10s))") }
        #expect(ok, "the client's answer was not reported:\n\(screen)")
        let log = fleet.root.appendingPathComponent("instances/\(name)/logs/logs_ctl_live.log")
        let deadline = Date().addingTimeInterval(60)
        var taken = false
        while !taken && Date() < deadline {
            taken = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains(
                "Manual cash out for controller ctl_live.")
            if !taken { Thread.sleep(forTimeInterval: 0.2) }
        }
        #expect(taken, "the running controller took the change up")
        #expect(try TestEngine.docker(["inspect", "-f", "{{.State.StartedAt}}", name]) == firstRun)
        #expect(!screen.contains(TestFleet.password))
    }
}

extension ConsoleE2ETests {
    /// A bot's error with a Python traceback arrives over MQTT as one record: the errors view shows it once,
    /// counted, and opens it to the whole stack; the footer counts it until it is acknowledged.
    @Test func aTracebackIsOneErrorEntryWithItsWholeStack() throws {
        let fleet = try TestFleet("e2e-errors")
        defer { fleet.remove() }
        let name = try fleet.startBot(
            TestEngine.uniqueName("erring"),
            environment: ["HBDECK_BOT_CONNECT_DELAY": "0", "HBDECK_BOT_ERROR_EVERY": "2"])
        let tmux = try console(for: fleet, width: 140, height: 40, showing: name)
        defer { tmux.kill() }
        var (ok, screen) = try tmux.waitFor(seconds: 60) { $0.contains("new (E)") }
        #expect(ok, "no new errors counted:\n\(screen)")
        try tmux.send("E")
        (ok, screen) = try tmux.waitFor(seconds: 30) { screen in
            screen.split(separator: "\n").contains {
                $0.contains("Unexpected error running clock tick.") && $0.contains("×") && !$0.contains("×1 ")
            }
        }
        #expect(ok, "the repeated error is one counted entry:\n\(screen)")
        #expect(screen.components(separatedBy: "Unexpected error running clock tick.").count == 2, "listed once")
        try tmux.send("Enter")
        (ok, screen) = try tmux.waitFor(seconds: 10) {
            $0.contains("Traceback (most recent call last):") && $0.contains("KeyError: 'BTC-USDT'")
        }
        #expect(ok, "the whole stack:\n\(screen)")
        try tmux.send("a", "Escape")
        (ok, screen) = try tmux.waitFor(seconds: 10) { $0.contains("errors acknowledged") }
        #expect(ok, "\(screen)")
    }
}

extension ConsoleE2ETests {
    /// The console in a terminal of its own against the fleet's bots folder and broker, its table filtered
    /// to `showing` (the test's own bots, whatever else runs on the engine); `sleep` keeps the screen after
    /// it ends, for the test to read.
    func console(for fleet: TestFleet, width: Int, height: Int, showing filter: String) throws -> TmuxSession {
        let config = fleet.root.appendingPathComponent("hbdeck.yml")
        try "bots_folder: \(fleet.root.path)\nmqtt_port: \(fleet.port)\nbroker_container: \(fleet.brokerName)\n".write(
            to: config, atomically: true, encoding: .utf8)
        return try TmuxSession(
            width: width, height: height,
            command:
                "DOCKER_HOST=\(try #require(TestEngine.host)) \(HBDeckProcess.binary.path) --config \(config.path) --filter \(filter); sleep 60"
        )
    }
}

extension ConsoleE2ETests {
    /// A bot with no MQTT at all (hbot, no broker): its errors come from its own log file, traceback and all.
    @Test func errorsOfABotWithoutMQTTComeFromItsLogFile() throws {
        let fleet = try TestFleet("e2e-fileerrors", startingBroker: false)
        defer { fleet.remove() }
        let name = try fleet.startHbotBot(TestEngine.uniqueName("silent"), environment: ["HBDECK_BOT_ERROR_EVERY": "2"])
        let tmux = try console(for: fleet, width: 140, height: 40, showing: name)
        defer { tmux.kill() }
        var (ok, screen) = try tmux.waitFor(seconds: 60) { $0.contains("new (E)") }
        #expect(ok, "no error counted from the log file:\n\(screen)")
        try tmux.send("E")
        (ok, screen) = try tmux.waitFor(seconds: 20) { $0.contains("Unexpected error running clock tick.") }
        #expect(ok, "\(screen)")
        try tmux.send("Enter")
        (ok, screen) = try tmux.waitFor(seconds: 10) {
            $0.contains("KeyError: 'BTC-USDT'") && $0.contains("(hummingbot.core.clock)")
        }
        #expect(ok, "the traceback from the log file:\n\(screen)")
    }
}
