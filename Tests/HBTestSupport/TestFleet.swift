import Foundation

/// A broker and test bots on the private engine, laid out like Hummingbot's deploy tooling, on host
/// networking with the broker on a loopback port of its own. `remove()` takes it all away.
public final class TestFleet {
    public let port: Int
    public let root: URL
    public let brokerName: String
    public let namespace = "hbot"
    public private(set) var bots: [String] = []
    public static let password = "test-password"

    /// The engine it runs on (default: the first private engine).
    public let engine: String?

    /// Runs the docker CLI against the fleet's engine.
    @discardableResult
    public func docker(_ arguments: [String]) throws -> String {
        guard let engine else { return try TestEngine.docker(arguments) }
        return try TestEngines.docker(engine, arguments)
    }

    /// Lays out the fleet's folder and, unless told not to, starts its broker; `engine` is a unix socket of
    /// another private engine (`TestEngines`).
    public init(_ stem: String, startingBroker: Bool = true, engine: String? = nil) throws {
        self.engine = engine
        port = Int.random(in: 20_000...40_000)
        brokerName = TestEngine.uniqueName("\(stem)-broker")
        root = URL(fileURLWithPath: "/tmp/hbdeck-tests/\(brokerName)")
        let config = root.appendingPathComponent("broker")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "listener \(port) 127.0.0.1\nallow_anonymous true\nmax_queued_messages 0\n".write(
            to: config.appendingPathComponent("mosquitto.conf"), atomically: true, encoding: .utf8)
        if startingBroker { try startBroker() }
    }

    public func startBroker() throws {
        try docker([
            "run", "-d", "--name", brokerName, "--network", "host", "--label", "\(TestEngine.testLabel)=1",
            "-v", "\(root.path)/broker:/mosquitto/config:ro", TestEngine.brokerImage,
        ])
    }

    /// Starts a test bot whose `instance_id` is `name`, with `SCRIPT_CONFIG=<name>.yml`; `scriptConfig` is
    /// written after its `script_file_name` (`exchange: kucoin_paper_trade` makes it trade there).
    @discardableResult
    public func startBot(
        _ name: String, environment: [String: String] = [:], scriptConfig: String = "", mountingData: Bool = true
    ) throws -> String {
        let instance = root.appendingPathComponent("instances/\(name)")
        for folder in ["conf/connectors", "conf/scripts", "conf/controllers", "data", "logs"] {
            try FileManager.default.createDirectory(
                at: instance.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let conf = """
            instance_id: \(name)
            mqtt_bridge:
              mqtt_host: 127.0.0.1
              mqtt_port: \(port)
              mqtt_namespace: \(namespace)
              mqtt_autostart: true

            """
        try conf.write(to: instance.appendingPathComponent("conf/conf_client.yml"), atomically: true, encoding: .utf8)
        try ("script_file_name: v2_with_controllers.py\n" + scriptConfig).write(
            to: instance.appendingPathComponent("conf/scripts/\(name).yml"), atomically: true, encoding: .utf8)
        var arguments = [
            "run", "-d", "--name", name, "--network", "host", "--label", "\(TestEngine.testLabel)=1",
            "-e", "CONFIG_PASSWORD=\(Self.password)", "-e", "SCRIPT_CONFIG=\(name).yml", "-e", "HEADLESS_MODE=true",
            "-v", "\(instance.path)/conf:/home/hummingbot/conf",
            "-v", "\(instance.path)/logs:/home/hummingbot/logs",
        ]
        // Without it the bot keeps its trade database inside its container, as one on another host is to hbdeck.
        if mountingData { arguments += ["-v", "\(instance.path)/data:/home/hummingbot/data"] }
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        arguments.append(TestEngine.botImage)
        try docker(arguments)
        bots.append(name)
        return name
    }

    /// A credentials profile in the fleet's bots folder, its `.password_verification` written for `password`
    /// by the bot image's own code, as the client writes it; a script config `<name>.yml` beside it.
    public func addProfile(_ name: String = "master_account", password: String = TestFleet.password) throws {
        let profile = root.appendingPathComponent("credentials/\(name)")
        try FileManager.default.createDirectory(
            at: profile.appendingPathComponent("connectors"), withIntermediateDirectories: true)
        let conf = """
            instance_id: template
            mqtt_bridge:
              mqtt_host: localhost
              mqtt_port: 1883
              mqtt_namespace: \(namespace)
              mqtt_autostart: false

            """
        try conf.write(to: profile.appendingPathComponent("conf_client.yml"), atomically: true, encoding: .utf8)
        let program =
            "import os; from hummingbot.client.config.config_crypt import ETHKeyFileSecretManger, store_password_verification; "
            + "store_password_verification(ETHKeyFileSecretManger(os.environ['CONFIG_PASSWORD']))"
        try docker([
            "run", "--rm", "--network", "none", "--label", "\(TestEngine.testLabel)=1", "-e",
            "CONFIG_PASSWORD=\(password)",
            "-v", "\(profile.path):/home/hummingbot/conf", TestEngine.botImage, TestEngine.clientPython, "-c", program,
        ])
        let scripts = root.appendingPathComponent("conf/scripts")
        try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
        try "script_file_name: v2_with_controllers.py\n".write(
            to: scripts.appendingPathComponent("\(name).yml"), atomically: true, encoding: .utf8)
    }

    /// Starts a test bot the client's way, `hbot start <name>.yml --foreground` as the container's command,
    /// with no MQTT unless `mqtt` (then `mqtt_autostart: true` toward the fleet's broker).
    @discardableResult
    public func startHbotBot(_ name: String, mqtt: Bool = false, environment: [String: String] = [:]) throws -> String {
        let instance = root.appendingPathComponent("instances/\(name)")
        for folder in ["conf/connectors", "conf/scripts", "conf/controllers", "data", "logs"] {
            try FileManager.default.createDirectory(
                at: instance.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let conf =
            "instance_id: \(name)\nmqtt_bridge:\n  mqtt_host: 127.0.0.1\n  mqtt_port: \(port)\n  mqtt_namespace: \(namespace)\n  mqtt_autostart: \(mqtt)\n"
        try conf.write(to: instance.appendingPathComponent("conf/conf_client.yml"), atomically: true, encoding: .utf8)
        try "script_file_name: v2_with_controllers.py\n".write(
            to: instance.appendingPathComponent("conf/scripts/\(name).yml"), atomically: true, encoding: .utf8)
        try docker(
            [
                "run", "-d", "--name", name, "--network", mqtt ? "host" : "none", "--label",
                "\(TestEngine.testLabel)=1",
                "-e", "HBOT_PASSWORD=\(Self.password)",
            ] + environment.sorted { $0.key < $1.key }.flatMap { ["-e", "\($0.key)=\($0.value)"] } + [
                "-v", "\(instance.path)/conf:/home/hummingbot/conf", "-v",
                "\(instance.path)/data:/home/hummingbot/data",
                "-v", "\(instance.path)/logs:/home/hummingbot/logs", TestEngine.botImage, TestEngine.hbotPath, "start",
                "\(name).yml", "--foreground",
            ])
        bots.append(name)
        return name
    }

    /// Names the fleet removes with itself: containers made by the code under test.
    public func adopt(_ name: String) {
        bots.append(name)
    }

    /// The bot's own log file, `logs/logs_<config>.log` in its instance folder.
    public func logFile(_ bot: String) -> URL {
        root.appendingPathComponent("instances/\(bot)/logs/logs_\(bot).log")
    }

    public func remove() {
        for name in bots + [brokerName] { _ = try? docker(["rm", "-f", name]) }
        try? FileManager.default.removeItem(at: root)
    }
}
