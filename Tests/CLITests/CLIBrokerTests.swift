import Foundation
import HBTestSupport
import Testing

/// `hbdeck broker` against the private engine with the test broker image (mosquitto), authentication on.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"), .serialized)
struct CLIBrokerTests {
    static let mqttPassword = "broker-secret-4711"

    @Test func aBrokerIsMadeWithALoginAndItsLifecycleSaysWhatItDid() throws {
        let fleet = try TestFleet("brokered", startingBroker: false)
        defer { fleet.remove() }
        try fleet.addProfile()
        let config = fleet.root.appendingPathComponent("hbdeck.yml")
        try """
        broker_container: \(fleet.brokerName)
        broker_image: \(TestEngine.brokerImage)
        broker_network: host
        mqtt_port: \(fleet.port)
        mqtt_username: hbdeck
        bots_folder: \(fleet.root.path)

        """.write(to: config, atomically: true, encoding: .utf8)
        func broker(_ arguments: [String], password: String? = Self.mqttPassword) throws -> HBDeckProcess.Result {
            try HBDeckProcess.run(
                ["broker"] + arguments + ["--config", config.path],
                environment: password.map { ["HBDECK_MQTT_PASSWORD": $0] } ?? [:], seconds: 120)
        }
        let absent = try broker(["start"])
        #expect(
            absent.status == 1
                && absent.stderr.contains(
                    "no broker container named \(fleet.brokerName): hbdeck broker create makes one"),
            "\(absent.stderr)")
        #expect(try broker(["stop"]).stdout.contains("nothing to stop"))
        let noPassword = try broker(["create"], password: nil)
        #expect(noPassword.status == 1 && noPassword.stderr.contains("HBDECK_MQTT_PASSWORD"), "\(noPassword.stderr)")

        let created = try broker(["create"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(
            created.stdout.contains("on 127.0.0.1:\(fleet.port) (host network), user hbdeck only"), "\(created.stdout)")
        #expect(try broker(["create"]).stdout.contains("\(fleet.brokerName) already exists (running): nothing changed"))
        #expect(try broker(["start"]).stdout.contains("already running: nothing changed"))
        let status = try broker(["status"])
        #expect(status.stdout.contains("hbdeck's login   ok at 127.0.0.1:\(fleet.port) as hbdeck"), "\(status.stdout)")
        #expect(try broker(["status"], password: "wrong").stdout.contains("hbdeck's login   refused"))
        let anonymous = try Subprocess.run(
            ["mosquitto_sub", "-p", String(fleet.port), "-h", "127.0.0.1", "-t", "x", "-C", "1", "-W", "5"], timeout: 30
        )
        #expect(anonymous.status != 0 && anonymous.stderr.contains("not authorised"), "\(anonymous.stderr)")

        // A bot deployed now gets the login in its conf_client.yml and comes online through it.
        let name = TestEngine.uniqueName("authbot")
        fleet.adopt(name)
        let stdin = fleet.root.appendingPathComponent("password")
        try (TestFleet.password + "\n").write(to: stdin, atomically: true, encoding: .utf8)
        let made = try HBDeckProcess.run(
            [
                "create", name, "--image", TestEngine.botImage, "--script-config", "master_account.yml", "--start",
                "--network", "host", "--config", config.path,
            ],
            stdinFile: stdin.path, environment: ["HBDECK_MQTT_PASSWORD": Self.mqttPassword], seconds: 180)
        #expect(made.status == 0, "\(made.stderr)")
        let heard = try Subprocess.run(
            [
                "mosquitto_sub", "-p", String(fleet.port), "-h", "127.0.0.1", "-u", "hbdeck", "-P", Self.mqttPassword,
                "-t", "hbot/\(name)/hb", "-C", "1", "-W", "90",
            ],
            timeout: 120)
        #expect(heard.status == 0, "the bot did not come online through the broker's login: \(heard.stderr)")

        let stopped = try broker(["stop"])
        #expect(stopped.stdout.contains("\(fleet.brokerName): stopped"), "\(stopped.stdout) \(stopped.stderr)")
        #expect(try broker(["stop"]).stdout.contains("is not running: nothing changed"))
        #expect(try broker(["restart"]).stdout.contains("\(fleet.brokerName): restarted"))
        let logs = try broker(["logs", "--tail", "50"])
        #expect((logs.stdout + logs.stderr).contains("mosquitto version"), "mosquitto logs to its stderr")

        // The password is nowhere it could be read by looking.
        let inspect = try HBDeckProcess.run(["inspect", fleet.brokerName])
        let listed = try HBDeckProcess.run(["ls", "--json"])
        let audit = try String(contentsOf: fleet.root.appendingPathComponent(".hbdeck/audit.log"), encoding: .utf8)
        for text in [created.stdout, created.stderr, status.stdout, inspect.stdout, listed.stdout, audit] {
            #expect(!text.contains(Self.mqttPassword))
        }
        #expect(audit.contains(#""action":"broker create""#) && audit.contains(#""action":"broker stop""#))
    }
}
