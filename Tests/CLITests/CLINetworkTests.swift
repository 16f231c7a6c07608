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
        let engine = TestEngines.nSocket
        let fleet = try TestFleet("iso", startingBroker: false, engine: engine)
        var brokerNetwork = ""
        defer {
            // The containers first: a network with a container on it stays.
            fleet.remove()
            for network in fleet.bots.map({ "hbdeck-\($0)" }) + [brokerNetwork] { _ = try? fleet.docker(["network", "rm", network]) }
        }
        try fleet.addProfile()
        // The broker as an operator makes it: hbdeck broker create, on a bridge network, its port published here.
        brokerNetwork = TestEngine.uniqueName("iso-mqtt")
        try fleet.docker(["network", "create", "--label", "\(TestEngine.testLabel)=1", brokerNetwork])
        let config = fleet.root.appendingPathComponent("hbdeck.yml")
        try """
            broker_container: \(fleet.brokerName)
            broker_image: \(TestEngine.brokerImage)
            broker_network: \(brokerNetwork)
            mqtt_host: 127.0.0.1
            mqtt_port: \(fleet.port)
            bots_folder: \(fleet.root.path)

            """.write(to: config, atomically: true, encoding: .utf8)
        func hbdeck(_ arguments: [String], stdin: String = "/dev/null") throws -> HBDeckProcess.Result {
            try HBDeckProcess.run(arguments + ["--config", config.path], dockerHost: engine, stdinFile: stdin, seconds: 180)
        }
        let made = try hbdeck(["broker", "create"])
        #expect(made.status == 0, "\(made.stdout) \(made.stderr)")

        let password = fleet.root.appendingPathComponent("password")
        try (TestFleet.password + "\n").write(to: password, atomically: true, encoding: .utf8)
        let a = TestEngine.uniqueName("iso-a"), b = TestEngine.uniqueName("iso-b")
        for name in [a, b] {
            fleet.adopt(name)
            let created = try hbdeck(
                ["create", name, "--image", TestEngine.botImage, "--script-config", "master_account.yml", "--network", "isolated", "--start"],
                stdin: password.path)
            #expect(created.status == 0, "\(created.stdout) \(created.stderr)")
        }
        for name in [a, b] {
            let heard = try Subprocess.run(["mosquitto_sub", "-p", String(fleet.port), "-t", "hbot/\(name)/hb", "-C", "1", "-W", "90"], timeout: 120)
            #expect(heard.status == 0, "\(name) is online through the broker")
        }
        let inspected = try hbdeck(["inspect", a])
        #expect(inspected.stdout.contains("hbdeck-\(a)"), "\(inspected.stdout)")

        // From A: the broker answers; B, listening on a port of its own, cannot be reached.
        try fleet.docker(["exec", "-d", b, "python3", "-c", "import socket,time; s=socket.socket(); s.bind(('0.0.0.0', 9999)); s.listen(); time.sleep(120)"])
        let addressOfB = try fleet.docker(["inspect", "-f", "{{(index .NetworkSettings.Networks \"hbdeck-\(b)\").IPAddress}}", b])
        #expect(try eventuallySync(within: 30) {
            (try? fleet.docker(["exec", b, "python3", "-c", Self.connect, "127.0.0.1", "9999"])) == "connected"
        }, "B listens")
        #expect(try fleet.docker(["exec", a, "python3", "-c", Self.connect, fleet.brokerName, "1883"]) == "connected")
        #expect(try fleet.docker(["exec", a, "python3", "-c", Self.connect, addressOfB, "9999"]).hasPrefix("failed"), "A reached B")

        // rm takes B's network with it; the broker is no longer on it.
        let removed = try hbdeck(["rm", b])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout.contains("network hbdeck-\(b) removed"), "\(removed.stdout)")
        #expect(try fleet.docker(["network", "ls", "-q", "--filter", "name=^hbdeck-\(b)$"]).isEmpty)
        #expect(!(try fleet.docker(["inspect", "-f", "{{json .NetworkSettings.Networks}}", fleet.brokerName])).contains("hbdeck-\(b)"))

        // The broker made again goes back onto A's network, and A comes back online.
        try fleet.docker(["rm", "-f", fleet.brokerName])
        let again = try hbdeck(["broker", "create"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try fleet.docker(["inspect", "-f", "{{json .NetworkSettings.Networks}}", fleet.brokerName]).contains("hbdeck-\(a)"))
        let back = try Subprocess.run(["mosquitto_sub", "-p", String(fleet.port), "-t", "hbot/\(a)/hb", "-C", "1", "-W", "120"], timeout: 150)
        #expect(back.status == 0, "A is online again through the new broker")
    }

    /// With a login on the broker, each bot gets a user of its own that reaches only its own topics: it can
    /// neither speak for another bot nor read another bot's telemetry, and its user goes with it.
    @Test func eachBotsBrokerUserReachesOnlyItsOwnTopics() throws {
        let engine = TestEngines.nSocket
        let fleet = try TestFleet("users", startingBroker: false, engine: engine)
        var brokerNetwork = ""
        defer {
            // The containers first: a network with a container on it stays.
            fleet.remove()
            for network in fleet.bots.map({ "hbdeck-\($0)" }) + [brokerNetwork] { _ = try? fleet.docker(["network", "rm", network]) }
        }
        try fleet.addProfile()
        brokerNetwork = TestEngine.uniqueName("users-mqtt")
        try fleet.docker(["network", "create", "--label", "\(TestEngine.testLabel)=1", brokerNetwork])
        let config = fleet.root.appendingPathComponent("hbdeck.yml")
        try """
            broker_container: \(fleet.brokerName)
            broker_image: \(TestEngine.brokerImage)
            broker_network: \(brokerNetwork)
            mqtt_host: 127.0.0.1
            mqtt_port: \(fleet.port)
            mqtt_username: hbdeck-test
            bots_folder: \(fleet.root.path)

            """.write(to: config, atomically: true, encoding: .utf8)
        let hbdeckPassword = "pw-\(UInt64.random(in: 0...UInt64.max))"
        let hbdeckLogin = ["-u", "hbdeck-test", "-P", hbdeckPassword]
        func hbdeck(_ arguments: [String], stdin: String = "/dev/null") throws -> HBDeckProcess.Result {
            try HBDeckProcess.run(
                arguments + ["--config", config.path], dockerHost: engine, stdinFile: stdin, environment: ["HBDECK_MQTT_PASSWORD": hbdeckPassword], seconds: 180)
        }
        #expect(try hbdeck(["broker", "create"]).status == 0)
        let password = fleet.root.appendingPathComponent("password")
        try (TestFleet.password + "\n").write(to: password, atomically: true, encoding: .utf8)
        let a = TestEngine.uniqueName("users-a"), b = TestEngine.uniqueName("users-b")
        for name in [a, b] {
            fleet.adopt(name)
            let created = try hbdeck(
                ["create", name, "--image", TestEngine.botImage, "--script-config", "master_account.yml", "--network", "isolated", "--start"],
                stdin: password.path)
            #expect(created.status == 0, "\(created.stderr)")
            #expect(!created.stdout.contains(hbdeckPassword) && !created.stderr.contains(hbdeckPassword))
        }
        for name in [a, b] {
            let heard = try Subprocess.run(
                ["mosquitto_sub", "-p", String(fleet.port)] + hbdeckLogin + ["-t", "hbot/\(name)/hb", "-C", "1", "-W", "90"], timeout: 120)
            #expect(heard.status == 0, "\(name) is online with a user of its own")
        }
        // A's own login, from its conf_client.yml (never printed).
        let conf = try String(contentsOf: fleet.root.appendingPathComponent("instances/\(a)/conf/conf_client.yml"), encoding: .utf8)
        #expect(conf.contains("mqtt_username: \(a)"))
        let aPassword = try #require(conf.split(separator: "\n").first { $0.contains("mqtt_password:") }.map {
            $0.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        })
        #expect(!aPassword.isEmpty && aPassword != hbdeckPassword)
        let aLogin = ["-u", a, "-P", aPassword]

        // A publishes on B's log topic, then on its own: hbdeck hears its own line and never the forged one.
        let ready = "hbdeck-test/ready/\(UInt32.random(in: 0...UInt32.max))"
        let listener = try MQTTListener(["-p", String(fleet.port)] + hbdeckLogin + ["-t", "hbot/+/log", "-t", ready, "-W", "120"])
        defer { listener.stop() }
        #expect(try listener.waitUntilListening(to: ready, port: fleet.port, credentials: hbdeckLogin))
        let marker = "marker-\(UInt32.random(in: 0...UInt32.max))"
        _ = try Subprocess.run(["mosquitto_pub", "-p", String(fleet.port)] + aLogin + ["-t", "hbot/\(b)/log", "-m", #"{"msg":"forged by A"}"#], timeout: 30)
        _ = try Subprocess.run(["mosquitto_pub", "-p", String(fleet.port)] + aLogin + ["-t", "hbot/\(a)/log", "-m", #"{"msg":"\#(marker)"}"#], timeout: 30)
        #expect(try eventuallySync(within: 30) { listener.lines.contains { $0.contains(marker) } }, "A's own topic works")
        #expect(!listener.lines.contains { $0.contains("forged by A") }, "A spoke for B")

        // A subscribed to B's performance and its own gets only its own.
        let read = try Subprocess.run(
            ["mosquitto_sub", "-p", String(fleet.port)] + aLogin + ["-v", "-t", "hbot/\(b)/performance", "-t", "hbot/\(a)/performance", "-C", "4", "-W", "60"],
            timeout: 90)
        let topics = read.stdout.split(separator: "\n").map { String($0.prefix { $0 != " " }) }
        #expect(topics.count == 4 && topics.allSatisfy { $0 == "hbot/\(a)/performance" }, "\(topics)")

        // Their users go with them; each is stopped over MQTT first, though removing the first one's network
        // may cut hbdeck's own link to the broker for a moment (older engines route published ports through it).
        let removed = try hbdeck(["rm", a, b])
        for name in [a, b] {
            let line = removed.stdout.split(separator: "\n").first { $0.hasPrefix("deleted \(name):") } ?? ""
            #expect(line.contains("bot stopped (200)") && line.contains("its broker user removed"), "\(removed.stdout) \(removed.stderr)")
        }
        let refused = try Subprocess.run(["mosquitto_pub", "-p", String(fleet.port)] + aLogin + ["-t", "hbot/\(a)/log", "-m", "x"], timeout: 30)
        #expect(refused.status != 0, "A's login still works")
    }

    /// A bot made on host networking moves to a network of its own and back, online after each move.
    @Test func aHostBotMovesToItsOwnNetworkAndBack() throws {
        let engine = TestEngines.nSocket
        let fleet = try TestFleet("move", startingBroker: false, engine: engine)
        var brokerNetwork = ""
        defer {
            // The containers first: a network with a container on it stays.
            fleet.remove()
            for network in fleet.bots.map({ "hbdeck-\($0)" }) + [brokerNetwork] { _ = try? fleet.docker(["network", "rm", network]) }
        }
        try fleet.addProfile()
        brokerNetwork = TestEngine.uniqueName("move-mqtt")
        try fleet.docker(["network", "create", "--label", "\(TestEngine.testLabel)=1", brokerNetwork])
        let config = fleet.root.appendingPathComponent("hbdeck.yml")
        try """
            broker_container: \(fleet.brokerName)
            broker_image: \(TestEngine.brokerImage)
            broker_network: \(brokerNetwork)
            mqtt_host: 127.0.0.1
            mqtt_port: \(fleet.port)
            bots_folder: \(fleet.root.path)

            """.write(to: config, atomically: true, encoding: .utf8)
        func hbdeck(_ arguments: [String], stdin: String = "/dev/null") throws -> HBDeckProcess.Result {
            try HBDeckProcess.run(arguments + ["--config", config.path], dockerHost: engine, stdinFile: stdin, seconds: 180)
        }
        func online(_ name: String) throws -> Bool {
            try Subprocess.run(["mosquitto_sub", "-p", String(fleet.port), "-t", "hbot/\(name)/hb", "-C", "1", "-W", "90"], timeout: 120).status == 0
        }
        #expect(try hbdeck(["broker", "create"]).status == 0)
        let password = fleet.root.appendingPathComponent("password")
        try (TestFleet.password + "\n").write(to: password, atomically: true, encoding: .utf8)
        let name = TestEngine.uniqueName("move")
        fleet.adopt(name)
        let created = try hbdeck(
            ["create", name, "--image", TestEngine.botImage, "--script-config", "master_account.yml", "--network", "host", "--start"], stdin: password.path)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try online(name))
        let confFile = fleet.root.appendingPathComponent("instances/\(name)/conf/conf_client.yml")

        let there = try hbdeck(["network", name, "isolated"])
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stdout.hasPrefix("moved \(name) to isolated networking: bot stopped (200)"), "\(there.stdout)")
        #expect(there.stdout.contains("started again"))
        #expect(try fleet.docker(["inspect", "-f", "{{.HostConfig.NetworkMode}}", name]) == "hbdeck-\(name)")
        #expect(try String(contentsOf: confFile, encoding: .utf8).contains("mqtt_host: \(fleet.brokerName)"))
        #expect(try online(name), "online again on its own network")

        let back = try hbdeck(["network", name, "host"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout.contains("network hbdeck-\(name) removed"), "\(back.stdout)")
        #expect(try fleet.docker(["inspect", "-f", "{{.HostConfig.NetworkMode}}", name]) == "host")
        #expect(try fleet.docker(["network", "ls", "-q", "--filter", "name=^hbdeck-\(name)$"]).isEmpty)
        #expect(try online(name), "online again on host networking")
        let versions = try hbdeck(["versions", "instances/\(name)/conf/conf_client.yml"])
        #expect(versions.stdout.contains("set mqtt_bridge.mqtt_host"), "\(versions.stdout)")
    }
}
