import HBModel
import HBTestSupport
import Testing

@testable import Monitor
@testable import Operations

/// The one place that chooses how a bot stops: by the way its container runs it.
struct SafeStopTests {
    let bot = StopProcedureTests.FakeBot(behaviour: .windsDown(after: 1))

    func stop(_ name: String, on engine: FakeEngine, grace: Int? = nil) async throws -> StopResult {
        try await SafeStop.run(
            name: name, bot: bot, skipped: false, engine: engine, grace: grace, now: { 0 }, progress: { _ in })
    }

    @Test func aQuickstartBotIsAskedOverMQTTFirst() async throws {
        let engine = FakeEngine()
        engine.put(
            "q1",
            .init(name: "quick", state: "running", command: ["/bin/bash", "-lc", "./bin/hummingbot_quickstart.py"]))
        let result = try await stop("quick", on: engine)
        #expect(result.procedure == .mqttFirst && result.accepted && result.woundDown)
        // It wound down by its own word: the container is ended at once.
        #expect(engine.done == ["stop quick (\(StopProcedure.graceAfterWindDown))"])
        #expect(result.text.hasPrefix("stopped quick: bot stopped (200), wound down in"))
    }

    @Test func aBotHbotRunsGetsOneGracefulSIGTERM() async throws {
        let engine = FakeEngine()
        engine.put("h1", .init(name: "hb", state: "running", command: ["hbot", "start", "pmm.yml", "--foreground"]))
        let result = try await stop("hb", on: engine)
        #expect(result.procedure == .graceful(grace: StopTimes.gracefulGrace) && result.botStep == nil)
        #expect(engine.done == ["stop hb (\(StopTimes.gracefulGrace))"])
        engine.put("h2", .init(name: "hb2", state: "running", command: ["hbot", "start", "pmm.yml", "--foreground"]))
        _ = try await stop("hb2", on: engine, grace: 5)
        #expect(engine.done.last == "stop hb2 (5)", "the CLI's -t is the grace")
    }

    @Test func aContainerThatIsNotRunningIsLeftAlone() async throws {
        let engine = FakeEngine()
        engine.put("x1", .init(name: "gone", state: "exited"))
        let result = try await stop("gone", on: engine)
        #expect(result.procedure == .notRunning && result.text == "gone is not running: nothing to stop")
        #expect(engine.done.isEmpty)
    }
}
