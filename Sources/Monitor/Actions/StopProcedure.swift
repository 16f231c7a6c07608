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

/// The stop of one bot, step by step: the bot's MQTT stop first (it cancels its orders), its own sign
/// that it wound down, then the container, ended at once when the bot wound down and with the full grace
/// period otherwise. Each step goes to `progress`; the result line says what happened and how long it took.
struct StopProcedure {
    /// How long a bot may take to wind down after it accepted a stop (cancelling orders included).
    static let windDownLimit = 30.0
    /// The container's grace period when the bot did not wind down by itself first.
    static let grace = 30
    /// The container's grace once the bot said it wound down: nothing is left to lose, and the image's
    /// PID 1 (bash) ignores SIGTERM anyway, so a longer grace would only be waited out.
    static let graceAfterWindDown = 1

    let name: String
    /// Nil: no MQTT link, or the operator chose to skip the bot's stop.
    let bot: (any BotStopper)?
    let skipped: Bool
    let engine: any ContainerStopper
    let now: @Sendable () -> Double

    func run(progress: @escaping FleetMonitor.Progress) async throws -> String {
        var botStep = skipped ? "MQTT stop skipped" : "no MQTT link: bot stop not sent"
        var grace = Self.grace
        if let bot, !skipped {
            progress("stopping \(name): asking the bot to stop (it cancels its orders)…")
            do {
                let outcome = try await bot.stop(name, skipOrderCancellation: false, windDownLimit: Self.windDownLimit, timeout: nil) { _ in
                    progress("stopping \(name): bot accepted the stop (200) · waiting for it to wind down…")
                }
                if !outcome.reply.succeeded {
                    botStep = "bot answered \(outcome.reply.status): \(outcome.reply.message)"
                } else if let after = outcome.woundDownAfter {
                    botStep = "bot stopped (200), wound down in \(Formatting.fixed(after, decimals: 1)) s"
                    grace = Self.graceAfterWindDown
                } else {
                    botStep = "bot accepted the stop (200) but did not say it wound down within \(Int(Self.windDownLimit)) s"
                }
            } catch {
                botStep = "\(error)"
            }
        }
        let graceText = grace == Self.graceAfterWindDown ? "" : " (up to \(grace) s, then kill)"
        progress("stopping \(name): \(botStep) · container stopping\(graceText)…")
        let began = now()
        try await engine.stopContainer(name, timeout: grace)
        return "stopped \(name): \(botStep) · container stopped in \(Formatting.fixed(now() - began, decimals: 1)) s"
    }
}
