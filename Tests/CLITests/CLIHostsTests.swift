import Foundation
import HBTestSupport
import Testing

/// One command line for bots on several engines, named as the Docker CLI names them: contexts made with
/// `docker context create` for the first engine's socket, engine B over TLS and engine C over ssh.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engines (make test)"), .serialized)
struct CLIHostsTests {
    static let all = "hosta,hostb,hostc"
    let sockets = ["hosta": TestEngine.host ?? "", "hostb": TestEngines.bSocket, "hostc": TestEngines.cSocket]

    func hbdeck(_ arguments: [String], config: URL, environment: [String: String] = [:]) throws -> HBDeckProcess.Result
    {
        let env = TestEngines.sshEnvironment.merging(["DOCKER_CONFIG": config.path]) { $1 }.merging(environment) { $1 }
        return try HBDeckProcess.run(arguments, dockerHost: nil, environment: env, seconds: 90)
    }

    func state(_ host: String, _ name: String) throws -> String {
        try TestEngines.docker(sockets[host]!, ["inspect", "-f", "{{.State.Status}}", name])
    }

    @Test func commandsReachTheRightEngineByContextAndHostSlashName() throws {
        let config = try TestEngines.contexts()
        let name = TestEngine.uniqueName("everywhere")
        defer {
            for socket in sockets.values { _ = try? TestEngines.docker(socket, ["rm", "-f", name]) }
            try? FileManager.default.removeItem(at: config)
        }
        // The same name on each engine: names are unique per host only.
        for socket in sockets.values {
            try TestEngines.docker(
                socket,
                [
                    "run", "-d", "--name", name, "--network", "none", "--label", "hbdeck.test=1", TestEngine.botImage,
                    "sleep", "600",
                ])
        }

        let listed = try hbdeck(["ls", "--context", Self.all], config: config)
        #expect(listed.status == 0, "\(listed.stderr)")
        let rows = listed.stdout.split(separator: "\n").filter { $0.contains(name) }.map {
            $0.split(separator: " ").map(String.init)
        }
        #expect(
            listed.stdout.hasPrefix("HOST") && rows.map { $0[0] }.sorted() == ["hosta", "hostb", "hostc"],
            "\(listed.stdout)")
        let json = try hbdeck(["ls", "--json", "--context", Self.all], config: config).stdout
        #expect(json.contains("\"host\" : \"hostc\""), "each row names its host")

