/// The MQTT broker container and the console's own link to it.
public struct BrokerSnapshot: Sendable, Equatable {
    public enum Link: Sendable, Equatable {
        case disabled
        case connecting
        case connected(since: Double)
        case disconnected(reason: String)
    }

    public var containerName: String
    /// Nil when no container of that name exists.
    public var state: InstanceState?
    public var health: String?
    public var image: String?
    public var startedAt: Double?
    public var address: String
    public var botsHeard: Int
    public var resources: ResourceFigures
    public var link: Link
    /// More bots than this on one broker gets a warning (Hummingbot advises 5 to 10).
    public var maxBots = 10
    /// Isolated bots' networks (`hbdeck-NAME`) the broker is not on: those bots cannot reach it.
    public var missingNetworks: [String] = []
    /// The broker of a hummingbot-api fleet: no container hbdeck sees, and `link` is the API's own link to it.
    public var heldByAPI = false

    public init(
        containerName: String, state: InstanceState? = nil, health: String? = nil, image: String? = nil,
        startedAt: Double? = nil, address: String, botsHeard: Int = 0, resources: ResourceFigures = ResourceFigures(),
        link: Link = .disabled
    ) {
        self.containerName = containerName
        self.state = state
        self.health = health
        self.image = image
        self.startedAt = startedAt
        self.address = address
        self.botsHeard = botsHeard
        self.resources = resources
        self.link = link
    }
}
