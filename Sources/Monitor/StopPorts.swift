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

extension DockerClient: ContainerStopper {}
extension BotConnection: BotStopper {}
