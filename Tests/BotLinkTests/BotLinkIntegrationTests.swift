import BotLink
import Foundation
import HBModel
import HBTestSupport
import Testing

/// The bot link against a real mosquitto and containers of the test bot image.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"))
struct BotLinkIntegrationTests {
    static func connect(_ fleet: TestFleet, messageBuffer: Int = 50_000) async throws -> BotConnection {
        let settings = MQTTSettings(
            host: "127.0.0.1", port: fleet.port, clientID: "hbdeck-test-\(UInt32.random(in: 0...UInt32.max))",
            reconnectDelay: 1...2)
        let connection = BotConnection(settings: settings, namespace: fleet.namespace, messageBuffer: messageBuffer)
        try await connection.start()
        #expect(await connection.waitUntilConnected(seconds: 15), "the test broker did not accept the connection")
        return connection
    }

    /// Restarts the fleet's broker and waits until the connection noticed the loss and connected again.
    static func restartBroker(_ fleet: TestFleet, under connection: BotConnection) async throws {
        try TestEngine.docker(["restart", "-t", "1", fleet.brokerName])
        #expect(try await eventually(within: 20) { !connection.client.state.isConnected }, "the loss was noticed")
        #expect(try await eventually(within: 30) { connection.client.state.isConnected }, "reconnected")
    }

    static func health(_ connection: BotConnection, _ bot: String, timeout: Double = 30) async -> BotHealth {
        guard let record = await connection.hub.record(bot) else { return .unknown }
        return record.liveness.health(now: Date().timeIntervalSince1970, timeout: timeout)
    }

    @Test func aBotGoesOnlineWithinOneHeartbeatAndUnresponsive30sAfterPause() async throws {
        let fleet = try TestFleet("live")
        defer { fleet.remove() }
        let connection = try await Self.connect(fleet)
        let bot = try fleet.startBot(TestEngine.uniqueName("live"))
        #expect(try await eventually(within: 40) { await connection.hub.record(bot)?.liveness.lastHeartbeat != nil })
        #expect(await Self.health(connection, bot) == .online)

        try TestEngine.docker(["pause", bot])
        let paused = Date()
        #expect(try await eventually(within: 45) { await Self.health(connection, bot) == .unresponsive })
        let after = Date().timeIntervalSince(paused)
        // The last heartbeat came at most 10 s before the pause: never unresponsive before 20 s.
        #expect(after > 19, "unresponsive \(after) s after the pause")

        try TestEngine.docker(["unpause", bot])
        #expect(try await eventually(within: 40) { await Self.health(connection, bot) == .online })
        await connection.close()
    }

    @Test func openOrdersMatchWhatTheBotItselfLogged() async throws {
        let fleet = try TestFleet("orders")
        defer { fleet.remove() }
        let connection = try await Self.connect(fleet)
        let bot = try fleet.startBot(TestEngine.uniqueName("orders"))
        // The bot connects after its start delay and trades at random: a busy machine needs more than 20 s.
        #expect(try await eventually(within: 60) { (await connection.hub.record(bot)?.activity.tradeCount ?? 0) >= 2 })
        // Stopping the strategy without cancelling freezes the order book once the bot has wound down.
        let observed = await connection.telemetry()
        let stop = try await connection.send(.stop(skipOrderCancellation: true), to: bot)
        #expect(stop.status == 200)
        for await (instance, telemetry) in observed where instance == bot {
            if case .log(let record) = telemetry, record.message == "Hummingbot stopped." { break }
        }

        let log = try String(contentsOf: fleet.logFile(bot), encoding: .utf8)
        let created = Set(log.matches(of: /Created LIMIT \w+ order (\S+) for/).map { String($0.1) })
        let closed = Set(log.matches(of: /Cancelled order (\S+)/).map { String($0.1) })
            .union(log.matches(of: /order (\S+) amounting to/).map { String($0.1) })
        let expected = created.subtracting(closed)
        let record = try #require(await connection.hub.record(bot))
        #expect(!created.isEmpty)
        #expect(Set(record.activity.openOrders.keys) == expected)
        #expect(record.activity.tradeCount == log.matches(of: /has been filled/).count)
        await connection.close()
    }

