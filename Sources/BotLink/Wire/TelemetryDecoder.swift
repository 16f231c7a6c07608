import Foundation
import HBModel

/// Turns a message on a bot topic into `BotTelemetry`. Unknown fields are ignored; a payload that
/// does not have the fields its channel needs is a failure, to be counted and dropped. A field whose
/// value is out of range (a time before 2000 or after 2100, a figure beyond 1e15, NaN) is dropped and
/// counted in `Decoded.droppedFields`; the rest of the message is used.
public enum TelemetryDecoder {
    public struct Failure: Error, Sendable, Equatable {
        public let instanceID: String
        public let channel: BotTopic.Channel
        public let reason: String
    }

    public struct Decoded: Sendable, Equatable {
        public let instanceID: String
        public let telemetry: BotTelemetry
        /// Fields present but out of range, left out.
        public let droppedFields: Int
    }

    /// The longest log message kept; a longer one is cut with a mark saying how much was left out.
    public static let maxMessageBytes = 16 << 10

    public static func decode(_ message: MQTTMessage, namespace: String) -> Result<Decoded, Failure>? {
        guard let topic = BotTopic(message.topic, namespace: namespace) else { return nil }
        func fail(_ reason: String) -> Result<Decoded, Failure> {
            .failure(Failure(instanceID: topic.instanceID, channel: topic.channel, reason: reason))
        }
        guard let json = try? JSONParser.parse(message.payload), let object = json.objectValue else {
            return fail("not a JSON object")
        }
        var reader = FieldReader()
        guard let telemetry = telemetry(topic.channel, object, &reader) else {
            return fail("missing or mistyped fields")
        }
        return .success(Decoded(instanceID: topic.instanceID, telemetry: telemetry, droppedFields: reader.dropped))
    }

    /// Reads optional fields, counting the ones present but unusable.
    struct FieldReader {
        var dropped = 0

        mutating func time(_ value: JSONValue?, unitsPerSecond: Double = 1) -> Double? {
            keep(value, WireNumber.time(value, unitsPerSecond: unitsPerSecond))
        }

        mutating func figure(_ value: JSONValue?) -> Double? {
            keep(value, WireNumber.figure(value))
        }

        mutating func integer(_ value: JSONValue?, in range: ClosedRange<Int>) -> Int? {
            keep(value, WireNumber.integer(value, in: range))
        }

        private mutating func keep<T>(_ value: JSONValue?, _ read: T?) -> T? {
            if read == nil, let value, value != .null { dropped += 1 }
            return read
        }
    }

    static func telemetry(_ channel: BotTopic.Channel, _ o: [String: JSONValue], _ r: inout FieldReader)
        -> BotTelemetry?
    {
        switch channel {
        case .heartbeat:
            guard case .number? = o["ts"] else { return nil }
            return .heartbeat(at: r.time(o["ts"], unitsPerSecond: 1_000_000))
        case .statusUpdates:
            guard let type = o["type"]?.stringValue, type == "availability", let msg = o["msg"]?.stringValue,
                case .number? = o["timestamp"]
            else { return nil }
            return .availability(online: msg == "online", at: r.time(o["timestamp"], unitsPerSecond: 1000))
        case .log:
            guard case .number? = o["timestamp"], let msg = o["msg"]?.stringValue else { return nil }
            return .log(
                BotLogRecord(
                    timestamp: r.time(o["timestamp"]), message: bounded(msg),
                    levelNumber: r.integer(o["level_no"], in: 0...100) ?? 20,
                    levelName: (o["level_name"]?.stringValue).map { String($0.prefix(16)) } ?? "INFO",
                    logger: (o["logger_name"]?.stringValue).map { String($0.prefix(200)) } ?? ""))
        case .events:
            guard case .number? = o["timestamp"], let kind = o["type"]?.stringValue else { return nil }
            let data = o["data"] ?? .object([:])
            guard data.objectValue != nil else { return nil }
            return .event(
                OrderEvent(
                    timestamp: r.time(o["timestamp"]), kind: kind, orderID: data["order_id"]?.stringValue,
                    tradingPair: data["trading_pair"]?.stringValue,
                    side: data["trade_type"]?.stringValue.map(enumCase),
                    orderType: data["order_type"]?.stringValue.map(enumCase),
                    price: r.figure(data["price"]), amount: r.figure(data["amount"]), data: data))
        case .performance:
            var controllers: [String: ControllerPerformance] = [:]
            for (id, entry) in o {
                guard let performance = entry["performance"]?.objectValue else { return nil }
                controllers[id] = ControllerPerformance(
                    realizedPnlQuote: r.figure(performance["realized_pnl_quote"]),
                    unrealizedPnlQuote: r.figure(performance["unrealized_pnl_quote"]),
                    globalPnlQuote: r.figure(performance["global_pnl_quote"]),
                    globalPnlPct: r.figure(performance["global_pnl_pct"]),
                    volumeTraded: r.figure(performance["volume_traded"]),
                    closeTypeCounts: (performance["close_type_counts"]?.objectValue ?? [:]).compactMapValues {
                        r.integer($0, in: 0...1_000_000_000)
                    })
            }
            return .performance(controllers)
        case .notify:
            guard let msg = o["msg"]?.stringValue else { return nil }
            return .notification(
                BotNotification(
                    sequence: r.integer(o["seq"], in: 0...Int(Int32.max)), timestamp: r.time(o["timestamp"]),
                    message: bounded(msg)))
        }
    }

    /// `msg` cut to `maxMessageBytes`, with a mark saying how much was left out.
    static func bounded(_ message: String) -> String {
        TextCut.cut(message, toBytes: maxMessageBytes)
    }

    /// `TradeType.BUY` → `BUY`.
    static func enumCase(_ text: String) -> String {
        text.split(separator: ".").last.map(String.init) ?? text
    }
}