        // HOST/NAME reaches that engine only.
        let stopped = try hbdeck(["stop", "-t", "1", "--context", Self.all, "hostb/\(name)"], config: config)
        #expect(
            stopped.status == 0 && stopped.stdout.hasPrefix("hostb/\(name): stopped · "),
            "\(stopped.stdout)\(stopped.stderr)")
        #expect(try state("hostb", name) == "exited")
        let others = (try state("hosta", name), try state("hostc", name))
        #expect(others == ("running", "running"), "the others run on")
        let started = try hbdeck(["start", "--context", Self.all, "hostb/\(name)"], config: config)
        let bAgain = try state("hostb", name)
        #expect(started.status == 0 && bAgain == "running")
        let restarted = try hbdeck(["restart", "-t", "1", "--context", Self.all, "hostc/\(name)"], config: config)
        #expect(
            restarted.status == 0 && restarted.stdout.contains("hostc/\(name): restarted"),
            "through ssh: \(restarted.stderr)")

        // A bare name held by several engines, or a host not asked for, changes nothing.
        let ambiguous = try hbdeck(["stop", "--context", Self.all, name], config: config)
        #expect(
            ambiguous.status == 1
                && ambiguous.stderr.contains("\(name) is on hosta and hostb and hostc: say which, as hosta/\(name)"))
        let unknown = try hbdeck(["stop", "--context", "hosta,hostb", "hostc/\(name)"], config: config)
        #expect(unknown.status == 1 && unknown.stderr.contains("no engine named hostc"))
        let states = try sockets.keys.map { try state($0, name) }
        #expect(states == ["running", "running", "running"], "nothing was stopped")

        // stats and logs by host.
        let stats = try hbdeck(
            ["stats", "--no-stream", "--context", Self.all, "hosta/\(name)", "hostc/\(name)"], config: config)
        #expect(
            stats.status == 0 && stats.stdout.contains("hosta/\(name)") && stats.stdout.contains("hostc/\(name)")
                && !stats.stdout.contains("hostb/"), "\(stats.stdout)\(stats.stderr)")
        #expect(try hbdeck(["logs", "--context", Self.all, "hostc/\(name)"], config: config).status == 0)

        // One context, as the Docker CLI would pick it: no host column.
        let current = try hbdeck(["ls"], config: config, environment: ["DOCKER_CONTEXT": "hostb"])
        #expect(
            current.status == 0 && current.stdout.hasPrefix("NAME") && current.stdout.contains(name),
            "\(current.stdout)\(current.stderr)")
    }

    @Test func anEngineThatDoesNotAnswerIsNamedAndTheOthersAreListed() throws {
        let config = try TestEngines.contexts()
        let name = TestEngine.uniqueName("survivor")
        defer {
            _ = try? TestEngine.docker(["rm", "-f", name])
            try? FileManager.default.removeItem(at: config)
        }
        try TestEngine.docker([
            "run", "-d", "--name", name, "--network", "none", "--label", "hbdeck.test=1", TestEngine.botImage, "sleep",
            "600",
        ])
        // A context on a port nothing listens on.
        try TestEngines.docker(
            sockets["hosta"]!, ["context", "create", "hostdown", "--docker", "host=tcp://127.0.0.1:1"],
            environment: ["DOCKER_CONFIG": config.path])
        let listed = try hbdeck(["ls", "--context", "hosta,hostdown"], config: config)
        #expect(listed.status == 1, "an engine did not answer")
        #expect(
            listed.stderr.contains("engine hostdown: cannot reach the Docker engine at tcp://127.0.0.1:1"),
            "\(listed.stderr)")
        #expect(listed.stdout.hasPrefix("HOST") && listed.stdout.contains("hosta   \(name)"), "\(listed.stdout)")

        // ssh refusing the key: ssh's own words, with the engine's name.
        let keys = config.appendingPathComponent("stranger")
        #expect(
            try Subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.path], timeout: 30).status
                == 0)
        let sshConfig = try String(contentsOfFile: TestEngines.sshConfig, encoding: .utf8)
            .replacingOccurrences(of: "IdentityFile \(TestEngines.state)/ssh/id", with: "IdentityFile \(keys.path)")
        let strangerConfig = config.appendingPathComponent("ssh_config")
        try sshConfig.write(to: strangerConfig, atomically: true, encoding: .utf8)
        let refused = try hbdeck(
            ["ls", "--context", "hostc"], config: config, environment: ["HBDECK_SSH_OPTS": "-F \(strangerConfig.path)"])
        #expect(
            refused.status == 1 && refused.stderr.contains("ssh://hbdeck-c")
                && refused.stderr.contains("Permission denied"), "\(refused.stderr)")
        let unknown = try hbdeck(["ls", "--context", "hostq"], config: config)
        #expect(
            unknown.status == 1
                && unknown.stderr.contains("no Docker context of that name (known: default, hosta, hostb, hostc"),
            "\(unknown.stderr)")
    }

    /// `bot` commands with `HOST/NAME` go to that host's broker: a port on its own loopback, through ssh for
    /// the ssh host, as the console reaches it. The same name on the other host is not touched.
    @Test func botCommandsReachTheBrokerOfTheNamedHost() throws {
        let fleets = [
            try TestFleet("bot-hosts-b", engine: TestEngines.bSocket),
            try TestFleet("bot-hosts-c", engine: TestEngines.cSocket),
        ]
        defer { fleets.forEach { $0.remove() } }
        let name = TestEngine.uniqueName("twin")
        for fleet in fleets { try fleet.startBot(name, environment: ["HBDECK_BOT_CONNECT_DELAY": "0"]) }
        let config = try TestEngines.contexts()
        defer { try? FileManager.default.removeItem(at: config) }
        let settings = config.appendingPathComponent("hbdeck.yml")
        try "contexts: hosta, hostb, hostc\ncontext_brokers: hostb=\(fleets[0].port), hostc=\(fleets[1].port)\n".write(
            to: settings, atomically: true, encoding: .utf8)
        func bot(_ arguments: [String]) throws -> HBDeckProcess.Result {
            try hbdeck(["bot"] + arguments + ["--config", settings.path], config: config)
        }
        let deadline = Date().addingTimeInterval(90)
        // `history` answers 200 in this client release (its `status` answers 400 with no strategy object).
        var history = try bot(["history", "hostc/\(name)", "--reply-timeout", "2"])
        while history.status != 0 && Date() < deadline {
            history = try bot(["history", "hostc/\(name)", "--reply-timeout", "2"])
        }
        #expect(
            history.status == 0 && history.stdout.contains("trades"),
            "through the ssh tunnel to hostc's broker: \(history.stderr)")
        let other = try bot(["history", "hostb/\(name)"])
        #expect(other.status == 0, "hostb's broker, on its port: \(other.stderr)")

        let stopped = try bot(["stop", "hostc/\(name)"])
        #expect(
            stopped.status == 0 && stopped.stdout.contains("hostc/\(name): strategy stopped"),
            "\(stopped.stdout)\(stopped.stderr)")
        let logs = fleets.map { (try? String(contentsOf: $0.logFile(name), encoding: .utf8)) ?? "" }
        #expect(
            logs[1].contains("Hummingbot stopped.") && !logs[0].contains("stop command initiated."),
            "only hostc's bot stopped")
        // rm HOST/NAME: stopped through that host's broker, removed by its engine; the twin stays.
        let removed = try hbdeck(
            ["rm", "--context", Self.all, "--config", settings.path, "hostb/\(name)"], config: config)
        #expect(
            removed.status == 0 && removed.stdout.contains("hostb: deleted \(name): bot stopped (200)"),
            "\(removed.stdout)\(removed.stderr)")
        #expect((try? TestEngines.docker(TestEngines.bSocket, ["inspect", name])) == nil, "gone from hostb")
        #expect(
            try TestEngines.docker(TestEngines.cSocket, ["inspect", "-f", "{{.State.Status}}", name]) == "running",
            "hostc's twin stays")
        let unknown = try bot(["history", "hostq/\(name)"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no Docker context of that name"), "\(unknown.stderr)")
    }
}
