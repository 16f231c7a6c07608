import Canvas
import Console
import Foundation
import HBModel
import PropertyBased
import Testing

@testable import BotLink
@testable import Docker
@testable import Monitor

/// Anyone who can publish on the broker reaches this code. Random and adversarial payloads on every
/// channel go through the decoder, the hub, a snapshot and the screen composer (table, details, charts,
/// log pane): nothing may trap, and what is kept stays bounded.
@Suite struct HostileTelemetryTests {
    /// Numbers as a hostile publisher writes them: beyond every integer type, NaN and infinity as strings,
    /// times far in the past and future, and values of the wrong type.
    static let hostileValues = [
        "1e300", "-1e300", "1e19", "-1e19", "9.3e18", "-9.3e18", "1.7976931348623157e308", "-1.7976931348623157e308",
        "\"nan\"", "\"NaN\"", "\"inf\"", "\"-inf\"", "\"1e400\"", "\"-1e400\"", "0", "-0", "-1", "1", "20", "50",
        "1e-320",
        "1795627943", "1795627943123", "1795627943123456", "33658000000", "-62135596800", "null", "true", "\"\"", "[]",
        "{}",
        "\"CRITICAL\"", "\"x\"",
    ]

    static let templates: [(String, String)] = [
        ("hb", #"{"ts":V}"#),
        ("status_updates", #"{"timestamp":V,"type":"availability","msg":"online"}"#),
        ("log", #"{"timestamp":V,"msg":"m","level_no":V,"level_name":"CRITICAL","logger_name":"l"}"#),
        ("log", #"{"timestamp":V,"msg":"m","level_no":V,"level_name":V,"logger_name":V}"#),
        (
            "events",
            #"{"timestamp":V,"type":"BuyOrderCreated","data":{"order_id":"o1","price":V,"amount":V,"trade_type":"TradeType.BUY"}}"#
        ),
        ("events", #"{"timestamp":V,"type":"OrderFilled","data":{"order_id":"o1","price":V,"amount":V}}"#),
        (
            "performance",
            #"{"c":{"performance":{"global_pnl_quote":V,"volume_traded":V,"realized_pnl_quote":V,"unrealized_pnl_quote":V,"global_pnl_pct":V,"close_type_counts":{"CloseType.TP":V}}}}"#
        ),
        ("notify", #"{"seq":V,"timestamp":V,"msg":"n"}"#),
    ]

    static func payload(_ template: String, values: [String]) -> String {
        var text = template
        var index = 0
        while let range = text.range(of: "V") {
            text.replaceSubrange(range, with: values[index % values.count])
            index += 1
        }
        return text
    }

    static let message = zip(
        Gen.int(in: 0...(templates.count - 1)),
        Gen.element(of: hostileValues).array(of: 1...8)
    ).map { choice, values -> MQTTMessage in
        let (channel, template) = templates[choice]
        let text = payload(template, values: values.compactMap { $0 })
        return MQTTMessage(topic: "hbot/bot_1/\(channel)", payload: Array(text.utf8))
    }

    @Test func noValueInAnyFieldTrapsFromTheWireToTheScreen() async throws {
        let summary = try JSONDecoder().decode(
            ContainerSummary.self,
            from: Data(
                #"{"Id":"abc","Names":["/bot_1"],"Image":"hummingbot/hummingbot:latest","State":"running","Status":"","Created":1}"#
                    .utf8))
        await propertyCheck(count: 300, input: Self.message.array(of: 1...12)) { (messages: [MQTTMessage]) in
            let hub = TelemetryHub()
            var pnl: [Double] = []
            var logLines: [LogLine] = []
            for (i, message) in messages.enumerated() {
                guard let (_, telemetry) = await hub.ingest(message, receivedAt: 1_795_600_000 + Double(i)) else {
                    continue
                }
                if case .log(let record) = telemetry {
                    logLines.append(
                        LogLine(
                            timestamp: record.timestamp, level: LogLine.level(named: record.levelName),
                            logger: record.logger, message: record.message, source: .mqtt))
                }
            }
            let record = await hub.record("bot_1")
            var instance = SnapshotBuilder.instance(
                summary: summary, details: nil, pending: nil, bot: record, linkEnabled: true, figures: nil,
                errorsLine: nil,
                now: 1_795_600_100, livenessTimeout: 30)
            instance.startedAt = record?.activity.openOrders.values.first?.createdAt
            pnl.append(instance.pnl ?? 0)
            pnl.append(-(instance.pnl ?? 0))
            var history = MetricHistory()
            for value in pnl { history.append(cpu: value, memory: value, networkRate: value, pnl: value) }
            let snapshot = FleetSnapshot(
                takenAt: 1_795_600_100, endpoint: "unix:///x", engine: .live, instances: [instance],
                broker: BrokerSnapshot(containerName: "b", address: "—"), history: ["bot_1": history])
            var state = ConsoleState()
            state.logView.timestamps = true
            for overlay in [nil, ConsoleState.Overlay.details("bot_1")] {
                state.overlay = overlay
                let grid = ScreenComposer.compose(
                    snapshot, state: state, logLines: logLines, now: 1_795_600_100, width: 120, height: 36)
                #expect(grid.width == 120)
            }
        }
    }

    @Test func numbersBeyondTheirTypesAreDroppedAndCountedNotTrapped() {
        let cases: [(String, String)] = [
            ("hbot/x/log", #"{"timestamp":1,"msg":"x","level_no":1e300}"#),
            ("hbot/x/log", #"{"timestamp":1795627943,"msg":"x","level_no":"nan"}"#),
            ("hbot/x/log", #"{"timestamp":-1e300,"msg":"x","level_no":-1e19}"#),
            ("hbot/x/notify", #"{"seq":1e300,"timestamp":1e300,"msg":"x"}"#),
            (
                "hbot/x/events",
                #"{"timestamp":-1e300,"type":"OrderFilled","data":{"order_id":"o","price":"inf","amount":1e300}}"#
            ),
        ]
        for (topic, payload) in cases {
            guard
                case .success(let decoded)? = TelemetryDecoder.decode(
                    MQTTMessage(topic: topic, payload: Array(payload.utf8)), namespace: "hbot")
            else {
                Issue.record("\(payload): the rest of the message should be used")
                continue
            }
            #expect(decoded.droppedFields > 0, "\(payload)")
        }
    }

    @Test func aHugeLogMessageIsCutWithAMark() {
        let message = String(repeating: "é", count: 20_000)
        let payload = #"{"timestamp":1795627943,"msg":"\#(message)","level_no":20}"#
        guard
            case .success(let decoded)? = TelemetryDecoder.decode(
                MQTTMessage(topic: "hbot/x/log", payload: Array(payload.utf8)), namespace: "hbot"),
            case .log(let record) = decoded.telemetry
        else {
            Issue.record("did not decode")
            return
        }
        #expect(record.message.utf8.count < TelemetryDecoder.maxMessageBytes + 64)
        #expect(record.message.hasSuffix("bytes cut]"))
    }

    @Test func inventedInstanceIdsCannotGrowTheHubWithoutBound() async {
        let hub = TelemetryHub()
        for i in 0..<(TelemetryHub.maxRecords + 50) {
            await hub.ingest(MQTTMessage(topic: "hbot/spoof_\(i)/hb", payload: Array(#"{"ts":1}"#.utf8)), receivedAt: 1)
        }
        #expect(await hub.snapshot().count == TelemetryHub.maxRecords)
        #expect(await hub.refusedInstances == 50)
    }
}
