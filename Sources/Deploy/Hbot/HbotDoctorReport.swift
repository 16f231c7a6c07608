import Foundation

/// `hbot doctor --json`: one row per check (`ok`, `warn`, `fail`, `skip`) with the client's own detail.
public struct HbotDoctorReport: Sendable, Equatable {
    public struct Check: Sendable, Equatable {
        public let name: String
        public let status: String
        public let detail: String
    }

    public let healthy: Bool
    public let checks: [Check]

    public init?(json: String) {
        guard let root = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any],
            let rows = root["checks"] as? [[String: Any]]
        else { return nil }
        healthy = root["healthy"] as? Bool ?? false
        checks = rows.map {
            Check(
                name: $0["check"] as? String ?? "?", status: $0["status"] as? String ?? "?",
                detail: $0["detail"] as? String ?? "")
        }
    }
}
