import BackendAPI
import BotLink
import Foundation
import Synchronization

/// A hummingbot-api in memory: one bot whose container runs, whose log says it wound down a given number of
/// status reads after the stop was sent (nil: never), and every call kept in order.
final class FakeFleetAPI: FleetAPI {
    let server = try! APIServer(name: "fake", url: "http://127.0.0.1:1")
    let calls = Mutex<[String]>([])
    private let state: Mutex<State>

    struct State {
        var running: Bool
        var stopSent = false
        var readsSinceStop = 0
        var windsDownAfterReads: Int?
        var logs: [APIBotStatus.LogEntry]
        var stopFails: APIError?
    }

    init(running: Bool = true, windsDownAfterReads: Int? = 2, oldStops: Int = 0, stopFails: APIError? = nil) {
        // An earlier run's wind-down, still in the API's list of the bot's logs: it must not count.
        let old = (0..<oldStops).map {
            APIBotStatus.LogEntry(levelName: "INFO", msg: "Hummingbot stopped.", timestamp: 1_000 + Double($0))
        }
        state = Mutex(
            State(
                running: running, windsDownAfterReads: windsDownAfterReads,
                logs: old + [
                    APIBotStatus.LogEntry(levelName: "INFO", msg: "Created LIMIT BUY order", timestamp: 2_000)
                ],
                stopFails: stopFails))
    }

    private func note(_ call: String) { calls.withLock { $0.append(call) } }

    func containers() async throws -> (active: [APIContainer], exited: [APIContainer]) {
        note("containers")
        let running = state.withLock { $0.running }
        let bot = APIContainer(
            id: "c1", name: "bot", status: running ? "running" : "exited", image: "x/hummingbot:latest")
        return running ? ([bot], []) : ([], [bot])
    }

    func botsStatus() async throws -> [String: APIBotStatus] { ["bot": try await botStatus("bot")] }

    func botStatus(_ name: String) async throws -> APIBotStatus {
        note("status")
        return state.withLock { state in
            if state.stopSent {
                state.readsSinceStop += 1
                if let after = state.windsDownAfterReads, state.readsSinceStop == after {
                    state.logs.append(.init(levelName: "INFO", msg: "Hummingbot stopped.", timestamp: 3_000))
                }
            }
            return APIBotStatus(status: "running", generalLogs: state.logs, recentlyActive: true)
        }
    }

    func mqtt() async throws -> APIMQTTStatus {
        APIMQTTStatus(
            mqttConnected: true, discoveredBots: ["bot"], activeBots: ["bot"], brokerHost: "localhost",
            brokerPort: 1883,
            clientState: "connected")
    }

    func botRuns() async throws -> [APIBotRun] { [] }
    func accounts() async throws -> [String] { ["master_account"] }
    func trades(_ name: String, days: Int) async throws -> [APITrade] { [] }

    func startBot(_ name: String) async throws { note("start-bot") }

    func stopBot(_ name: String, skipOrderCancellation: Bool) async throws {
        note("stop-bot skip=\(skipOrderCancellation)")
        try state.withLock { state in
            if let fails = state.stopFails { throw fails }
            state.stopSent = true
        }
    }

    func stopContainer(_ name: String) async throws {
        note("stop-container")
        state.withLock { $0.running = false }
    }

    func startContainer(_ name: String) async throws {
        note("start-container")
        state.withLock { $0.running = true }
    }

    func stopAndArchive(_ name: String, skipOrderCancellation: Bool) async throws -> String {
        note("stop-and-archive")
        return "started"
    }

    func deploy(_ request: APIDeployment) async throws -> APIDeployReply {
        note("deploy")
        throw APIError.refused("not in this fake")
    }

    func uploadConfig(_ kind: APIConfigKind, name: String, fields: JSONValue) async throws -> String {
        note("upload")
        return "saved"
    }

    func close() async {}
}
