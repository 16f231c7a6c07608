import Canvas
import HBModel
import Testing

@testable import Console

/// A fleet read through hummingbot-api: the header names the API, the broker panel is the API's own link,
/// what the API does not give reads `—` and the details say why, and `x` says how the stop through the API
/// differs from the API's own fixed wait.
@Suite struct APIFleetRenderTests {
    static var snapshot: FleetSnapshot {
        _ = FleetFixture.inUTC
        var running = InstanceSnapshot(
            name: "hummingbot-pmm-20261205-074748", containerID: "ab231d68a797", image: "hbdeck-test/hummingbot:latest",
            state: .running, health: .online, strategy: "hummingbot-pmm-20261205-074748.yml", pnl: 5.32, volume: 22_450,
            errors: 0)
        running.throughAPI = "http://10.0.0.5:8000"
        running.volumeSource = .apiCopy
        running.controllers = [
            ControllerFigures(
                name: "pmm_demo", pnl: 5.32, pnlPercent: 0, realized: 5.19, unrealized: 0.13, volume: 22_450)
        ]
        running.countsAreLowerBounds = true
        var stopped = InstanceSnapshot(
            name: "hummingbot-demo-20261205-075942", containerID: "31d185949ea8",
            image: "hbdeck-test/hummingbot:latest", state: .stopped, strategy: "hummingbot-demo-20261205-075942.yml")
        stopped.throughAPI = "http://10.0.0.5:8000"
        var broker = BrokerSnapshot(
            containerName: "broker (the API's)", address: "127.0.0.1:1883", botsHeard: 1,
            link: .connected(since: FleetFixture.now - 300))
        broker.heldByAPI = true
        var snapshot = FleetSnapshot(
            takenAt: FleetFixture.now, endpoint: "http://10.0.0.5:8000", engine: .live, instances: [stopped, running],
            broker: broker)
        snapshot.throughAPI = true
        return snapshot
    }

    @Test func theAPIsFleetIsShownWithWhatItGivesAndSaysWhatItDoesNot() throws {
        let snapshot = Self.snapshot
        var controller = ConsoleController()
        let main = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
        try Golden.check(main, "api-120x36")
        #expect(main.contains("hummingbot-api http://10.0.0.5:8000 ● live"))
        #expect(main.contains("the API's broker at 127.0.0.1:1883") && main.contains("API ⇄ broker: connected 5m00s"))

        _ = controller.handle(.down, snapshot: snapshot, logLines: [])
        _ = controller.handle(.enter, snapshot: snapshot, logLines: [])
        let details = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
        try Golden.check(details, "api-details-120x36")
        #expect(details.contains("Through        hummingbot-api at http://10.0.0.5:8000"))
        #expect(details.contains("Not given      CPU, MEM, NET, uptime, trades, orders"))
        #expect(details.contains("+5.32 (the API's copy)") && details.contains("online (as the API heard it)"))
        #expect(details.contains("Open orders · not given by hummingbot-api"))

        _ = controller.handle(.escape, snapshot: snapshot, logLines: [])
        // The stopped bot: nothing to stop, and archiving waits for it to run (the API archives a running bot).
        _ = controller.handle(.up, snapshot: snapshot, logLines: [])
        for key in ["x", "D"] {
            #expect(controller.handle(.character(Character(key)), snapshot: snapshot, logLines: []).isEmpty)
            #expect(controller.state.overlay == nil && controller.state.status?.contains("is not running") == true)
        }
        #expect(
            controller.handle(.character("s"), snapshot: snapshot, logLines: [])
                == [.start("hummingbot-demo-20261205-075942")])
        #expect(controller.handle(.character("c"), snapshot: snapshot, logLines: []).isEmpty)
        #expect(
            controller.state.status?.hasPrefix("bots of hummingbot-api are deployed through it: hbdeck api deploy")
                == true)
        _ = controller.handle(.down, snapshot: snapshot, logLines: [])
        #expect(controller.handle(.character("x"), snapshot: snapshot, logLines: []).isEmpty)
        guard case .confirm(let confirmation) = controller.state.overlay else {
            Issue.record("x asks first")
            return
        }
        #expect(confirmation.title == "Stop hummingbot-pmm-20261205-074748 through the API?")
        #expect(confirmation.steps[1].contains("the API's own stop waits a fixed 15 s instead"))
        #expect(confirmation.action == .stop("hummingbot-pmm-20261205-074748", skipBotStop: false))
        #expect(confirmation.alternative?.action == .stop("hummingbot-pmm-20261205-074748", skipBotStop: true))
        #expect(
            controller.handle(.character("y"), snapshot: snapshot, logLines: [])
                == [.stop("hummingbot-pmm-20261205-074748", skipBotStop: false)])
    }
}
