/// A container's log driver and its options, such as json-file with `max-size`.
public struct LogConfig: Sendable, Codable, Equatable {
    public var type: String
    public var config: [String: String]

    public init(type: String, config: [String: String] = [:]) {
        self.type = type
        self.config = config
    }

    /// What Hummingbot's own deploy tooling uses: json-file, 10 MB × 5.
    public static let hummingbotDefault = LogConfig(type: "json-file", config: ["max-size": "10m", "max-file": "5"])

    enum CodingKeys: String, CodingKey { case type = "Type", config = "Config" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        config = try c.decodeIfPresent([String: String].self, forKey: .config) ?? [:]
    }
}
