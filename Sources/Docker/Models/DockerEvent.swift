/// One message of the engine's `/events` stream.
public struct DockerEvent: Sendable, Decodable, Equatable {
    public struct Actor: Sendable, Decodable, Equatable {
        public let id: String
        public let attributes: [String: String]
        enum CodingKeys: String, CodingKey { case id = "ID", attributes = "Attributes" }

        public init(id: String, attributes: [String: String]) {
            self.id = id
            self.attributes = attributes
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decodeIfPresent(String.self, forKey: .id) ?? ""
            attributes = try c.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:]
        }
    }

    /// container, image, network, volume, daemon, …
    public let type: String
    /// create, start, die, destroy, health_status: healthy, …
    public let action: String
    public let actor: Actor
    public let time: Int
    public let timeNano: Int64

    enum CodingKeys: String, CodingKey { case type = "Type", action = "Action", actor = "Actor", time, timeNano }

    public init(type: String, action: String, actor: Actor, time: Int, timeNano: Int64? = nil) {
        self.type = type
        self.action = action
        self.actor = actor
        self.time = time
        self.timeNano = timeNano ?? Int64(time) * 1_000_000_000
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        action = try c.decodeIfPresent(String.self, forKey: .action) ?? ""
        actor = try c.decodeIfPresent(Actor.self, forKey: .actor) ?? Actor(id: "", attributes: [:])
        time = try c.decodeIfPresent(Int.self, forKey: .time) ?? 0
        timeNano = try c.decodeIfPresent(Int64.self, forKey: .timeNano) ?? Int64(time) * 1_000_000_000
    }

    /// The container's name for container events.
    public var name: String? { actor.attributes["name"] }
}
