import BotLink

/// What hbdeck asks of hummingbot-api: its reads and its actions, by their endpoints. `BackendAPIClient` is the
/// real one; the unit tests give a fake.
public protocol FleetAPI: Sendable {
    var server: APIServer { get }
    /// `/docker/active-containers` and `/docker/exited-containers`.
    func containers() async throws -> (active: [APIContainer], exited: [APIContainer])
    /// `/bot-orchestration/status`: every bot the API knows, by name.
    func botsStatus() async throws -> [String: APIBotStatus]
    func botStatus(_ name: String) async throws -> APIBotStatus
    func mqtt() async throws -> APIMQTTStatus
    func botRuns() async throws -> [APIBotRun]
    func accounts() async throws -> [String]
    /// The fills of the bot's current run, from its `history` command through the API (up to 30 s).
    func trades(_ name: String, days: Int) async throws -> [APITrade]
    /// `/bot-orchestration/start-bot`: the strategy of a running container starts again.
    func startBot(_ name: String) async throws
    /// `/bot-orchestration/stop-bot` with `async_backend`: the command is sent; the bot winds down afterwards.
    func stopBot(_ name: String, skipOrderCancellation: Bool) async throws
    func stopContainer(_ name: String) async throws
    func startContainer(_ name: String) async throws
    /// `/bot-orchestration/stop-and-archive-bot`: the API's own stop (a fixed 15 s wait), archive and removal,
    /// in the background; returns the API's message.
    func stopAndArchive(_ name: String, skipOrderCancellation: Bool) async throws -> String
    func deploy(_ request: APIDeployment) async throws -> APIDeployReply
    func uploadConfig(_ kind: APIConfigKind, name: String, fields: JSONValue) async throws -> String
    func close() async
}

extension FleetAPI {
    /// Whether the API's engine runs `name`'s container (true) or holds it stopped (false); not found when it
    /// has no container of that name.
    public func isRunning(_ name: String) async throws -> Bool {
        let listed = try await containers()
        if listed.active.contains(where: { $0.name == name && $0.status == "running" }) { return true }
        guard (listed.active + listed.exited).contains(where: { $0.name == name }) else {
            throw APIError.notFound("the API's engine has no container named \(name)")
        }
        return false
    }
}
