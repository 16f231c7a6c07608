import BackendAPI
import Foundation
import HBTestSupport
import Synchronization
import Testing

@testable import Operations

/// The stop through the API with a fake API and a clock that moves only when told: the container is stopped
/// as soon as the bot's log says it wound down, never before, and after the limit when it never does.
@Suite struct APIStopProcedureTests {
    func procedure(_ api: FakeFleetAPI, clock: ManualClock, keepOrders: Bool = false) -> APIStopProcedure {
        APIStopProcedure(
            api: api, name: "bot", keepOrders: keepOrders, now: { 100 + clock.elapsed }, windDownLimit: 30,
            pollInterval: 1, clock: clock)
    }

    /// Moves the clock on only while the procedure sleeps, to its next wake-up, until it is done.
    func drive(_ clock: ManualClock, until done: @escaping () -> Bool) async throws {
        while !done() {
            guard try await eventually(within: 20, { !clock.sleepersDue.isEmpty || done() }), !done(),
                let next = clock.sleepersDue.first
            else { return }
            clock.advance(by: next)
        }
    }

    @Test func theContainerIsStoppedOnceTheLogSaysTheBotWoundDown() async throws {
        let api = FakeFleetAPI(windsDownAfterReads: 3, oldStops: 2)
        let clock = ManualClock()
        let stop = Task { [procedure = procedure(api, clock: clock)] in try await procedure.run { _ in } }
        // Each nap of the poll ends in turn; the bot says it wound down at the third read after the stop.
        try await drive(clock) { api.calls.withLock { $0.contains("stop-container") } }
        let result = try await stop.value
        #expect(result.procedure == .throughAPI && result.woundDown && result.accepted)
        #expect(result.summary.contains("wound down in 2.0 s (seen in its log as the API relays it)"))
        let calls = api.calls.withLock { $0 }
        #expect(calls.filter { $0 == "stop-container" }.count == 1)
        #expect(calls.firstIndex(of: "stop-bot skip=false")! < calls.firstIndex(of: "stop-container")!)
        #expect(calls.filter { $0 == "status" }.count == 4, "one read before the stop, three after: \(calls)")
    }

    @Test func anOldWindDownInTheLogDoesNotCount() async throws {
        let api = FakeFleetAPI(windsDownAfterReads: nil, oldStops: 3)
        let clock = ManualClock()
        let stop = Task { [procedure = procedure(api, clock: clock)] in try await procedure.run { _ in } }
        try await drive(clock) { api.calls.withLock { $0.contains("stop-container") } }
        let result = try await stop.value
        #expect(!result.woundDown)
        #expect(result.summary.contains("did not say it wound down within 30 s: its orders may still be open"))
        #expect(clock.elapsed >= 30, "the container waited the whole limit")
    }

    @Test func leavingOrdersOpenIsSaidToTheAPI() async throws {
        let api = FakeFleetAPI(windsDownAfterReads: 1)
        let clock = ManualClock()
        let result = try await procedure(api, clock: clock, keepOrders: true).run { _ in }
        #expect(result.woundDown)
        #expect(api.calls.withLock { $0.contains("stop-bot skip=true") })
    }

    @Test func aStopTheAPIRefusesStillEndsTheContainerAndSaysSo() async throws {
        let api = FakeFleetAPI(stopFails: .refused("Bot bot not found"))
        let clock = ManualClock()
        let result = try await procedure(api, clock: clock).run { _ in }
        #expect(!result.accepted && !result.woundDown)
        #expect(result.summary.hasPrefix("the API did not send the stop: the API refused: Bot bot not found"))
        #expect(api.calls.withLock { $0.last } == "stop-container")
    }

    @Test func aStoppedBotIsLeftAlone() async throws {
        let api = FakeFleetAPI(running: false)
        let result = try await procedure(api, clock: ManualClock()).run { _ in }
        #expect(result.procedure == .notRunning)
        #expect(api.calls.withLock { $0 } == ["containers"])
    }
}
