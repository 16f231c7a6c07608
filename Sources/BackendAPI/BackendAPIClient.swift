import AsyncHTTPClient
import BotLink
import Foundation
import NIOCore
import NIOHTTP1

/// A connection to one hummingbot-api server, with HTTP basic auth. Every call has a deadline; a reply is read
/// up to `maxBodyBytes` and decoded into the types of `Models/`, so that a reply this version does not know
/// fails loudly (`APIError.undecodable`) instead of showing a guess.
public final class BackendAPIClient: FleetAPI {
    public let server: APIServer
    private let authorization: String
    private let http: HTTPClient
    private let timeout: Double

    /// The most a reply may take: the status of a large fleet with its logs is a few megabytes.
    public static let maxBodyBytes = 16 << 20

    public init(server: APIServer, password: String, timeout: Double = 10) {
        self.server = server
        self.authorization = "Basic " + Data("\(server.username):\(password)".utf8).base64EncodedString()
        // A refused connection is an answer: said at once, not retried until the request's deadline.
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(Int64(max(1, min(timeout, 5)))))
        configuration.connectionPool.retryConnectionEstablishment = false
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.timeout = timeout
    }

    /// Releases the connection pool. Call once, when done with the client.
    public func close() async {
        try? await http.shutdown()
    }

    // MARK: FleetAPI

    public func containers() async throws -> (active: [APIContainer], exited: [APIContainer]) {
        async let active: [APIContainer] = get("/docker/active-containers")
        async let exited: [APIContainer] = get("/docker/exited-containers")
        return (try await active, try await exited)
    }

    public func botsStatus() async throws -> [String: APIBotStatus] {
        let reply: APIEnvelope<[String: APIBotStatus]> = try await get("/bot-orchestration/status")
        return reply.data
    }

    public func botStatus(_ name: String) async throws -> APIBotStatus {
        let reply: APIEnvelope<APIBotStatus> = try await get("/bot-orchestration/\(Self.segment(name))/status")
        if reply.data.status == "not_found" { throw APIError.notFound(reply.data.error ?? "bot \(name)") }
        return reply.data
    }

    public func mqtt() async throws -> APIMQTTStatus {
        let reply: APIEnvelope<APIMQTTStatus> = try await get("/bot-orchestration/mqtt")
        return reply.data
    }

    public func botRuns() async throws -> [APIBotRun] {
        let reply: APIEnvelope<[APIBotRun]> = try await get("/bot-orchestration/bot-runs")
        return reply.data
    }

    public func accounts() async throws -> [String] {
        try await get("/accounts/")
    }

    public func trades(_ name: String, days: Int) async throws -> [APITrade] {
        let reply: JSONValue = try await call(
            .GET, "/bot-orchestration/\(Self.segment(name))/history",
            query: [("days", String(days)), ("timeout", "30")], body: nil, timeout: max(timeout, 40))
        return try APITrade.trades(in: reply)
    }

    public func startBot(_ name: String) async throws {
        let reply: APIActionEnvelope = try await post(
            "/bot-orchestration/start-bot", json: APIStartBot(botName: name))
        try reply.check()
    }

    public func stopBot(_ name: String, skipOrderCancellation: Bool) async throws {
        let reply: APIActionEnvelope = try await post(
            "/bot-orchestration/stop-bot",
            json: APIStopBot(botName: name, skipOrderCancellation: skipOrderCancellation, asyncBackend: true))
        try reply.check()
    }

    public func stopContainer(_ name: String) async throws {
        try Self.checkContainerReply(
            try await post("/docker/stop-container/\(Self.segment(name))", json: nil as APIStopBot?, slow: true))
    }

    public func startContainer(_ name: String) async throws {
        try Self.checkContainerReply(
            try await post("/docker/start-container/\(Self.segment(name))", json: nil as APIStopBot?, slow: true))
    }

    public func stopAndArchive(_ name: String, skipOrderCancellation: Bool) async throws -> String {
        let reply: APIArchiveReply = try await post(
            "/bot-orchestration/stop-and-archive-bot/\(Self.segment(name))",
            query: [
                ("skip_order_cancellation", skipOrderCancellation ? "true" : "false"), ("archive_locally", "true"),
            ], json: nil as APIStopBot?)
        guard reply.status == "success" else { throw APIError.refused(reply.message) }
        return reply.message
    }

    public func deploy(_ request: APIDeployment) async throws -> APIDeployReply {
        let reply: APIDeployReply
        switch request.kind {
        case .controllers:
            reply = try await post("/bot-orchestration/deploy-v2-controllers", json: request, slow: true)
        case .script: reply = try await post("/bot-orchestration/deploy-v2-script", json: request, slow: true)
        }
        guard reply.success else { throw APIError.refused(reply.message) }
        return reply
    }

    public func uploadConfig(_ kind: APIConfigKind, name: String, fields: JSONValue) async throws -> String {
        let reply: APIMessage = try await post("/\(kind.rawValue)/configs/\(Self.segment(name))", json: fields)
        return reply.message
    }

    // MARK: HTTP

    func get<T: Decodable>(_ path: String, query: [(String, String)] = []) async throws -> T {
        try await call(.GET, path, query: query, body: nil)
    }

    /// `slow`: a call the API answers only once the engine has done it (a container stopped: Docker's 10 s
    /// grace and the kill; an image's container created).
    func post<T: Decodable, B: Encodable>(
        _ path: String, query: [(String, String)] = [], json: B?, slow: Bool = false
    ) async throws -> T {
        let body = try json.map { try Self.encoder.encode($0) }
        return try await call(
            .POST, path, query: query, body: body, timeout: slow ? max(timeout, Self.slowTimeout) : timeout)
    }

    /// How long a slow call may take.
    public static let slowTimeout = 90.0

    private func call<T: Decodable>(
        _ method: HTTPMethod, _ path: String, query: [(String, String)], body: Data?, timeout: Double? = nil
    ) async throws -> T {
        let timeout = timeout ?? self.timeout
        var request = HTTPClientRequest(url: server.baseURL + path + Self.encode(query))
        request.method = method
        request.headers.add(name: "Authorization", value: authorization)
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        } else if method == .POST {
            request.body = .bytes(ByteBuffer())
        }
        let (status, bytes): (Int, Data)
        do {
            let response = try await http.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            let collected = try await response.body.collect(upTo: Self.maxBodyBytes)
            (status, bytes) = (Int(response.status.code), Data(collected.readableBytesView))
        } catch let error as CancellationError {
            throw error
        } catch is NIOTooManyBytesError {
            throw APIError.undecodable(path: path, reason: "over \(Self.maxBodyBytes >> 20) MB, more than hbdeck reads")
        } catch {
            throw APIError.unreachable(server: server.baseURL, reason: Self.describe(error, timeout: timeout))
        }
        try APIReplyCheck.check(status: status, body: bytes, server: server.baseURL)
        do {
            return try JSONDecoder().decode(T.self, from: bytes)
        } catch {
            throw APIError.undecodable(path: path, reason: APIReplyCheck.describe(error))
        }
    }

    /// `/docker/stop-container` answers `null` when it worked and the engine's error as a string when not.
    private static func checkContainerReply(_ reply: String?) throws {
        if let reply, !reply.isEmpty { throw APIError.refused(reply) }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    /// A name as one path segment: only the API's own name characters pass unescaped.
    static func segment(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.")))
            ?? name
    }

    static func encode(_ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return "" }
        var components = URLComponents()
        components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        return "?" + (components.percentEncodedQuery ?? "")
    }

    static func describe(_ error: any Error, timeout: Double) -> String {
        if let client = error as? HTTPClientError {
            if client == .deadlineExceeded || client == .readTimeout { return "no answer within \(Int(timeout)) s" }
            if client == .connectTimeout { return "connection timed out" }
            if client == .remoteConnectionClosed { return "the server closed the connection" }
        }
        let text = String(describing: error)
        if text.contains("Connection refused") || text.contains("ECONNREFUSED") { return "connection refused" }
        return text
    }
}
