import BotLink
import Docker
import Foundation
import HBModel

/// What stopping a bot needs of the engine.
public protocol ContainerStopper: Sendable {
    func stopContainer(_ idOrName: String, timeout: Int) async throws
}

/// What stopping a bot needs of the bot link.
public protocol BotStopper: Sendable {
    func stop(
        _ instanceID: String, skipOrderCancellation: Bool, windDownLimit: Double, timeout: Double?,
        replied: @Sendable (BotReply) -> Void
    ) async throws -> StopOutcome
}

/// What reloading needs of the bot link besides stopping.
public protocol BotStarter: Sendable {
    func start(_ instanceID: String, script: String?, conf: String?) async throws -> BotReply
}

extension DockerClient: ContainerStopper {}
extension BotConnection: BotStopper {}

extension BotConnection: BotStarter {
    public func start(_ instanceID: String, script: String?, conf: String?) async throws -> BotReply {
        try await send(.start(script: script, conf: conf), to: instanceID)
    }
}
