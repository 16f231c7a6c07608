import Docker
import Foundation
import HBTestSupport
import Synchronization
import Testing

@testable import BotLink
@testable import Monitor
@testable import Operations

/// The stop's rules with a fake bot and a fake engine: which grace the container gets, and what is said.
@Suite struct StopProcedureTests {
    /// The bot's own output: it says the bot wound down, says nothing, or cannot be read.
    enum Output { case saysWoundDown, silent, unreadable }

    final class FakeEngine: ContainerStopper, WindDownWitness {
        let graces = Mutex<[Int]>([])
        let output: Output
        init(output: Output) { self.output = output }
        func stopContainer(_ idOrName: String, timeout: Int) async throws { graces.withLock { $0.append(timeout) } }
        func watchWindDown(of name: String) async -> WindDownWatch {
            switch output {
            case .saysWoundDown:
                WindDownWatch(
                    source: "its container's output",
                    seen: AsyncStream {
                        $0.yield()
                        $0.finish()
                    })
            case .silent: WindDownWatch(source: "its container's output", seen: AsyncStream { _ in })
            case .unreadable:
                WindDownWatch(
                    source: "its container's output", seen: AsyncStream { $0.finish() },
                    unreadable: "the engine is offline")
            }
        }
    }

    struct FakeBot: BotStopper {
        enum Behaviour { case windsDown(after: Double), answers(Int, String), neverSaysItWoundDown, noReply }
        let behaviour: Behaviour

        func stop(
            _ instanceID: String, skipOrderCancellation: Bool, windDownLimit: Double, timeout: Double?,
            replied: @Sendable (BotReply) -> Void
        ) async throws -> StopOutcome {
            func reply(_ status: Int, _ message: String = "") -> BotReply {
                BotReply(
                    payload: Array(#"{"header":{"reply_to":""},"data":{"status":\#(status),"msg":"\#(message)"}}"#.utf8)
                )!
            }
            switch behaviour {
            case .windsDown(let after):
                replied(reply(200))
                return StopOutcome(reply: reply(200), woundDownAfter: after)
            case .answers(let status, let message):
                return StopOutcome(reply: reply(status, message), woundDownAfter: nil)
            case .neverSaysItWoundDown:
                replied(reply(200))
                return StopOutcome(reply: reply(200), woundDownAfter: nil)
            case .noReply:
                throw BotCommandError.noReply(instance: instanceID, command: "stop", seconds: 10)
            }
        }
    }

    func run(_ bot: FakeBot?, skipped: Bool = false, output: Output = .saysWoundDown) async throws -> (
        result: String, grace: Int?, steps: [String]
    ) {
        let engine = FakeEngine(output: output)
        let steps = Mutex<[String]>([])
        let times = Mutex<[Double]>([100, 101.04, 200, 201.25])
        // A short wind-down limit: the silent output waits it out.
        var procedure = StopProcedure(
            name: "bot_1", bot: bot, skipped: skipped, engine: engine,
            now: {
                times.withLock { $0.isEmpty ? 0 : $0.removeFirst() }
            })
        procedure.windDownLimit = 0.2
        let result = try await procedure.run { step in steps.withLock { $0.append(step) } }
        return (result.text, engine.graces.withLock { $0.first }, steps.withLock { $0 })
    }

    /// A bot that accepts the stop and never says it wound down is waited for the whole limit, on the clock
    /// the procedure is given, and its container then gets the full grace.
    @Test func aStopThatTimesOutWaitsTheWholeLimitThenTheFullGrace() async throws {
        let engine = FakeEngine(output: .silent)
        let clock = ManualClock()
        var procedure = StopProcedure(
            name: "bot_1", bot: FakeBot(behaviour: .neverSaysItWoundDown), skipped: false, engine: engine,
            now: { 100 + clock.elapsed })
        procedure.clock = clock
        let stopping = Task { [procedure] in try await procedure.run { _ in } }
        #expect(try await eventually(within: 20) { clock.sleepersDue == [.seconds(StopProcedure.windDownLimit)] })
        #expect(engine.graces.withLock { $0.isEmpty }, "the container is left alone while the bot may still wind down")
        clock.advance(by: .seconds(29))
        #expect(clock.sleepersDue == [.seconds(1)])
        #expect(engine.graces.withLock { $0.isEmpty })
        clock.advance(by: .seconds(1))
        let result = try await stopping.value
        #expect(engine.graces.withLock { $0 } == [StopProcedure.grace])
        #expect(!result.woundDown && result.accepted)
        #expect(
            result.text.contains("bot accepted the stop (200) but did not say it wound down within 30 s"),
            "\(result.text)")
    }

    @Test func aBotThatWoundDownHasItsContainerEndedAtOnce() async throws {
        let (result, grace, steps) = try await run(FakeBot(behaviour: .windsDown(after: 1.04)))
        #expect(grace == StopProcedure.graceAfterWindDown)
        #expect(
            result
                == "stopped bot_1: bot stopped (200), wound down in 1.0 s (seen in its container's output) · container stopped in 1.2 s"
        )
        #expect(steps.first == "stopping bot_1: asking the bot to stop (it cancels its orders)…")
    }

    /// Anyone on the broker can publish `Hummingbot stopped.` on the bot's topic: without the bot's own
    /// output saying so, the container gets its whole grace, and the report says why.
    @Test func aWindDownHeardOnlyOnMQTTIsNotTrusted() async throws {
        let (result, grace, _) = try await run(FakeBot(behaviour: .windsDown(after: 0.01)), output: .silent)
        #expect(grace == StopProcedure.grace)
        #expect(
            result.hasPrefix(
                "stopped bot_1: bot accepted the stop (200); MQTT said it wound down but its container's output did not within 0 s, and a word on MQTT alone is not trusted ·"
            ),
            "\(result)")
        let (unread, unreadGrace, _) = try await run(FakeBot(behaviour: .windsDown(after: 0.01)), output: .unreadable)
        #expect(unreadGrace == StopProcedure.grace)
        #expect(
            unread.contains(
                "its container's output could not be read (the engine is offline), so its wind-down is not confirmed"),
            "\(unread)")
    }

    @Test func withoutTheBotsOwnWordTheContainerGetsItsFullGrace() async throws {
        for (behaviour, said) in [
            (
                FakeBot.Behaviour.answers(400, "Strategy check: Please import or create a strategy."),
                "bot answered 400: Strategy check: Please import or create a strategy."
            ),
            (.neverSaysItWoundDown, "bot accepted the stop (200) but did not say it wound down within 0 s"),
            (.noReply, "no reply from bot_1 to stop within 10 s"),
        ] {
            let (result, grace, steps) = try await run(FakeBot(behaviour: behaviour), output: .silent)
            #expect(grace == StopProcedure.grace, "\(said)")
            #expect(result.hasPrefix("stopped bot_1: \(said) · container stopped in"), "\(result)")
            #expect(steps.last == "stopping bot_1: \(said) · container stopping (up to 30 s, then kill)…")
        }
    }

    @Test func aSkippedOrImpossibleMQTTStepIsSaid() async throws {
        let skipped = try await run(FakeBot(behaviour: .windsDown(after: 1)), skipped: true)
        #expect(skipped.grace == StopProcedure.grace)
        #expect(skipped.result.hasPrefix("stopped bot_1: MQTT stop skipped ·"))
        let noLink = try await run(nil)
        #expect(noLink.grace == StopProcedure.grace)
        #expect(noLink.result.hasPrefix("stopped bot_1: no MQTT link: bot stop not sent ·"))
    }
}
