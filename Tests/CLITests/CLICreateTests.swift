import Foundation
import HBTestSupport
import Testing

/// `hbdeck create` against the private engine and broker, on a bots folder laid out as Hummingbot's tooling does.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"), .serialized)
struct CLICreateTests {
    func create(
        _ fleet: TestFleet, _ name: String, password: String = TestFleet.password, image: String = TestEngine.botImage,
        scriptConfig: String? = "master_account.yml", extra: [String] = []
    ) throws -> HBDeckProcess.Result {
        let stdin = fleet.root.appendingPathComponent("password-\(UUID().uuidString)")
        try (password + "\n").write(to: stdin, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: stdin) }
        let config = fleet.root.appendingPathComponent("hbdeck.yml")
        try "".write(to: config, atomically: true, encoding: .utf8)
        fleet.adopt(name)
        return try HBDeckProcess.run(
            ["create", name, "--image", image] + (scriptConfig.map { ["--script-config", $0] } ?? []) + [
                "--bots-folder", fleet.root.path,
                "--mqtt-host", "127.0.0.1", "--mqtt-port", String(fleet.port), "--config", config.path, "--network",
                "host",
            ] + extra,
            stdinFile: stdin.path, seconds: 180)
    }

    /// Every path under the bots folder (the broker's and the password files left out): what must not change.
    /// The audit log is left out too: a refused create is recorded there, as it should be.
    func listing(_ fleet: TestFleet) -> [String] {
        let paths = FileManager.default.enumerator(atPath: fleet.root.path)?.allObjects as? [String] ?? []
        return paths.filter {
            !$0.hasPrefix("broker") && !$0.hasPrefix("password-") && $0 != "hbdeck.yml" && $0 != ".hbdeck"
                && $0 != ".hbdeck/audit.log"
        }.sorted()
    }

    /// The audit log's last entry names the refusal.
    func lastAudit(_ fleet: TestFleet) -> String {
        ((try? String(contentsOf: fleet.root.appendingPathComponent(".hbdeck/audit.log"), encoding: .utf8)) ?? "")
            .split(separator: "\n").last.map(String.init) ?? ""
    }

    @Test func aCreatedBotComesOnlineWithTheChosenConfig() throws {
        let fleet = try TestFleet("create")
        defer { fleet.remove() }
        try fleet.addProfile()
        let name = TestEngine.uniqueName("created")
        let result = try create(fleet, name, extra: ["--start", "--memory", "512m", "--cpus", "0.5"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("started \(name)"))
        #expect(!result.stdout.contains(TestFleet.password) && !result.stderr.contains(TestFleet.password))
        // The bot's own password check passed, and it reports on the broker under its new name.
        let heard = try Subprocess.run(
            ["mosquitto_sub", "-p", String(fleet.port), "-t", "hbot/\(name)/hb", "-C", "1", "-W", "90"], timeout: 120)
        #expect(heard.status == 0, "no heartbeat from \(name)")
        // Read-only mode refuses a stop; the bot runs on. The audit log has both, and never the password.
        let readOnly = try HBDeckProcess.run(["stop", name], environment: ["HBDECK_READ_ONLY": "1"])
        #expect(readOnly.status == 1 && readOnly.stderr.contains("read-only mode"), "\(readOnly.stderr)")
        #expect(
            try TestEngine.docker(["inspect", "-f", "{{.State.Running}}", name]).trimmingCharacters(
                in: .whitespacesAndNewlines) == "true")
        let audit = try String(contentsOf: fleet.root.appendingPathComponent(".hbdeck/audit.log"), encoding: .utf8)
        #expect(
            audit.contains(#""action":"create""#) && audit.contains(#""outcome":"ok""#)
                && !audit.contains(TestFleet.password), "\(audit)")
        let inspect = try TestEngine.docker([
            "inspect", "-f",
            "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.NetworkMode}} {{index .Config.Labels \"hbdeck.role\"}}",
            name,
        ])
        #expect(inspect.trimmingCharacters(in: .whitespacesAndNewlines) == "536870912 500000000 host bot")
        let conf = try String(
            contentsOf: fleet.root.appendingPathComponent("instances/\(name)/conf/conf_client.yml"), encoding: .utf8)
        #expect(conf.contains("instance_id: \(name)\n") && conf.contains("mqtt_port: \(fleet.port)\n"))
        #expect(
            FileManager.default.fileExists(
                atPath: fleet.root.appendingPathComponent("instances/\(name)/logs/logs_master_account.log").path))
        // The same name again is refused before any password is asked for.
        let again = try create(fleet, name)
        #expect(again.status == 1)
        #expect(again.stderr.contains("name: instances/\(name) already exists"))

        // Its settings as a template; a second bot from it with only a new name.
        let config = fleet.root.appendingPathComponent("hbdeck.yml").path
        let saved = try HBDeckProcess.run([
            "template", "save", "small", "--from", name, "--bots-folder", fleet.root.path, "--config", config,
        ])
        #expect(saved.status == 0, "\(saved.stderr)")
        let second = TestEngine.uniqueName("templated")
        fleet.adopt(second)
        let stdin = fleet.root.appendingPathComponent("second-password")
        try (TestFleet.password + "\n").write(to: stdin, atomically: true, encoding: .utf8)
        let fromTemplate = try HBDeckProcess.run(
            [
                "create", second, "--template", "small", "--bots-folder", fleet.root.path, "--config", config,
                "--mqtt-port", String(fleet.port),
            ],
            stdinFile: stdin.path, seconds: 180)
        #expect(fromTemplate.status == 0, "\(fromTemplate.stderr)")
        let copied = try TestEngine.docker([
            "inspect", "-f",
            "{{.Config.Image}} {{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{index .Config.Labels \"hbdeck.profile\"}}",
            second,
        ])
        #expect(
            copied.trimmingCharacters(in: .whitespacesAndNewlines)
                == "\(TestEngine.botImage) 536870912 500000000 master_account")
        let listed = try HBDeckProcess.run(["template", "ls", "--bots-folder", fleet.root.path, "--config", config])
        #expect(
            listed.stdout.contains("small") && listed.stdout.contains("master_account.yml")
                && listed.stdout.contains("512 MiB"))
    }

    @Test func aDeletedBotIsStoppedOverMQTTAndItsFolderArchived() throws {
        let fleet = try TestFleet("archive")
        defer { fleet.remove() }
        try fleet.addProfile()
        let name = TestEngine.uniqueName("archived")
        #expect(try create(fleet, name, extra: ["--start"]).status == 0)
        #expect(
            try Subprocess.run(
                ["mosquitto_sub", "-p", String(fleet.port), "-t", "hbot/\(name)/hb", "-C", "1", "-W", "90"],
                timeout: 120
            ).status == 0)
        let config = fleet.root.appendingPathComponent("hbdeck.yml").path
        let purgeRefused = try HBDeckProcess.run(
            [
                "rm", name, "--purge", "--bots-folder", fleet.root.path, "--config", config, "--mqtt-port",
                String(fleet.port),
            ])
        #expect(purgeRefused.status == 1)
        #expect(purgeRefused.stderr.contains("\(name) was not typed again: nothing was deleted"))
        #expect(try TestEngine.docker(["inspect", "-f", "{{.State.Running}}", name]) == "true")

        let removed = try HBDeckProcess.run(
            ["rm", name, "--bots-folder", fleet.root.path, "--config", config, "--mqtt-port", String(fleet.port)],
            seconds: 120)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout.contains("bot stopped (200), wound down in"), "\(removed.stdout)")
        #expect(removed.stdout.contains("container removed · instances/\(name) moved to archived/\(name)-"))
        #expect(try TestEngine.docker(["ps", "-aq", "--filter", "name=^\(name)$"]).isEmpty)
        let archived = try FileManager.default.contentsOfDirectory(
            atPath: fleet.root.appendingPathComponent("archived").path)
        #expect(archived.count == 1 && archived[0].hasPrefix("\(name)-"))
        #expect(!FileManager.default.fileExists(atPath: fleet.root.appendingPathComponent("instances/\(name)").path))
        // The bot's own record of the stop travelled with its folder.
        let log = try String(
            contentsOf: fleet.root.appendingPathComponent("archived/\(archived[0])/logs/logs_master_account.log"),
            encoding: .utf8)
        #expect(log.contains("Hummingbot stopped."))
    }

    /// A missing image is pulled with its progress (layers and bytes), here from a registry on loopback.
    @Test func aMissingImageIsPulledWithItsProgress() async throws {
        let registry = try TestRegistry()
        defer { registry.stop() }
        #expect(try await registry.ready(), "the registry did not answer")
        let image = try registry.publish(
            TestEngine.botImage, as: "hbdeck-pull/hummingbot:t\(UInt32.random(in: 0...UInt32.max))")
        defer { _ = try? TestEngine.docker(["rmi", "-f", image]) }
        let fleet = try TestFleet("pull", startingBroker: false)
        defer { fleet.remove() }
        try fleet.addProfile()
        let name = TestEngine.uniqueName("pulled")
        let result = try create(fleet, name, image: image)
        #expect(result.status == 0, "\(result.stderr)")
        let pulling = result.stderr.split(separator: "\n").filter { $0.hasPrefix("pulling: ") }
        #expect(pulling.count >= 2, "\(result.stderr)")
        let last = try #require(
            pulling.last?.firstMatch(of: /pulling: (\d+)\/(\d+) layers, ([\d.]+) MB of ([\d.]+) MB/))
        #expect(last.1 == last.2 && Int(last.2)! >= 1, "every layer done: \(pulling.last ?? "")")
        #expect(last.3 == last.4 && Double(last.4)! > 1, "every byte: \(pulling.last ?? "")")
        #expect(
            try TestEngine.docker(["image", "inspect", "-f", "{{.Id}}", image]).hasPrefix("sha256:"),
            "the image is present")
    }

    /// With `--engine hbot` the container runs `hbot start CONFIG --foreground`: no broker is needed, the bot
    /// writes its status files, and deleting it is one graceful stop. An image without hbot is refused.
    @Test func aBotDeployedTheClientsNewWayRunsWithoutABroker() throws {
        let fleet = try TestFleet("create-hbot", startingBroker: false)
        defer { fleet.remove() }
        try fleet.addProfile()
        let refused = try create(
            fleet, TestEngine.uniqueName("nohbot"), image: TestEngine.brokerImage, extra: ["--engine", "hbot"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("has no hbot CLI"), "\(refused.stderr)")

        let name = TestEngine.uniqueName("hbotmade")
        let made = try create(fleet, name, extra: ["--engine", "hbot", "--start"])
        #expect(made.status == 0, "\(made.stderr)")
        let command = try TestEngine.docker(["inspect", "-f", "{{json .Config.Cmd}}", name])
        // Through the image's own environment (conda activated only where the image has it), hbot exec'd as PID 1.
        #expect(
            command.hasPrefix(#"["/bin/sh","-c","#)
                && command.hasSuffix(#""hbdeck","hbot","start","master_account.yml","--foreground"]"#), "\(command)")
        let status = fleet.root.appendingPathComponent("instances/\(name)/data/bot/status.json")
        #expect(
            try eventuallySync(within: 40) {
                (try? String(contentsOf: status, encoding: .utf8))?.contains(#""running": true"#) == true
            })
        let config = fleet.root.appendingPathComponent("hbdeck.yml").path
        let removed = try HBDeckProcess.run(
            ["rm", name, "--skip-bot-stop", "--bots-folder", fleet.root.path, "--config", config], seconds: 120)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(
            removed.stdout.contains("graceful stop, the bot cancelled its orders and exited 0"), "\(removed.stdout)")
    }

    /// `restart --older-than` (for cron) restarts only bots up longer than the age, each stopped safely first:
    /// the bot's MQTT stop (it cancels its orders and winds down), then started again.
    @Test func oldBotsAreRestartedSafelyOneAtATime() throws {
        let fleet = try TestFleet("older")
        defer { fleet.remove() }
        let name = try fleet.startBot(TestEngine.uniqueName("old"), environment: ["HBDECK_BOT_CONNECT_DELAY": "0"])
        #expect(
            try Subprocess.run(
                ["mosquitto_sub", "-p", String(fleet.port), "-t", "hbot/\(name)/hb", "-C", "1", "-W", "90"],
                timeout: 120
            ).status == 0)
        let none = try HBDeckProcess.run(
            ["restart", "--older-than", "1h", "--mqtt-port", String(fleet.port), name], seconds: 120)
        #expect(
            none.stdout.contains("no running bot is older than 1h: nothing restarted"), "\(none.stdout) \(none.stderr)")
        let firstRun = try TestEngine.docker(["inspect", "-f", "{{.State.StartedAt}}", name])
        // Its heartbeat may come within a second of its start: it is older than 1 s once the clock says so.
        let seconds = DateFormatter()
        seconds.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        seconds.timeZone = TimeZone(identifier: "UTC")
        let started = try #require(seconds.date(from: String(firstRun.prefix(19))), "\(firstRun)")
        #expect(try eventuallySync(within: 30) { Date().timeIntervalSince(started) > 2 })
        let restarted = try HBDeckProcess.run(
            ["restart", "--older-than", "1s", "--mqtt-port", String(fleet.port), name], seconds: 180)
        #expect(restarted.status == 0, "\(restarted.stderr)")
        #expect(restarted.stdout.contains("restarted \(name): bot stopped (200), wound down in"), "\(restarted.stdout)")
        #expect(restarted.stdout.contains("started again"))
        #expect(try TestEngine.docker(["inspect", "-f", "{{.State.StartedAt}}", name]) != firstRun)
        #expect(
            try TestEngine.docker(["inspect", "-f", "{{.State.Running}}", name]).trimmingCharacters(
                in: .whitespacesAndNewlines) == "true")
        let log = try String(contentsOf: fleet.logFile(name), encoding: .utf8)
        #expect(log.contains("Hummingbot stopped."), "the bot wound down before its container stopped")
    }

    /// A container sees its own profile only: another profile of the same bots folder is nowhere in its
    /// filesystem, and its password is nowhere hbdeck shows a container.
    @Test func aBotSeesOnlyItsOwnProfile() throws {
        let fleet = try TestFleet("isolated")
        defer { fleet.remove() }
        try fleet.addProfile()
        try fleet.addProfile("other_desk", password: "other-desk-password")
        let marker = "other-desk-marker-\(UInt32.random(in: 0...UInt32.max))"
        try "binance_api_key: \(marker)\n".write(
            to: fleet.root.appendingPathComponent("credentials/other_desk/connectors/binance.yml"), atomically: true,
            encoding: .utf8)
        let name = TestEngine.uniqueName("isolated")
        #expect(try create(fleet, name, extra: ["--start"]).status == 0)
        let listing = try TestEngine.docker([
            "exec", name, "sh", "-c",
            "find / -xdev -path /proc -prune -o -print 2>/dev/null; grep -rl \(marker) / --exclude-dir=proc --exclude-dir=sys 2>/dev/null; true",
        ])
        #expect(
            !listing.contains("other_desk") && !listing.contains(marker), "another profile is visible in the container")
        let mounts = try TestEngine.docker(["inspect", "-f", "{{range .Mounts}}{{.Source}} {{end}}", name])
        #expect(
            !mounts.contains("credentials/"), "no profile folder is mounted, only the instance's own copy: \(mounts)")
        let config = fleet.root.appendingPathComponent("hbdeck.yml").path
        let inspect = try HBDeckProcess.run(["inspect", name])
        let listed = try HBDeckProcess.run(["ls", "--json"])
        let template = try HBDeckProcess.run([
            "template", "save", "iso", "--from", name, "--bots-folder", fleet.root.path, "--config", config,
        ])
        #expect(inspect.stdout.contains("CONFIG_PASSWORD=••••"), "\(inspect.stdout)")
        for text in [inspect.stdout, listed.stdout, template.stdout, template.stderr] {
            #expect(!text.contains(TestFleet.password))
        }
        let kept = try String(
            contentsOf: fleet.root.appendingPathComponent(".hbdeck/templates/iso.yml"), encoding: .utf8)
        #expect(!kept.contains(TestFleet.password))
    }

    /// With the client's own CLI: a config scaffolded by `hbot create --with-defaults` (its required fields
    /// listed), a bot running that controller on its own, its fields and live flags from `hbot config`, a
    /// change the client takes up live (and one it refuses, with its own reason), and `hbot doctor`'s rows.
    @Test func aControllerIsConfiguredWithTheClientsOwnSchema() throws {
        let fleet = try TestFleet("hbot-config")
        defer { fleet.remove() }
        try fleet.addProfile()
        let config = fleet.root.appendingPathComponent("hbdeck.yml")
        try "".write(to: config, atomically: true, encoding: .utf8)
        let folder = ["--bots-folder", fleet.root.path, "--config", config.path]
        let scaffold = try HBDeckProcess.run(
            ["new-config", "pmm_simple", "--image", TestEngine.botImage, "--name", "grid_h.yml"] + folder, seconds: 120)
        #expect(scaffold.status == 0, "\(scaffold.stderr)")
        #expect(scaffold.stdout.contains("created conf/controllers/grid_h.yml (controller)"), "\(scaffold.stdout)")
        #expect(scaffold.stdout.contains("still needed: connector_name, trading_pair"), "\(scaffold.stdout)")
        let unknown = try HBDeckProcess.run(
            ["new-config", "no_such_strategy", "--image", TestEngine.botImage] + folder, seconds: 120)
        #expect(
            unknown.status == 1 && unknown.stderr.contains("strategy 'no_such_strategy' not found"), "\(unknown.stderr)"
        )
        let filled = try HBDeckProcess.run(
            ["set", "conf/controllers/grid_h.yml", "connector_name=binance_paper_trade", "trading_pair=TEST-USDT"]
                + folder)
        #expect(filled.status == 0, "\(filled.stderr)")
        let scaffolded = try String(
            contentsOf: fleet.root.appendingPathComponent("conf/controllers/grid_h.yml"), encoding: .utf8)
        let id = try #require(scaffolded.split(separator: "\n").first { $0.hasPrefix("id: ") }).dropFirst(4)

        let name = TestEngine.uniqueName("hbotctl")
        let quickstart = try create(
            fleet, TestEngine.uniqueName("qsctl"), scriptConfig: nil, extra: ["--controller-config", "grid_h.yml"])
        #expect(
            quickstart.status == 1 && quickstart.stderr.contains("only with the client's hbot"), "\(quickstart.stderr)")
        let made = try create(
            fleet, name, scriptConfig: nil, extra: ["--engine", "hbot", "--controller-config", "grid_h.yml", "--start"])
        #expect(made.status == 0, "\(made.stderr)")
        let status = fleet.root.appendingPathComponent("instances/\(name)/data/bot/status.json")
        #expect(
            try eventuallySync(within: 40) {
                (try? String(contentsOf: status, encoding: .utf8))?.contains(#""running": true"#) == true
            })

        let listed = try HBDeckProcess.run(["config", name] + folder, seconds: 60)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("grid_h.yml (controller, running)"), "\(listed.stdout)")
        #expect(
            listed.stdout.split(separator: "\n").contains {
                $0.hasPrefix("manual_kill_switch") && $0.contains("false") && $0.hasSuffix("live")
            })
        #expect(
            listed.stdout.split(separator: "\n").contains { $0.hasPrefix("leverage") && $0.hasSuffix("at next start") })
        let refused = try HBDeckProcess.run(["config", name, "total_amount_quote", "lots"] + folder, seconds: 60)
        #expect(
            refused.status == 1 && refused.stderr.contains("value rejected")
                && refused.stderr.contains("valid decimal"), "\(refused.stderr)")
        let later = try HBDeckProcess.run(["config", name, "leverage", "10"] + folder, seconds: 60)
        #expect(later.stdout.contains("leverage = 10 · applies on next start"), "\(later.stdout) \(later.stderr)")
        let live = try HBDeckProcess.run(["config", name, "manual_kill_switch", "true"] + folder, seconds: 60)
        #expect(
            live.stdout.contains("manual_kill_switch = true · applies live (~10s)"), "\(live.stdout) \(live.stderr)")
        let log = fleet.root.appendingPathComponent("instances/\(name)/logs/logs_grid_h.log")
        #expect(
            try eventuallySync(within: 60) {
                (try? String(contentsOf: log, encoding: .utf8))?.contains("Manual cash out for controller \(id).")
                    == true
            }, "the running controller took the change up")
        let versions = try HBDeckProcess.run(["versions", "instances/\(name)/conf/controllers/grid_h.yml"] + folder)
        #expect(
            versions.stdout.contains("hbot config manual_kill_switch true")
                && versions.stdout.contains("as found before hbdeck changed it"), "\(versions.stdout)")

        let doctor = try HBDeckProcess.run(["doctor", name], seconds: 60)
        #expect(doctor.status == 0, "\(doctor.stderr)")
        #expect(
            doctor.stdout.contains("password unlocks the keystore")
                && doctor.stdout.contains("could not reach a time source"), "\(doctor.stdout)")
        #expect(!doctor.stdout.contains(TestFleet.password) && !listed.stdout.contains(TestFleet.password))
        let notHbot = try HBDeckProcess.run(["doctor", fleet.brokerName], seconds: 60)
        #expect(notHbot.status == 1 && notHbot.stderr.contains("is not a bot run by hbot"), "\(notHbot.stderr)")
    }

    /// A reload does the least that applies a change: nothing for controller configs (the client re-reads
    /// them), the bot's MQTT stop and start for a script config, and, as the current client refuses that start,
    /// a container restart, saying so.
    @Test func aChangedStrategyIsReloadedTheWayThatWorks() throws {
        let fleet = try TestFleet("reload")
        defer { fleet.remove() }
        try fleet.addProfile()
        let name = TestEngine.uniqueName("reload")
        #expect(try create(fleet, name, extra: ["--start"]).status == 0)
        #expect(
            try Subprocess.run(
                ["mosquitto_sub", "-p", String(fleet.port), "-t", "hbot/\(name)/hb", "-C", "1", "-W", "90"],
                timeout: 120
            ).status == 0)
        let config = fleet.root.appendingPathComponent("hbdeck.yml").path
        func reload() throws -> HBDeckProcess.Result {
            try HBDeckProcess.run(
                [
                    "reload", name, "--bots-folder", fleet.root.path, "--config", config, "--mqtt-port",
                    String(fleet.port),
                ], seconds: 120)
        }
        func started() throws -> String { try TestEngine.docker(["inspect", "-f", "{{.State.StartedAt}}", name]) }
        let firstRun = try started()
        #expect(try reload().stdout.contains("nothing changed in \(name)'s strategy files since it started"))

        try "id: grid_1\ncontroller_name: grid_strike\n".write(
            to: fleet.root.appendingPathComponent("instances/\(name)/conf/controllers/grid_1.yml"), atomically: true,
            encoding: .utf8)
        let controllers = try reload()
        #expect(
            controllers.stdout.contains(
                "conf/controllers/grid_1.yml changed: the bot re-reads its controller configs every 10 s"),
            "\(controllers.stdout)")
        #expect(try started() == firstRun, "nothing restarted")

        let set = try HBDeckProcess.run(
            [
                "set", "instances/\(name)/conf/scripts/master_account.yml", "candles_config=none", "--bots-folder",
                fleet.root.path, "--config", config,
            ])
        #expect(set.status == 0, "\(set.stderr)")
        let script = try reload()
        #expect(script.status == 0, "\(script.stderr)")
        #expect(
            script.stdout.contains(
                "reloaded \(name) (conf/controllers/grid_1.yml, conf/scripts/master_account.yml) by restarting its container: "
                    + "the bot answered 400: 'HummingbotApplication' object has no attribute 'strategy'"),
            "\(script.stdout)")
        #expect(try started() != firstRun, "the container was restarted, and says so")
        #expect(
            try Subprocess.run(
                ["mosquitto_sub", "-p", String(fleet.port), "-t", "hbot/\(name)/hb", "-C", "1", "-W", "90"],
                timeout: 120
            ).status == 0)
    }

    /// A controller config changed under a running bot takes effect without a restart: the bot re-reads it
    /// (the updatable `manual_kill_switch` stops its controller, and a rollback starts it again), while the
    /// container's start time stays the same.
    @Test func aControllerChangeTakesEffectWhileTheContainerRunsOn() throws {
        let fleet = try TestFleet("hotreload")
        defer { fleet.remove() }
        try fleet.addProfile()
        try "script_file_name: v2_with_controllers.py\ncontrollers_config:\n- grid_1.yml\n".write(
            to: fleet.root.appendingPathComponent("conf/scripts/with_grid.yml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(
            at: fleet.root.appendingPathComponent("conf/controllers"), withIntermediateDirectories: true)
        try
            "id: grid_1\ncontroller_name: pmm_simple\ncontroller_type: market_making\ntotal_amount_quote: '100'\nmanual_kill_switch: false\n"
            .write(
                to: fleet.root.appendingPathComponent("conf/controllers/grid_1.yml"), atomically: true, encoding: .utf8)
        let name = TestEngine.uniqueName("hot")
        let created = try create(fleet, name, scriptConfig: "with_grid.yml", extra: ["--start"])
        #expect(created.status == 0, "\(created.stderr)")
        let config = fleet.root.appendingPathComponent("hbdeck.yml").path
        let folder = ["--bots-folder", fleet.root.path, "--config", config]
        func log() -> String { (try? TestEngine.docker(["logs", name])) ?? "" }
        func started() throws -> String { try TestEngine.docker(["inspect", "-f", "{{.State.StartedAt}}", name]) }
        #expect(try eventuallySync(within: 120) { log().contains("Created LIMIT") }, "the bot trades")
        let firstRun = try started()

        let path = "instances/\(name)/conf/controllers/grid_1.yml"
        let set = try HBDeckProcess.run(["set", path, "manual_kill_switch=true"] + folder)
        #expect(set.status == 0, "\(set.stderr)")
        let reload = try HBDeckProcess.run(["reload", name, "--mqtt-port", String(fleet.port)] + folder, seconds: 120)
        #expect(reload.stdout.contains("re-reads its controller configs every 10 s"), "\(reload.stdout)")
        #expect(
            try eventuallySync(within: 90) {
                log().contains("strategy_v2_base - Manual cash out for controller grid_1.")
            }, "\(log())")

        let versions = try HBDeckProcess.run(["versions", path] + folder)
        let before = versions.stdout.split(separator: "\n").dropFirst(2).first?.split(separator: " ").first.map(
            String.init)
        let rolledBack = try HBDeckProcess.run(["rollback", path, before ?? "none"] + folder)
        #expect(rolledBack.status == 0, "\(rolledBack.stderr) \(versions.stdout)")
        #expect(
            try eventuallySync(within: 90) { log().contains("strategy_v2_base - Restarting controller grid_1.") },
            "\(log())")
        #expect(try started() == firstRun, "the container ran on through both changes")
    }

    /// A folder left without its container (Undeployed) is deployed again as it is, and its bot comes online.
    @Test func anUndeployedFolderIsDeployedAgain() throws {
        let fleet = try TestFleet("redeploy")
        defer { fleet.remove() }
        try fleet.addProfile()
        let name = TestEngine.uniqueName("again")
        #expect(try create(fleet, name).status == 0)
        let config = fleet.root.appendingPathComponent("hbdeck.yml").path
        let kept = try HBDeckProcess.run([
            "rm", name, "--keep-folder", "--skip-bot-stop", "--bots-folder", fleet.root.path, "--config", config,
        ])
        #expect(kept.stdout.contains("container removed · instances/\(name) kept"), "\(kept.stdout)")
        let stdin = fleet.root.appendingPathComponent("redeploy-password")
        try "wrong\n".write(to: stdin, atomically: true, encoding: .utf8)
        let arguments = [
            "deploy", name, "--image", TestEngine.botImage, "--start", "--bots-folder", fleet.root.path, "--config",
            config,
        ]
        let refused = try HBDeckProcess.run(arguments, stdinFile: stdin.path, seconds: 120)
        #expect(refused.status == 1 && refused.stderr.contains("password: Invalid password."), "\(refused.stderr)")
        try (TestFleet.password + "\n").write(to: stdin, atomically: true, encoding: .utf8)
        let deployed = try HBDeckProcess.run(arguments, stdinFile: stdin.path, seconds: 120)
        #expect(deployed.status == 0, "\(deployed.stderr)")
        #expect(
            try Subprocess.run(
                ["mosquitto_sub", "-p", String(fleet.port), "-t", "hbot/\(name)/hb", "-C", "1", "-W", "90"],
                timeout: 120
            ).status == 0)
    }

    @Test func aWrongPasswordIsRefusedWithTheBotsOwnReasonAndNothingIsMade() throws {
        let fleet = try TestFleet("create-pw", startingBroker: false)
        defer { fleet.remove() }
        try fleet.addProfile()
        let before = listing(fleet)
        let name = TestEngine.uniqueName("refused")
        let result = try create(fleet, name, password: "not-the-password")
        #expect(result.status == 1)
        #expect(result.stderr.contains("password: Invalid password."), "\(result.stderr)")
        #expect(!result.stderr.contains("not-the-password"))
        #expect(listing(fleet) == before)
        #expect(
            lastAudit(fleet).contains(#""outcome":"failed: password: Invalid password."#)
                && !lastAudit(fleet).contains("not-the-password"), "\(lastAudit(fleet))")
        #expect(try TestEngine.docker(["ps", "-aq", "--filter", "name=^\(name)$"]).isEmpty, "no container")
    }

    @Test(arguments: [
        (["bad.name"], "name: \".\" is not allowed: use letters, digits, _ and - only", ""),
        (["--profile", "nobody"], "profile: no profile nobody (profiles: master_account)", ""),
        (["--script-config", "absent.yml"], "strategy: conf/scripts/absent.yml does not exist", ""),
        (["--script-config", "bad.yml"], "strategy: conf/scripts/bad.yml is not valid YAML", ""),
        (["--script-config", "../credentials/master_account/conf_client.yml"], "is not the name of a .yml file", ""),
    ])
    func badInputIsRefusedAndChangesNothing(arguments: [String], message: String, _: String) throws {
        let fleet = try TestFleet("create-bad", startingBroker: false)
        defer { fleet.remove() }
        try fleet.addProfile()
        try "script_file_name: [unclosed\n".write(
            to: fleet.root.appendingPathComponent("conf/scripts/bad.yml"), atomically: true, encoding: .utf8)
        let before = listing(fleet)
        let name = arguments == ["bad.name"] ? "bad.name" : TestEngine.uniqueName("bad")
        let result = try create(fleet, name, extra: arguments == ["bad.name"] ? [] : arguments)
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(listing(fleet) == before)
        #expect(
            lastAudit(fleet).contains(#""action":"create""#) && lastAudit(fleet).contains(#""outcome":"failed: "#),
            "the refusal is on record")
    }
}
