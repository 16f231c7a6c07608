import Foundation
import HBTestSupport
import Testing

/// Isolated bots on engine N (iptables on): each on a network of its own with only the broker, so it reaches
/// the broker and never another bot; its network goes with it, and a broker made again is put back on it.
@Suite(.enabled(if: TestEngine.isConfigured && TestEngines.isolationEngineIsUp), .serialized) struct CLINetworkTests {
    /// A TCP connection from inside a container: "connected" or "failed: …".
    static let connect = """
        import socket, sys
        s = socket.socket(); s.settimeout(5)
        try:
            s.connect((sys.argv[1], int(sys.argv[2]))); print("connected")
        except Exception as e:
            print("failed:", e)
        """

    @Test func isolatedBotsReachTheBrokerAndNeverEachOther() throws {
        let fleet = try BridgedFleet("iso")
        defer { fleet.remove() }
        let made = try fleet.hbdeck(["broker", "create"])
        #expect(made.status == 0, "\(made.stdout) \(made.stderr)")
        let a = TestEngine.uniqueName("iso-a")
        let b = TestEngine.uniqueName("iso-b")
        for name in [a, b] {
            let created = try fleet.create(name, network: "isolated")
            #expect(created.status == 0, "\(created.stdout) \(created.stderr)")
        }
        for name in [a, b] { #expect(try fleet.online(name), "\(name) is online through the broker") }
        // As an operator sees them: both online in the console, A's details naming its network.
        let console = try TmuxSession(
            width: 150, height: 40,
            command:
                "DOCKER_HOST=\(TestEngines.nSocket) \(HBDeckProcess.binary.path) --config \(fleet.config.path) --filter hbt-iso-; sleep 60"
        )
        defer { console.kill() }
        func online(_ screen: String, _ name: String) -> Bool {
            screen.split(separator: "\n").contains { $0.contains(String(name.prefix(20))) && $0.contains(" online ") }
        }
        var (shown, screen) = try console.waitFor(seconds: 60) { online($0, a) && online($0, b) }
        #expect(shown, "\(screen)")
        try console.send("Enter")
        (shown, screen) = try console.waitFor(seconds: 10) { $0.contains("isolated (hbdeck-") }
        #expect(shown, "\(screen)")
        console.kill()
        let inspected = try fleet.hbdeck(["inspect", a])
        #expect(inspected.stdout.contains("hbdeck-\(a)"), "\(inspected.stdout)")

        // From A: the broker answers; B, listening on a port of its own, cannot be reached.
        try fleet.docker([
            "exec", "-d", b, "python3", "-c",
            "import socket,time; s=socket.socket(); s.bind(('0.0.0.0', 9999)); s.listen(); time.sleep(120)",
        ])
        let addressOfB = try fleet.docker([
            "inspect", "-f", "{{(index .NetworkSettings.Networks \"hbdeck-\(b)\").IPAddress}}", b,
        ])
        #expect(
            try eventuallySync(within: 30) {
                (try? fleet.docker(["exec", b, "python3", "-c", Self.connect, "127.0.0.1", "9999"])) == "connected"
            }, "B listens")
        #expect(try fleet.docker(["exec", a, "python3", "-c", Self.connect, fleet.brokerName, "1883"]) == "connected")
        #expect(
            try fleet.docker(["exec", a, "python3", "-c", Self.connect, addressOfB, "9999"]).hasPrefix("failed"),
            "A reached B")

        // rm takes B's network with it; the broker is no longer on it.
        let removed = try fleet.hbdeck(["rm", b])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout.contains("network hbdeck-\(b) removed"), "\(removed.stdout)")
        #expect(try fleet.docker(["network", "ls", "-q", "--filter", "name=^hbdeck-\(b)$"]).isEmpty)
        #expect(
            !(try fleet.docker(["inspect", "-f", "{{json .NetworkSettings.Networks}}", fleet.brokerName])).contains(
                "hbdeck-\(b)"))

        // The broker made again goes back onto A's network, and A comes back online.
        try fleet.docker(["rm", "-f", fleet.brokerName])
        let again = try fleet.hbdeck(["broker", "create"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(
            try fleet.docker(["inspect", "-f", "{{json .NetworkSettings.Networks}}", fleet.brokerName]).contains(
                "hbdeck-\(a)"))
        #expect(try fleet.online(a), "A is online again through the new broker")
    }

    /// With a login on the broker, each bot gets a user of its own that reaches only its own topics: it can
    /// neither speak for another bot nor read another bot's telemetry, and its user goes with it.
    @Test func eachBotsBrokerUserReachesOnlyItsOwnTopics() throws {
        let hbdeckPassword = "pw-\(UInt64.random(in: 0...UInt64.max))"
        let fleet = try BridgedFleet("users", login: ("hbdeck-test", hbdeckPassword))
        defer { fleet.remove() }
        #expect(try fleet.hbdeck(["broker", "create"]).status == 0)
        let a = TestEngine.uniqueName("users-a")
        let b = TestEngine.uniqueName("users-b")
        for name in [a, b] {
            let created = try fleet.create(name, network: "isolated")
            #expect(created.status == 0, "\(created.stderr)")
            #expect(!created.stdout.contains(hbdeckPassword) && !created.stderr.contains(hbdeckPassword))
        }
        for name in [a, b] { #expect(try fleet.online(name), "\(name) is online with a user of its own") }
        // A's own login, from its conf_client.yml (never printed).
        let conf = try String(
            contentsOf: fleet.fleet.root.appendingPathComponent("instances/\(a)/conf/conf_client.yml"), encoding: .utf8)
        #expect(conf.contains("mqtt_username: \(a)"))
        let aPassword = try #require(
            conf.split(separator: "\n").first { $0.contains("mqtt_password:") }.map {
                $0.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                    in: CharacterSet(charactersIn: "'\""))
            })
        #expect(!aPassword.isEmpty && aPassword != hbdeckPassword)
        let aLogin = ["-u", a, "-P", aPassword]
        let port = String(fleet.port)

        // A publishes on B's log topic, then on its own: hbdeck hears its own line and never the forged one.
        let ready = "hbdeck-test/ready/\(UInt32.random(in: 0...UInt32.max))"
        let listener = try MQTTListener(
            ["-p", port] + fleet.loginOptions + ["-t", "hbot/+/log", "-t", ready, "-W", "120"])
        defer { listener.stop() }
        #expect(try listener.waitUntilListening(to: ready, port: fleet.port, credentials: fleet.loginOptions))
        let marker = "marker-\(UInt32.random(in: 0...UInt32.max))"
        _ = try Subprocess.run(
            ["mosquitto_pub", "-p", port] + aLogin + ["-t", "hbot/\(b)/log", "-m", #"{"msg":"forged by A"}"#],
            timeout: 30)
        _ = try Subprocess.run(
            ["mosquitto_pub", "-p", port] + aLogin + ["-t", "hbot/\(a)/log", "-m", #"{"msg":"\#(marker)"}"#],
            timeout: 30)
        #expect(
            try eventuallySync(within: 30) { listener.lines.contains { $0.contains(marker) } }, "A's own topic works")
        #expect(!listener.lines.contains { $0.contains("forged by A") }, "A spoke for B")

        // A subscribed to B's performance and its own gets only its own.
        let read = try Subprocess.run(
            ["mosquitto_sub", "-p", port] + aLogin + [
                "-v", "-t", "hbot/\(b)/performance", "-t", "hbot/\(a)/performance", "-C", "4", "-W", "60",
            ],
            timeout: 90)
        let topics = read.stdout.split(separator: "\n").map { String($0.prefix { $0 != " " }) }
        #expect(topics.count == 4 && topics.allSatisfy { $0 == "hbot/\(a)/performance" }, "\(topics)")

        // Their users go with them; each is stopped over MQTT first, though removing the first one's network
        // may cut hbdeck's own link to the broker for a moment (older engines route published ports through it).
        let removed = try fleet.hbdeck(["rm", a, b])
        for name in [a, b] {
            let line = removed.stdout.split(separator: "\n").first { $0.hasPrefix("deleted \(name):") } ?? ""
            #expect(
                line.contains("bot stopped (200)") && line.contains("its broker user removed"),
                "\(removed.stdout) \(removed.stderr)")
        }
        let refused = try Subprocess.run(
            ["mosquitto_pub", "-p", port] + aLogin + ["-t", "hbot/\(a)/log", "-m", "x"], timeout: 30)
        #expect(refused.status != 0, "A's login still works")
    }

    /// A bot made on host networking moves to a network of its own and back, online after each move.
    @Test func aHostBotMovesToItsOwnNetworkAndBack() throws {
        let fleet = try BridgedFleet("move")
        defer { fleet.remove() }
        #expect(try fleet.hbdeck(["broker", "create"]).status == 0)
        let name = TestEngine.uniqueName("move")
        let created = try fleet.create(name, network: "host")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try fleet.online(name))
        let confFile = fleet.fleet.root.appendingPathComponent("instances/\(name)/conf/conf_client.yml")

        let there = try fleet.hbdeck(["network", name, "isolated"])
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stdout.hasPrefix("moved \(name) to isolated networking: bot stopped (200)"), "\(there.stdout)")
        #expect(there.stdout.contains("started again"))
        #expect(try fleet.docker(["inspect", "-f", "{{.HostConfig.NetworkMode}}", name]) == "hbdeck-\(name)")
        #expect(try String(contentsOf: confFile, encoding: .utf8).contains("mqtt_host: \(fleet.brokerName)"))
        #expect(try fleet.online(name), "online again on its own network")

        let back = try fleet.hbdeck(["network", name, "host"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout.contains("network hbdeck-\(name) removed"), "\(back.stdout)")
        #expect(try fleet.docker(["inspect", "-f", "{{.HostConfig.NetworkMode}}", name]) == "host")
        #expect(try fleet.docker(["network", "ls", "-q", "--filter", "name=^hbdeck-\(name)$"]).isEmpty)
        #expect(try fleet.online(name), "online again on host networking")
        let versions = try fleet.hbdeck(["versions", "instances/\(name)/conf/conf_client.yml"])
        #expect(versions.stdout.contains("set mqtt_bridge.mqtt_host"), "\(versions.stdout)")
    }
}
