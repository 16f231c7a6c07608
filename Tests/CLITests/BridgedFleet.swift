import Foundation
import HBTestSupport

/// A bots folder on engine N with its broker as an operator makes it (`hbdeck broker create`, on a bridge
/// network of its own, its port published on this machine), and hbdeck run against both. `remove()` takes
/// the containers away first, then the networks (a network with a container on it stays).
final class BridgedFleet {
    let fleet: TestFleet
    let brokerNetwork: String
    let config: URL
    /// hbdeck's own MQTT login, when the broker has one.
    let login: (user: String, password: String)?

    init(_ stem: String, login: (user: String, password: String)? = nil) throws {
        fleet = try TestFleet(stem, startingBroker: false, engine: TestEngines.nSocket)
        brokerNetwork = TestEngine.uniqueName("\(stem)-mqtt")
        config = fleet.root.appendingPathComponent("hbdeck.yml")
        self.login = login
        try fleet.addProfile()
        try fleet.docker(["network", "create", "--label", "\(TestEngine.testLabel)=1", brokerNetwork])
        try """
        broker_container: \(fleet.brokerName)
        broker_image: \(TestEngine.brokerImage)
        broker_network: \(brokerNetwork)
        mqtt_host: 127.0.0.1
        mqtt_port: \(fleet.port)
        bots_folder: \(fleet.root.path)
        \(login.map { "mqtt_username: \($0.user)" } ?? "")

        """.write(to: config, atomically: true, encoding: .utf8)
        try (TestFleet.password + "\n").write(
            to: fleet.root.appendingPathComponent("password"), atomically: true, encoding: .utf8)
    }

    var port: Int { fleet.port }
    var brokerName: String { fleet.brokerName }
    /// mosquitto_pub/sub's options for hbdeck's own login.
    var loginOptions: [String] { login.map { ["-u", $0.user, "-P", $0.password] } ?? [] }

    func hbdeck(_ arguments: [String], stdin: String = "/dev/null") throws -> HBDeckProcess.Result {
        try HBDeckProcess.run(
            arguments + ["--config", config.path], dockerHost: TestEngines.nSocket, stdinFile: stdin,
            environment: login.map { ["HBDECK_MQTT_PASSWORD": $0.password] } ?? [:], seconds: 180)
    }

    /// `hbdeck create NAME --network NETWORK --start` with the test image and the profile's password.
    func create(_ name: String, network: String) throws -> HBDeckProcess.Result {
        fleet.adopt(name)
        return try hbdeck(
            [
                "create", name, "--image", TestEngine.botImage, "--script-config", "master_account.yml", "--network",
                network, "--start",
            ],
            stdin: fleet.root.appendingPathComponent("password").path)
    }

    /// Whether a heartbeat of the bot's comes through the broker within 90 s.
    func online(_ name: String) throws -> Bool {
        try Subprocess.run(
            ["mosquitto_sub", "-p", String(port)] + loginOptions + ["-t", "hbot/\(name)/hb", "-C", "1", "-W", "90"],
            timeout: 120
        ).status == 0
    }

    func docker(_ arguments: [String]) throws -> String { try fleet.docker(arguments) }

    func remove() {
        fleet.remove()
        for network in fleet.bots.map({ "hbdeck-\($0)" }) + [brokerNetwork] {
            _ = try? fleet.docker(["network", "rm", network])
        }
    }
}
