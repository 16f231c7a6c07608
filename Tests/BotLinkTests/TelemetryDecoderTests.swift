import Testing

@testable import BotLink

@Suite struct TelemetryDecoderTests {
    @Test func decodesEveryRecordedMessage() throws {
        let messages = try RecordedTelemetry.messages()
        #expect(messages.count > 40)
        for message in messages {
            guard case .success? = TelemetryDecoder.decode(message, namespace: "hbot") else {
                Issue.record("did not decode \(message.topic): \(String(decoding: message.payload, as: UTF8.self))")
                continue
            }
        }
    }

    @Test func convertsEachTimestampUnit() throws {
        let hb = MQTTMessage(topic: "hbot/bot_1/hb", payload: Array(#"{"ts":1795628003107167}"#.utf8))
        guard case .success(let decoded)? = TelemetryDecoder.decode(hb, namespace: "hbot"),
            case .heartbeat(let at?) = decoded.telemetry
        else {
            Issue.record("heartbeat did not decode")
            return
        }
        #expect(decoded.instanceID == "bot_1")
        #expect(abs(at - 1_795_628_003.107167) < 1e-6)

        let status = MQTTMessage(
            topic: "hbot/bot_1/status_updates",
            payload: Array(#"{"timestamp":1795627942316,"type":"availability","msg":"online"}"#.utf8))
        guard case .success(let decoded)? = TelemetryDecoder.decode(status, namespace: "hbot"),
            case .availability(true, let when?) = decoded.telemetry
        else {
            Issue.record("availability did not decode")
            return
        }
        #expect(abs(when - 1_795_627_942.316) < 1e-6)
    }

    @Test func readsUjsonEscapesAndEnumStrings() throws {
        let payload =
            #"{"timestamp":1795627943,"type":"OrderFilled","data":{"order_id":"buy-1","trading_pair":"BTC-USDT","trade_type":"TradeType.BUY","order_type":"OrderType.LIMIT","price":"97120.5","amount":0.01,"note":"a\/b \u00e9"}}"#
        guard
            case .success(let decoded)? = TelemetryDecoder.decode(
                MQTTMessage(topic: "hbot/b/events", payload: Array(payload.utf8)), namespace: "hbot"),
            case .event(let event) = decoded.telemetry
        else {
            Issue.record("event did not decode")
            return
        }
        #expect(event.side == "BUY")
        #expect(event.orderType == "LIMIT")
        #expect(event.price == 97_120.5)
        #expect(event.data["note"]?.stringValue == "a/b é")
    }

    @Test(arguments: [
        ("hbot/b/hb", "{"), ("hbot/b/hb", #"{"ts":"soon"}"#), ("hbot/b/log", "[]"),
        ("hbot/b/log", #"{"msg":"no time"}"#),
        ("hbot/b/events", #"{"timestamp":1,"type":"OrderFilled","data":[1]}"#),
        ("hbot/b/performance", #"{"c":{"custom_info":{}}}"#),
        ("hbot/b/status_updates", #"{"timestamp":1,"type":"availability"}"#), ("hbot/b/notify", "\u{FF}"),
        ("hbot/b/log", ""),
    ])
    func malformedPayloadsAreFailuresForTheirBot(topic: String, payload: String) {
        guard
            case .failure(let failure)? = TelemetryDecoder.decode(
                MQTTMessage(topic: topic, payload: Array(payload.utf8)), namespace: "hbot")
        else {
            Issue.record("\(payload) on \(topic) should not decode")
            return
        }
        #expect(failure.instanceID == "b")
    }

    @Test func otherTopicsAreNotBotTelemetry() {
        for topic in ["hbot/b/start", "other/b/hb", "hbot/hb", "hbot//hb", "hbdeck/me/reply/1"] {
            #expect(
                TelemetryDecoder.decode(MQTTMessage(topic: topic, payload: []), namespace: "hbot").map { _ in true }
                    == nil, "\(topic)")
        }
    }
}
