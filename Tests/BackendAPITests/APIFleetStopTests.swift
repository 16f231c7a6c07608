import BackendAPI
import Foundation
import HBModel
import Testing

@testable import Monitor
@testable import Operations

/// The fleet-wide stop (`X`, `stop --all`) takes the bots of an API too, each stopped through the API the safe
/// way, and a second action on a bot under way is refused, never run twice.
@Suite struct APIFleetStopTests {
    @Test func aFleetStopTakesTheAPIsBotsAndStopsEachOnce() async throws {
        let api = FakeFleetAPI(windsDownAfterReads: 1)
        let watcher = APIFleetWatcher(api: api)
        await watcher.poll()
        let group = FleetGroup([], apis: [.init(host: "ops", watcher: watcher)])
        let plan = FleetStopPlan(.all, in: group, folder: nil)
        #expect(plan.bots.map(\.instance.name) == ["bot"])
        guard case .api = plan.bots[0].stopper else {
            Issue.record("the API's bot is stopped through its API")
            return
        }
        // Another action already holds the bot: the fleet stop refuses it rather than stopping it twice.
        #expect(try await watcher.beginAction(on: "bot", nil).get() == ())
        let refused = await FleetStop.run(plan.bots.map(\.target), concurrency: 2, skipBotStop: false)
        #expect(refused.first?.problem?.contains("an action is already under way") == true)
        #expect(!api.calls.withLock { $0 }.contains { $0.hasPrefix("stop-bot") })
        await watcher.finished("bot")

        let rows = await FleetStop.run(plan.bots.map(\.target), concurrency: 2, skipBotStop: false)
        #expect(rows.count == 1 && rows[0].stopped?.procedure == .throughAPI && rows[0].stopped?.woundDown == true)
        #expect(api.calls.withLock { $0 }.filter { $0 == "stop-container" }.count == 1)
    }
}