    @Test func everyCommandRoundTrips() async throws {
        let fleet = try TestFleet("rpc")
        defer { fleet.remove() }
        let connection = try await Self.connect(fleet)
        let bot = try fleet.startBot(TestEngine.uniqueName("rpc"))
        #expect(try await eventually(within: 40) { await Self.health(connection, bot) == .online })

        // This client release answers status and start with an upstream bug's message: shown, never hidden.
        let status = try await connection.send(.status, to: bot)
        #expect(status.status == 400)
        #expect(status.message == "'HummingbotApplication' object has no attribute 'strategy'")
        let again = try await connection.send(.start(), to: bot)
        #expect(again.status == 400)
        #expect(again.message == "'HummingbotApplication' object has no attribute 'strategy'")

        let history = try await connection.send(.history(), to: bot)
        #expect(history.status == 200)
        #expect(history.data["trades"]?.arrayValue != nil)

        let config = try await connection.send(.config(params: [("log_level", .string("INFO"))]), to: bot)
        #expect(config.status == 200)
        #expect(config.data["changes"]?.arrayValue?.count == 1)
        let badConfig = try await connection.send(.config(params: [("bogus", .number(1))]), to: bot)
        #expect(badConfig.status == 400)
        #expect(badConfig.message.contains("bogus"))

        let missing = try await connection.send(.importStrategy("nothing.yml"), to: bot)
        #expect(missing.status == 400)
        #expect(missing.message.contains("nothing.yml"))

        let paper = try await connection.send(.balancePaper(asset: "USDT", amount: 100), to: bot)
        #expect(paper.status == 200)
        let limit = try await connection.send(.balanceLimit(exchange: "binance", asset: "BTC", amount: 1), to: bot)
        #expect(limit.status == 200)

        // The stop answers at once (async_backend); the bot winds down afterwards and says so on its log.
        let observed = await connection.telemetry()
        let stop = try await connection.send(.stop(), to: bot)
        #expect(stop.status == 200)
        var said: [String] = []
        for await (instance, telemetry) in observed where instance == bot {
            if case .log(let record) = telemetry { said.append(record.message) }
            if said.last == "Hummingbot stopped." { break }
        }
        #expect(said.first == "stop command initiated.")
        #expect(said.contains("\nWinding down..."))
        #expect(
            await connection.hub.record(bot)?.activity.openOrders.isEmpty == true, "stop cancelled every open order")
        let noStrategy = try await connection.send(.start(), to: bot)
        #expect(noStrategy.status == 400)
        #expect(noStrategy.message == "Strategy check: Please import or create a strategy.")
        await connection.close()
    }

    @Test func aCommandTheBotIgnoresTimesOutWithTheRightMessage() async throws {
        let fleet = try TestFleet("ignore")
        defer { fleet.remove() }
        let connection = try await Self.connect(fleet)
        let bot = try fleet.startBot(TestEngine.uniqueName("ignore"), environment: ["HBDECK_BOT_IGNORE": "status"])
        #expect(try await eventually(within: 40) { await Self.health(connection, bot) == .online })
        await #expect(throws: BotCommandError.noReply(instance: bot, command: "status", seconds: 2)) {
            try await connection.send(.status, to: bot, timeout: 2)
        }
        #expect(
            BotCommandError.noReply(instance: bot, command: "status", seconds: 2).description
                == "no reply from \(bot) to status within 2 s")
        // The same bot still answers what it does not ignore: the link is fine.
        #expect(try await connection.send(.history(), to: bot).status == 200)
        await connection.close()
    }

    @Test func theClientReconnectsAfterTheBrokerRestartsAndTelemetryResumes() async throws {
        let fleet = try TestFleet("restart")
        defer { fleet.remove() }
        let connection = try await Self.connect(fleet)
        let bot = try fleet.startBot(TestEngine.uniqueName("restart"))
        #expect(try await eventually(within: 40) { await Self.health(connection, bot) == .online })

        try await Self.restartBroker(fleet, under: connection)
        let heard = await connection.hub.record(bot)?.liveness.lastMessage ?? 0
        let reconnected = Date().timeIntervalSince1970
        // The bot reconnects within 5 s and goes on publishing; our subscriptions were restored.
        #expect(
            try await eventually(within: 20) {
                (await connection.hub.record(bot)?.liveness.lastMessage ?? 0) > max(heard, reconnected)
            })
        #expect(try await connection.send(.history(), to: bot).status == 200)
        await connection.close()
    }

    /// Orders heard before the link broke may have been filled or cancelled unheard: they are marked so.
    @Test func ordersHeardBeforeALinkGapAreMarkedUncertain() async throws {
        let fleet = try TestFleet("gap")
        defer { fleet.remove() }
        let connection = try await Self.connect(fleet)
        // Orders that stay open: a fill in flight during the pause could otherwise leave none to be uncertain of.
        let bot = try fleet.startBot(TestEngine.uniqueName("gap"), environment: ["HBDECK_BOT_ORDERS_STAY_OPEN": "1"])
        #expect(
            try await eventually(within: 40) { (await connection.hub.record(bot)?.activity.openOrders.count ?? 0) > 0 })
        try TestEngine.docker(["pause", bot])  // nothing the bot says can confirm its orders meanwhile
        defer { _ = try? TestEngine.docker(["unpause", bot]) }
        #expect(await connection.hub.record(bot)?.activity.uncertainOrders == 0)
        try await Self.restartBroker(fleet, under: connection)
        // The bot is paused: every order it has open was heard of before the gap.
        #expect(
            try await eventually(within: 10) {
                guard let activity = await connection.hub.record(bot)?.activity else { return false }
                return !activity.openOrders.isEmpty && activity.uncertainOrders == activity.openOrders.count
            })
        await connection.close()
    }

    /// A message anyone can publish: a CRITICAL level number under an INFO name, a time in the year 33658.
    @Test func aSpoofedLogLineDoesNotMakeABotFatal() async throws {
        let fleet = try TestFleet("spoof")
        defer { fleet.remove() }
        let connection = try await Self.connect(fleet)
        let spoof = #"{"timestamp":1000000000000,"msg":"spoofed","level_no":50,"level_name":"INFO","logger_name":"x"}"#
        _ = try Subprocess.run(
            ["mosquitto_pub", "-p", String(fleet.port), "-t", "hbot/victim/log", "-m", spoof], timeout: 30)
        #expect(try await eventually(within: 20) { await connection.hub.record("victim") != nil })
        let record = try #require(await connection.hub.record("victim"))
        #expect(record.activity.lastFatal == nil)
        #expect(record.droppedFields == 1, "the year-33658 timestamp is dropped and counted")
        await connection.close()
    }

    @Test func aBrokerThatComesUpLaterIsConnectedTo() async throws {
        let fleet = try TestFleet("late", startingBroker: false)
        defer { fleet.remove() }
        let settings = MQTTSettings(
            port: fleet.port, clientID: "hbdeck-test-late-\(UInt32.random(in: 0...UInt32.max))", reconnectDelay: 1...2)
        let connection = BotConnection(settings: settings, namespace: fleet.namespace)
        try await connection.start()
        #expect(
            try await eventually(within: 3) {
                if case .disconnected = connection.client.state { return true }
                return false
            })
        await #expect(throws: BotCommandError.self) { try await connection.send(.status, to: "anyone") }
        try fleet.startBroker()
        #expect(await connection.waitUntilConnected(seconds: 15))
        let bot = try fleet.startBot(TestEngine.uniqueName("late"))
        #expect(try await eventually(within: 40) { await Self.health(connection, bot) == .online })
        await connection.close()
    }

    @Test func tenThousandMalformedPayloadsAreCountedAndDropped() async throws {
        let fleet = try TestFleet("garbage")
        defer { fleet.remove() }
        let connection = try await Self.connect(fleet)
        let publisher = MQTTClient(
            settings: MQTTSettings(port: fleet.port, clientID: "hbdeck-test-pub-\(UInt32.random(in: 0...UInt32.max))"))
        try await publisher.start()
        #expect(try await eventually(within: 10) { publisher.state.isConnected })

        let observed = await connection.telemetry()
        let validSeen = Task {
            var count = 0
            for await (bot, telemetry) in observed where bot == "valid_bot" {
                if case .log = telemetry { count += 1 }
                if count == 500 { break }
            }
            return count
        }
        var generator = SystemRandomNumberGenerator()
        let channels = BotTopic.Channel.allCases
        var perBot: [String: Int] = [:]
        for i in 0..<10_000 {
            let bot = "garbage_\(i % 10)"
            let channel = channels[i % channels.count]
            perBot[bot, default: 0] += 1
            try await publisher.publish(
                "hbot/\(bot)/\(channel.rawValue)", payload: MalformedPayload.make(for: channel, using: &generator),
                qos: 1)
            if i % 20 == 0 {
                let valid = #"{"timestamp":1.5,"msg":"still fine","level_no":20,"level_name":"INFO","logger_name":"t"}"#
                try await publisher.publish("hbot/valid_bot/log", payload: Array(valid.utf8), qos: 1)
            }
        }
        #expect(try await eventually(within: 60) { await connection.hub.decodeFailures >= 10_000 })
        try await Task.sleep(nanoseconds: 300_000_000)
        #expect(await connection.hub.decodeFailures == 10_000)
        let records = await connection.hub.snapshot()
        for (bot, count) in perBot {
            #expect(records[bot]?.decodeFailures == count, "\(bot)")
        }
        #expect(await validSeen.value == 500)
        #expect(records["valid_bot"]?.decodeFailures == 0)
        #expect(connection.client.droppedCount == 0)
        await publisher.close()
        await connection.close()
    }

    @Test func aBurstOf20000LogMessagesStaysBoundedAndDropsAreCounted() async throws {
        let fleet = try TestFleet("burst")
        defer { fleet.remove() }
        let connection = try await Self.connect(fleet, messageBuffer: 1000)
        let publisher = MQTTClient(
            settings: MQTTSettings(port: fleet.port, clientID: "hbdeck-test-pub-\(UInt32.random(in: 0...UInt32.max))"))
        try await publisher.start()
        #expect(try await eventually(within: 10) { publisher.state.isConnected })
        for i in 0..<20_000 {
            let payload =
                #"{"timestamp":\#(i),"msg":"burst \#(i)","level_no":20,"level_name":"INFO","logger_name":"burst"}"#
            try await publisher.publish("hbot/burst_bot/log", payload: Array(payload.utf8), qos: 1)
        }
        #expect(try await eventually(within: 60) { connection.client.receivedCount >= 20_000 })
        let folded = { await connection.hub.messagesTaken }
        #expect(try await eventually(within: 20) { await folded() + connection.client.droppedCount == 20_000 })
        let record = try #require(await connection.hub.record("burst_bot"))
        #expect(record.decodeFailures == 0)
        #expect(await folded() + connection.client.droppedCount == 20_000)
        await publisher.close()
        await connection.close()
    }
}

/// Payloads that no bot channel accepts: bytes that are not JSON, JSON that is not an object, objects without the fields.
enum MalformedPayload {
    static func make(for channel: BotTopic.Channel, using generator: inout SystemRandomNumberGenerator) -> [UInt8] {
        switch Int.random(in: 0..<4, using: &generator) {
        case 0:
            var bytes = (0..<Int.random(in: 0..<64, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            if let first = bytes.first, [0x7B, 0x20, 0x09, 0x0A, 0x0D].contains(first) { bytes[0] = 0xFF }
            return bytes
        case 1:
            return Array(#"{"timestamp":1,"msg":"#.utf8)
        case 2:
            return Array(["[1,2]", "42", "\"text\"", "null", "true"].randomElement(using: &generator)!.utf8)
        default:
            let wrong: [BotTopic.Channel: String] = [
                .heartbeat: #"{"ts":"later"}"#, .statusUpdates: #"{"type":"availability","msg":"online"}"#,
                .log: #"{"msg":1,"timestamp":1}"#, .events: #"{"timestamp":1,"type":5}"#,
                .performance: #"{"ctrl":{"nothing":1}}"#, .notify: #"{"seq":1}"#,
            ]
            return Array(wrong[channel]!.utf8)
        }
    }
}
