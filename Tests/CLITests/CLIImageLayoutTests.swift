import Foundation
import HBTestSupport
import Testing

/// Real client images are built three ways (shared/notes/hummingbot-deploy.md): the official one with the
/// client in conda's `hummingbot` environment (activated by a login shell), a venv on PATH through the
/// image's `ENV` (which a login shell's `/etc/profile` throws away), and the image's own Python. hbdeck's
/// helper containers, `docker exec`s and hbot bots must work with each, as its quickstart bots do.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"), .serialized)
struct CLIImageLayoutTests {
    @Test(arguments: TestEngine.botImageLayouts)
    func everyStepWorksWithTheImagesOwnEnvironment(_ image: String) throws {
        let fleet = try TestFleet("layout")
        defer { fleet.remove() }
        try fleet.addProfile()

        // A profile: the image's own code checks the password, wrong and right.
        let wrong = try fleet.hbdeck(
            ["profile", "create", "desk", "--from", "master_account", "--image", image], stdin: "x\n")
        #expect(wrong.status == 0, "a new profile takes a new password: \(wrong.stderr)")
        let keysRefused = try fleet.hbdeck(
            ["profile", "keys", "desk", "binance", "--image", image], stdin: "not-it\nbinance_api_key=AK\n")
        #expect(
            keysRefused.status == 1 && keysRefused.stderr.contains("password: Invalid password."),
            "\(image): \(keysRefused.stderr)")
        let keys = try fleet.hbdeck(
            ["profile", "keys", "desk", "binance", "--image", image],
            stdin: "x\nbinance_api_key=AK\nbinance_api_secret=S\n")
        #expect(keys.status == 0, "\(image): \(keys.stderr)")

        // A quickstart bot: the wrong password refused by the image's client, the right one online.
        let name = TestEngine.uniqueName("layout")
        fleet.adopt(name)
        let create = [
            "create", name, "--image", image, "--script-config", "master_account.yml", "--mqtt-host", "127.0.0.1",
            "--mqtt-port", String(fleet.port), "--network", "host",
        ]
        let refused = try fleet.hbdeck(create, stdin: "not-the-password\n")
        #expect(
            refused.status == 1 && refused.stderr.contains("password: Invalid password."), "\(image): \(refused.stderr)"
        )
        let made = try fleet.hbdeck(create + ["--start"], stdin: TestFleet.password + "\n")
        #expect(made.status == 0, "\(image): \(made.stderr)")
        let heard = try Subprocess.run(
            ["mosquitto_sub", "-p", String(fleet.port), "-t", "hbot/\(name)/hb", "-C", "1", "-W", "90"], timeout: 120)
        #expect(heard.status == 0, "\(image): no heartbeat from \(name)")

        // A changed script config is reloaded (the bot's stop and start over MQTT, else its container).
        let changed = try fleet.hbdeck([
            "set", "instances/\(name)/conf/scripts/master_account.yml", "candles_config=none",
        ])
        #expect(changed.status == 0, "\(changed.stderr)")
        let reloaded = try fleet.hbdeck(["reload", name, "--mqtt-port", String(fleet.port)], seconds: 120)
        #expect(
            reloaded.status == 0 && reloaded.stdout.contains("reloaded \(name)"),
            "\(image): \(reloaded.stdout) \(reloaded.stderr)")

        // The client's hbot: found in the image, it runs the bot as PID 1; its config is read and changed
        // through hbot in the running container (what the console's values form does).
        let hbotName = TestEngine.uniqueName("layouthb")
        fleet.adopt(hbotName)
        let hbotMade = try fleet.hbdeck(
            [
                "create", hbotName, "--image", image, "--engine", "hbot", "--script-config", "master_account.yml",
                "--start", "--network", "host",
            ],
            stdin: TestFleet.password + "\n")
        #expect(hbotMade.status == 0, "\(image): \(hbotMade.stderr)")
        let status = fleet.root.appendingPathComponent("instances/\(hbotName)/data/bot/status.json")
        #expect(
            try eventuallySync(within: 60) {
                (try? String(contentsOf: status, encoding: .utf8))?.contains(#""running": true"#) == true
            }, "\(image)")
        let config = try fleet.hbdeck(["config", hbotName], seconds: 90)
        #expect(
            config.status == 0 && config.stdout.contains("master_account.yml"),
            "\(image): \(config.stdout) \(config.stderr)")
        let set = try fleet.hbdeck(["config", hbotName, "script_file_name", "v2_with_controllers.py"], seconds: 90)
        #expect(
            set.status == 0 && set.stdout.contains("applies on next start"), "\(image): \(set.stdout) \(set.stderr)")
        let removed = try fleet.hbdeck(["rm", hbotName, "--skip-bot-stop"], seconds: 120)
        #expect(
            removed.stdout.contains("graceful stop, the bot cancelled its orders and exited 0"),
            "\(image): \(removed.stdout) \(removed.stderr)")
    }
}
