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
