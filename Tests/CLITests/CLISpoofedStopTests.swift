import Foundation
import HBTestSupport
import Testing

/// Another client of the broker answers a bot's stop and says on its log topic that it wound down, long
/// before the bot does: the container must not be ended until the bot's own output says so.
@Suite(.enabled(if: TestEngine.isConfigured), .serialized) struct CLISpoofedStopTests {
    /// A co-tenant of the broker: subscribed to `hbot/NAME/stop`, it answers 200 for the bot and publishes
    /// `Hummingbot stopped.` on the bot's log topic.
    static func spoofer(port: Int, bot: String, ready: String) throws -> MQTTListener {
        try MQTTListener(["-p", String(port), "-t", "hbot/\(bot)/stop", "-t", ready, "-W", "300"]) { line in
            guard line.hasPrefix("hbot/\(bot)/stop "),
                let request = try? JSONSerialization.jsonObject(
                    with: Data(line.dropFirst("hbot/\(bot)/stop ".count).utf8)) as? [String: Any],
                let replyTo = (request["header"] as? [String: Any])?["reply_to"] as? String
            else { return }
            let reply = #"{"header":{"reply_to":""},"data":{"status":200,"msg":""}}"#
            let said =
                #"{"timestamp":\#(Date().timeIntervalSince1970),"msg":"Hummingbot stopped.","level_no":20,"level_name":"INFO","logger_name":"hummingbot.client.hummingbot_application"}"#
            _ = try? Subprocess.run(
                ["mosquitto_pub", "-p", String(port), "-q", "1", "-t", replyTo, "-m", reply], timeout: 30)
            _ = try? Subprocess.run(
                ["mosquitto_pub", "-p", String(port), "-t", "hbot/\(bot)/log", "-m", said], timeout: 30)
        }
    }

    @Test func aWindDownSaidOnlyOnTheBrokerDoesNotEndTheContainer() throws {
        let fleet = try TestFleet("spoof")
        defer { fleet.remove() }
        // The bot takes 12 s to wind down; the co-tenant says it did at once.
        let name = try fleet.startBot(
            TestEngine.uniqueName("spoof"),
            environment: ["HBDECK_BOT_CONNECT_DELAY": "0", "HBDECK_BOT_WIND_DOWN": "12"])
        #expect(
            try Subprocess.run(
                ["mosquitto_sub", "-p", String(fleet.port), "-t", "hbot/\(name)/hb", "-C", "1", "-W", "90"],
                timeout: 120
            ).status == 0)
        let ready = "hbdeck-test/ready/\(UInt32.random(in: 0...UInt32.max))"
        let spoofer = try Self.spoofer(port: fleet.port, bot: name, ready: ready)
        defer { spoofer.stop() }
        #expect(try spoofer.waitUntilListening(to: ready, port: fleet.port), "the co-tenant listens")

        let restarted = try HBDeckProcess.run(
            ["restart", "--older-than", "1s", "--mqtt-port", String(fleet.port), name], seconds: 180)
        #expect(spoofer.lines.contains { $0.hasPrefix("hbot/\(name)/stop ") }, "the co-tenant heard the stop")
        #expect(restarted.status == 0, "\(restarted.stderr)")
        #expect(restarted.stdout.contains("restarted \(name): bot stopped (200), wound down in"), "\(restarted.stdout)")
        #expect(restarted.stdout.contains("(seen in its container's output)"), "\(restarted.stdout)")
        // The bot's own log says it wound down before its container was ended (the old run's lines come first).
        let log = try String(contentsOf: fleet.logFile(name), encoding: .utf8)
        #expect(
            log.contains("Hummingbot stopped."),
            "the container was ended before the bot wound down:\n\(log.suffix(600))")
    }
}
