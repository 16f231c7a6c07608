import BotLink
import HBModel
import Monitor
import Synchronization

/// A bot link held in memory for the monitor's unit tests: what it has heard of each bot is what the test says
/// it heard, and when. It sends no commands: a stop or start through it fails as with no broker.
public final class FakeBotLink: BotChannel {
    private let heard = Mutex<[String: BotRecord]>([:])

    public init() {}

    /// The bot sent a heartbeat, received at `time`.
    public func hearHeartbeat(from instance: String, at time: Double) {
        heard.withLock { records in
            var record = records[instance] ?? BotRecord(instanceID: instance)
            record.liveness.record(.heartbeat(at: time), receivedAt: time)
            records[instance] = record
        }
    }

    public func start() async throws {}
    public func close() async {}

    public func records(runsStartedAt: [String: Double]) async -> [String: BotRecord] {
        heard.withLock { $0 }
    }

    public var link: BrokerSnapshot.Link { .connected(since: 0) }

    public func waitUntilConnected(seconds: Double) async -> Bool { true }

    public func telemetry() async -> AsyncStream<(String, BotTelemetry)> { AsyncStream { $0.finish() } }

    public func stop(
        _ instanceID: String, skipOrderCancellation: Bool, windDownLimit: Double, timeout: Double?,
        replied: @Sendable (BotReply) -> Void
    ) async throws -> StopOutcome {
        throw FakeBotLinkError.noBroker
    }

    public func start(_ instanceID: String, script: String?, conf: String?) async throws -> BotReply {
        throw FakeBotLinkError.noBroker
    }
}

/// What the fake bot link answers to a command.
public enum FakeBotLinkError: Error {
    case noBroker
}
