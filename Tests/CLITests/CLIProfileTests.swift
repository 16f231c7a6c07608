import Foundation
import HBTestSupport
import Testing

/// `hbdeck profile` against the private engine: profiles and keys written by the test image's copy of the
/// client's own code, read back by that code.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"), .serialized)
struct CLIProfileTests {
    /// What the image's own code decrypts a stored value to.
    func decrypted(_ fleet: TestFleet, profile: String, connector: String, field: String, password: String) throws
        -> String
    {
        let program =
            "import os, yaml; from hummingbot.client.config.config_crypt import ETHKeyFileSecretManger; "
            + "v = yaml.safe_load(open('/home/hummingbot/conf/connectors/\(connector).yml'))['\(field)']; "
            + "print(ETHKeyFileSecretManger(os.environ['CONFIG_PASSWORD']).decrypt_secret_value('\(field)', v))"
        return try TestEngine.docker([
            "run", "--rm", "--network", "none", "--label", "\(TestEngine.testLabel)=1", "-e",
            "CONFIG_PASSWORD=\(password)",
            "-v", "\(fleet.root.path)/credentials/\(profile):/home/hummingbot/conf:ro", TestEngine.botImage,
            TestEngine.clientPython, "-c", program,
        ]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aProfileMadeByHbdeckIsAcceptedByTheBotAndHoldsItsKeysEncrypted() throws {
        let fleet = try TestFleet("profile")
        defer { fleet.remove() }
        try fleet.addProfile()
        let made = try fleet.hbdeck(
            ["profile", "create", "desk", "--from", "master_account", "--image", TestEngine.botImage],
            stdin: "desk-pass\n")
        #expect(made.status == 0, "\(made.stderr)")
        let keys = try fleet.hbdeck(
            ["profile", "keys", "desk", "binance", "--image", TestEngine.botImage],
            stdin: "desk-pass\nbinance_api_key=AK-PLAIN-KEY\nbinance_api_secret=PLAIN-SECRET\n")
        #expect(keys.status == 0, "\(keys.stderr)")
        let stored = try String(
            contentsOf: fleet.root.appendingPathComponent("credentials/desk/connectors/binance.yml"), encoding: .utf8)
        #expect(stored.hasPrefix("connector: binance\nbinance_api_key: 7b22"))
        #expect(!stored.contains("AK-PLAIN-KEY") && !stored.contains("PLAIN-SECRET"))
        #expect(
            try decrypted(
                fleet, profile: "desk", connector: "binance", field: "binance_api_secret", password: "desk-pass")
                == "PLAIN-SECRET")
        for output in [made.stdout, made.stderr, keys.stdout, keys.stderr] {
            #expect(!output.contains("desk-pass") && !output.contains("PLAIN"))
        }

        let listed = try fleet.hbdeck(["profile", "ls"], stdin: "")
        #expect(listed.stdout.contains("desk") && listed.stdout.contains("binance"))

        // A bot deployed with the new profile passes the bot's own password check and comes online.
        let name = TestEngine.uniqueName("desk")
        fleet.adopt(name)
        let created = try fleet.hbdeck(
            [
                "create", name, "--image", TestEngine.botImage, "--profile", "desk", "--script-config",
                "master_account.yml",
                "--mqtt-host", "127.0.0.1", "--mqtt-port", String(fleet.port), "--start", "--network", "host",
            ], stdin: "desk-pass\n")
        #expect(created.status == 0, "\(created.stderr)")
        let heard = try Subprocess.run(
            ["mosquitto_sub", "-p", String(fleet.port), "-t", "hbot/\(name)/hb", "-C", "1", "-W", "90"], timeout: 120)
        #expect(heard.status == 0, "no heartbeat from \(name)")
    }

    @Test func keysWithAWrongPasswordAreRefusedAndNothingIsStored() throws {
        let fleet = try TestFleet("profile-pw", startingBroker: false)
        defer { fleet.remove() }
        try fleet.addProfile()
        let keys = try fleet.hbdeck(
            ["profile", "keys", "master_account", "binance", "--image", TestEngine.botImage],
            stdin: "wrong\nbinance_api_key=AK-PLAIN-KEY\n")
        #expect(keys.status == 1)
        #expect(keys.stderr.contains("password: Invalid password."), "\(keys.stderr)")
        #expect(
            !FileManager.default.fileExists(
                atPath: fleet.root.appendingPathComponent("credentials/master_account/connectors/binance.yml").path))
        let again = try fleet.hbdeck(
            ["profile", "create", "master_account", "--image", TestEngine.botImage], stdin: "x\n")
        #expect(again.status == 1)
        #expect(again.stderr.contains("credentials/master_account already exists"))
    }
}
