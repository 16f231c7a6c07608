import BotLink
import Foundation
import Testing

@testable import BackendAPI

/// Every response of the session recorded from a real hummingbot-api decodes into the types hbdeck reads it
/// with, and every error it answered becomes the error hbdeck shows. A new API version whose replies no
/// longer decode fails here, named by its path, before an operator sees it.
@Suite struct RecordedSessionContractTests {
    @Test func everyRecordedReplyDecodes() throws {
        let exchanges = try RecordedExchange.all()
        #expect(exchanges.count > 50)
        var kinds = Set<String>()
        for exchange in exchanges where (200..<300).contains(exchange.status) {
            kinds.insert(try Self.decode(exchange))
        }
        #expect(
            kinds.isSuperset(of: [
                "fleet status", "bot status", "containers", "mqtt", "runs", "accounts", "action", "deploy", "archive",
                "container action", "upload", "history",
            ]), "the session covers every read and action hbdeck uses: \(kinds.sorted())")
    }

    @Test func theRecordedErrorsBecomeTheirOwnWords() throws {
        let errors = try RecordedExchange.all().filter { !(200..<300).contains($0.status) }
        var seen: [Int: APIError] = [:]
        for exchange in errors {
            do {
                try APIReplyCheck.check(status: exchange.status, body: exchange.body, server: "http://api")
                Issue.record("\(exchange.status) on \(exchange.path) passed the check")
            } catch let error as APIError {
                seen[exchange.status] = seen[exchange.status] ?? error
                switch (exchange.status, error) {
                case (401, .unauthorized): break
                case (404, .notFound(let detail)): #expect(!detail.isEmpty)
                case (422, .invalid(let detail)): #expect(detail == "body.bot_name: Field required")
                case (400, .status(400, let detail)): #expect(detail.contains("not a Hummingbot container"))
                case (500, .status(500, let detail)):
                    #expect(
                        detail == "Internal Server Error" || detail.contains("No such file or directory"),
                        "\(detail)")
                default: Issue.record("\(exchange.status) on \(exchange.path) became \(error)")
                }
            }
        }
        #expect(Set(seen.keys) == [400, 401, 404, 422, 500])
    }

    @Test func theFleetAsTheAPIHeldItIsShownWithItsFigures() throws {
        let exchanges = try RecordedExchange.all()
        let statuses = exchanges.filter { $0.path == "/bot-orchestration/status" && $0.status == 200 }
        let reply = try JSONDecoder().decode(
            APIEnvelope<[String: APIBotStatus]>.self, from: try #require(statuses.last).body)
        let running = try #require(reply.data.first { !$0.value.performance.isEmpty })
        let reading = APIFleetReading(
            active: [
                APIContainer(id: "abc", name: running.key, status: "running", image: "hbdeck-test/hummingbot:latest")
            ],
            status: reply.data)
        let view = APIFleetView.instances(
            reading, server: try APIServer(url: "http://127.0.0.1:8000"), now: 1_800_000_000)
        let bot = try #require(view.first { $0.name == running.key })
        #expect(bot.state == .running && bot.health == .online)
        #expect(bot.pnl != nil && bot.volume != nil && bot.controllers.map(\.name) == ["pmm_demo"])
        #expect(bot.resources.cpuPercent == nil && bot.trades == nil && bot.openOrders == nil)
        #expect(bot.throughAPI == "http://127.0.0.1:8000")
    }

    /// Decodes a 2xx reply with the type `BackendAPIClient` reads it with; returns what it was.
    static func decode(_ exchange: RecordedExchange) throws -> String {
        let decoder = JSONDecoder()
        let path = exchange.path
        func check<T: Decodable>(_ type: T.Type, _ kind: String) throws -> String {
            do {
                _ = try decoder.decode(type, from: exchange.body)
            } catch {
                Issue.record("\(exchange.method) \(path): \(APIReplyCheck.describe(error))")
            }
            return kind
        }
        switch (exchange.method, path) {
        case ("GET", "/bot-orchestration/status"):
            return try check(APIEnvelope<[String: APIBotStatus]>.self, "fleet status")
        case ("GET", "/bot-orchestration/mqtt"): return try check(APIEnvelope<APIMQTTStatus>.self, "mqtt")
        case ("GET", "/bot-orchestration/bot-runs"): return try check(APIEnvelope<[APIBotRun]>.self, "runs")
        case ("GET", "/docker/active-containers"), ("GET", "/docker/exited-containers"):
            return try check([APIContainer].self, "containers")
        case ("GET", "/accounts/"): return try check([String].self, "accounts")
        case ("GET", _) where path.hasSuffix("/status"): return try check(APIEnvelope<APIBotStatus>.self, "bot status")
        case ("GET", _) where path.hasSuffix("/history"):
            let reply = try decoder.decode(JSONValue.self, from: exchange.body)
            do {
                let trades = try APITrade.trades(in: reply)
                #expect(trades.allSatisfy { $0.price != nil && $0.amount != nil && $0.time != nil && !$0.pair.isEmpty })
            } catch APIError.refused(let message) {
                #expect(message == "Bot hummingbot-gone not found")
            }
            return "history"
        case ("POST", "/bot-orchestration/stop-bot"), ("POST", "/bot-orchestration/start-bot"):
            return try check(APIActionEnvelope.self, "action")
        case ("POST", _) where path.hasPrefix("/bot-orchestration/deploy-"):
            return try check(APIDeployReply.self, "deploy")
        case ("POST", _) where path.hasPrefix("/bot-orchestration/stop-and-archive-bot/"):
            return try check(APIArchiveReply.self, "archive")
        case ("POST", _) where path.hasPrefix("/docker/stop-container/") || path.hasPrefix("/docker/start-container/"):
            return try check(String?.self, "container action")
        case ("POST", _) where path.contains("/configs/"): return try check(APIMessage.self, "upload")
        default:
            Issue.record("a recorded exchange hbdeck does not read: \(exchange.method) \(path)")
            return "unknown"
        }
    }
}
