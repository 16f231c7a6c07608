/// One poll of the API: what the screen is built from.
public struct APIFleetReading: Sendable, Equatable {
    public var active: [APIContainer]
    public var exited: [APIContainer]
    public var status: [String: APIBotStatus]
    /// Nil, with the reason, when the API's broker link could not be read.
    public var mqtt: APIMQTTStatus?
    public var runs: [APIBotRun]

    public init(
        active: [APIContainer] = [], exited: [APIContainer] = [], status: [String: APIBotStatus] = [:],
        mqtt: APIMQTTStatus? = nil, runs: [APIBotRun] = []
    ) {
        self.active = active
        self.exited = exited
        self.status = status
        self.mqtt = mqtt
        self.runs = runs
    }

    /// Every container by name; a running one wins over an exited one of the same name.
    public var containersByName: [String: APIContainer] {
        Dictionary((exited + active).map { ($0.name, $0) }, uniquingKeysWith: { _, active in active })
    }

    /// Reads everything at once.
    public static func read(from api: any FleetAPI) async throws -> APIFleetReading {
        async let containers = api.containers()
        async let status = api.botsStatus()
        async let mqtt = try? api.mqtt()
        async let runs = try? api.botRuns()
        let listed = try await containers
        return APIFleetReading(
            active: listed.active, exited: listed.exited, status: try await status, mqtt: await mqtt,
            runs: await runs ?? [])
    }
}
