import BotLink
import Foundation

/// Telemetry recorded from a test bot with `mosquitto_sub -F %j`: one `{"topic","payload"}` a line.
enum RecordedTelemetry {
    static func messages(_ name: String = "telemetry-demo_mm_01.jsonl") throws -> [MQTTMessage] {
        guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        struct Line: Decodable {
            let topic: String
            let payload: String
        }
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            let line = try JSONDecoder().decode(Line.self, from: Data($0.utf8))
            return MQTTMessage(topic: line.topic, payload: Array(line.payload.utf8))
        }
    }
}
