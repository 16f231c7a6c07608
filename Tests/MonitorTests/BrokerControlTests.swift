import HBTestSupport
import Testing

@testable import Monitor
@testable import Operations

/// The broker's start, stop and restart: the same rules and words for the CLI and the console.
struct BrokerControlTests {
    let name = "hummingbot-broker"

    @Test func aBrokerAlreadyInTheStateAskedForIsLeftAlone() async throws {
        let engine = FakeEngine()
        engine.put("b1", .init(name: name, state: "running"))
        #expect(
            try await BrokerControl.start(name, engine: engine) == "broker \(name) is already running: nothing changed")
        #expect(engine.started.isEmpty)

        #expect(try await BrokerControl.stop(name, engine: engine) == "broker \(name): stopped")
        #expect(engine.done == ["stop \(name) (10)"])
        #expect(try await BrokerControl.stop(name, engine: engine) == "broker \(name) is not running: nothing changed")
        #expect(engine.done.count == 1, "a stopped broker is not stopped again")

        let starting = Task { try await BrokerControl.start(name, engine: engine) }
        while !engine.waitingAtGate { await Task.yield() }
        engine.release()
        #expect(try await starting.value == "broker \(name): started")
        #expect(engine.started == [name])
    }

    @Test func aMissingBrokerIsSaidAndNothingIsDone() async throws {
        let engine = FakeEngine()
        await #expect(throws: BrokerControl.Missing.self) { try await BrokerControl.start(self.name, engine: engine) }
        await #expect(throws: BrokerControl.Missing.self) { try await BrokerControl.restart(self.name, engine: engine) }
        #expect(
            try await BrokerControl.stop(name, engine: engine) == "no broker container named \(name): nothing to stop")
        #expect(engine.started.isEmpty && engine.done.isEmpty)
    }
}
