import Foundation

/// Turns a message on a bot topic into `BotTelemetry`. Unknown fields are ignored; a payload that
/// does not have the fields its channel needs is a failure, to be counted and dropped.
public enum TelemetryDecoder {
    public struct Failure: Error, Sendable, Equatable {
        public let instanceID: String
        public let channel: BotTopic.Channel
        public let reason: String
    }

    public static func decode(_ message: MQTTMessage, namespace: String) -> Result<(String, BotTelemetry), Failure>? {
        guard let topic = BotTopic(message.topic, namespace: namespace) else { return nil }
        func fail(_ reason: String) -> Result<(String, BotTelemetry), Failure> {
            .failure(Failure(instanceID: topic.instanceID, channel: topic.channel, reason: reason))
        }
        guard let json = try? JSONParser.parse(message.payload), let object = json.objectValue else {
            return fail("not a JSON object")
        }
        guard let telemetry = telemetry(topic.channel, object) else {
            return fail("missing or mistyped fields")
        }
        return .success((topic.instanceID, telemetry))
    }

    static func telemetry(_ channel: BotTopic.Channel, _ o: [String: JSONValue]) -> BotTelemetry? {
        switch channel {
        case .heartbeat:
            guard case .number(let micros)? = o["ts"] else { return nil }
            return .heartbeat(at: micros / 1_000_000)
        case .statusUpdates:
            guard let type = o["type"]?.stringValue, type == "availability", let msg = o["msg"]?.stringValue,
                  case .number(let millis)? = o["timestamp"]
            else { return nil }
            return .availability(online: msg == "online", at: millis / 1000)
        case .log:
            guard case .number(let seconds)? = o["timestamp"], let msg = o["msg"]?.stringValue else { return nil }
            let level = o["level_no"]?.intValue ?? 20
            return .log(BotLogRecord(
                timestamp: seconds, message: msg, levelNumber: level,
                levelName: o["level_name"]?.stringValue ?? "INFO", logger: o["logger_name"]?.stringValue ?? ""))
        case .events:
            guard case .number(let seconds)? = o["timestamp"], let kind = o["type"]?.stringValue else { return nil }
            let data = o["data"] ?? .object([:])
            guard data.objectValue != nil else { return nil }
            return .event(OrderEvent(
                timestamp: seconds, kind: kind, orderID: data["order_id"]?.stringValue,
                tradingPair: data["trading_pair"]?.stringValue,
                side: data["trade_type"]?.stringValue.map(enumCase), orderType: data["order_type"]?.stringValue.map(enumCase),
                price: data["price"]?.doubleValue, amount: data["amount"]?.doubleValue, data: data))
        case .performance:
            var controllers: [String: ControllerPerformance] = [:]
            for (id, entry) in o {
                guard let performance = entry["performance"]?.objectValue else { return nil }
                controllers[id] = ControllerPerformance(
                    realizedPnlQuote: performance["realized_pnl_quote"]?.doubleValue,
                    unrealizedPnlQuote: performance["unrealized_pnl_quote"]?.doubleValue,
                    globalPnlQuote: performance["global_pnl_quote"]?.doubleValue,
                    globalPnlPct: performance["global_pnl_pct"]?.doubleValue,
                    volumeTraded: performance["volume_traded"]?.doubleValue,
                    closeTypeCounts: (performance["close_type_counts"]?.objectValue ?? [:]).compactMapValues { $0.intValue })
            }
            return .performance(controllers)
        case .notify:
            guard let msg = o["msg"]?.stringValue else { return nil }
            return .notification(BotNotification(
                sequence: o["seq"]?.intValue, timestamp: o["timestamp"]?.doubleValue ?? 0, message: msg))
        }
    }

    /// `TradeType.BUY` → `BUY`.
    static func enumCase(_ text: String) -> String {
        text.split(separator: ".").last.map(String.init) ?? text
    }
}
