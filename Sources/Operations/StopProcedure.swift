import BotLink
import Docker
import Foundation
import HBModel
import Monitor

/// The stop of one bot, step by step: the bot's MQTT stop first (it cancels its orders), its own sign
/// that it wound down, then the container, ended at once when the bot wound down and with the full grace
/// period otherwise. The wind-down counts only when the bot's own output says so (``WindDownWitness``): a
/// `Hummingbot stopped.` heard on MQTT alone could come from any client of the broker. Each step goes to
/// `progress`; the result line says what happened, which evidence was used and how long it took.
struct StopProcedure {
    /// How long a bot may take to wind down after it accepted a stop (cancelling orders included).
    static let windDownLimit = Double(StopTimes.windDownLimit)
    /// The container's grace period when the bot did not wind down by itself first.
    static let grace = StopTimes.containerGrace
    /// The container's grace once the bot said it wound down: nothing is left to lose, and the image's
    /// PID 1 (bash) ignores SIGTERM anyway, so a longer grace would only be waited out.
    static let graceAfterWindDown = 1

    let name: String
    /// Nil: no MQTT link, or the operator chose to skip the bot's stop.
    let bot: (any BotStopper)?
    let skipped: Bool
    let engine: any ContainerStopper & WindDownWitness
    let now: @Sendable () -> Double
    var windDownLimit = StopProcedure.windDownLimit
    var grace = StopProcedure.grace
    /// What the wait for the bot's wind-down waits on.
    var clock: any Clock<Duration> = ContinuousClock()

    /// What the bot's own stop came to.
    struct BotStep {
        let said: String
        /// The MQTT stop was sent.
        var asked = true
        /// The bot accepted the stop (200).
        let accepted: Bool
        /// Its own output said it wound down.
        let woundDown: Bool
    }

    func run(progress: @escaping FleetMonitor.Progress) async throws -> StopResult {
        let step = await askBot(progress: progress)
        let grace = step.woundDown ? Self.graceAfterWindDown : self.grace
        let graceText = step.woundDown ? "" : " (up to \(grace) s, then kill)"
        progress("stopping \(name): \(step.said) · container stopping\(graceText)…")
        let began = now()
        try await engine.stopContainer(name, timeout: grace)
        return StopResult(
            name: name, procedure: .mqttFirst, botStep: step.said, asked: step.asked, accepted: step.accepted,
            woundDown: step.woundDown, containerSeconds: now() - began, exitCode: nil)
    }

    private enum Event: Sendable {
        case replied(Result<StopOutcome, any Error>)
        case ownOutput(Bool)
        case limit
    }

    /// The bot's MQTT stop, and the wait for its own output to say it wound down, up to ``windDownLimit``.
    func askBot(progress: @escaping FleetMonitor.Progress) async -> BotStep {
        guard let bot, !skipped else {
            return BotStep(
                said: skipped ? "MQTT stop skipped" : "no MQTT link: bot stop not sent", asked: false, accepted: false,
                woundDown: false)
        }
        progress("stopping \(name): asking the bot to stop (it cancels its orders)…")
        let watch = await engine.watchWindDown(of: name)
        defer { watch.cancel() }
        let began = now()
        let (name, limit, clock) = (name, windDownLimit, clock)
        var outcome: Result<StopOutcome, any Error>?
        var ownAfter: Double?
        await withTaskGroup(of: Event.self) { group in
            group.addTask {
                do {
                    return .replied(
                        .success(
                            try await bot.stop(name, skipOrderCancellation: false, windDownLimit: limit, timeout: nil) {
                                _ in
                                progress(
                                    "stopping \(name): bot accepted the stop (200) · waiting for its own output to say it wound down…"
                                )
                            }))
                } catch {
                    return .replied(.failure(error))
                }
            }
            group.addTask {
                for await _ in watch.seen { return .ownOutput(true) }
                return .ownOutput(false)
            }
            group.addTask {
                try? await clock.sleep(for: .seconds(max(0, limit)))
                return .limit
            }
            waiting: for await event in group {
                switch event {
                case .replied(let result):
                    outcome = result
                    if case .success(let stop) = result, stop.reply.succeeded { continue waiting }
                    break waiting
                case .ownOutput(true):
                    ownAfter = now() - began
                    break waiting
                case .ownOutput(false):
                    if outcome == nil { continue waiting }
                    break waiting
                case .limit:
                    break waiting
                }
            }
            group.cancelAll()
        }
        if let ownAfter {
            return BotStep(
                said:
                    "bot stopped (200), wound down in \(Formatting.fixed(ownAfter, decimals: 1)) s (seen in \(watch.source))",
                accepted: true, woundDown: true)
        }
        switch outcome {
        case .failure(let error)?:
            return BotStep(said: "\(error)", accepted: false, woundDown: false)
        case .success(let stop)? where !stop.reply.succeeded:
            return BotStep(
                said: "bot answered \(stop.reply.status): \(stop.reply.message)", accepted: false, woundDown: false)
        case .success(let stop)?:
            let limit = Int(windDownLimit)
            if let reason = watch.unreadable {
                return BotStep(
                    said:
                        "bot accepted the stop (200) but \(watch.source) could not be read (\(reason)), so its wind-down is not confirmed",
                    accepted: true, woundDown: false)
            }
            if stop.woundDownAfter != nil {
                return BotStep(
                    said:
                        "bot accepted the stop (200); MQTT said it wound down but \(watch.source) did not within \(limit) s, and a word on MQTT alone is not trusted",
                    accepted: true, woundDown: false)
            }
            return BotStep(
                said: "bot accepted the stop (200) but did not say it wound down within \(limit) s", accepted: true,
                woundDown: false)
        case nil:
            return BotStep(
                said: "no reply from \(name) to stop within \(Int(windDownLimit)) s", accepted: false, woundDown: false)
        }
    }
}
