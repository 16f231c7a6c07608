import Canvas
@testable import Console
import HBModel
import Testing

@Suite struct ControllerTests {
    let snapshot = FleetFixture.snapshot

    /// A controller with btc_mm_binance_01 (the second row by name) selected.
    func onBTC() -> ConsoleController {
        var controller = ConsoleController()
        _ = controller.handle(.down, snapshot: snapshot, logLineCount: 0)
        return controller
    }

    @Test func confirmingAStopSendsItOnceAndCancellingSendsNothing() {
        var controller = onBTC()
        _ = controller.handle(.character("x"), snapshot: snapshot, logLineCount: 0)
        #expect(controller.handle(.character("y"), snapshot: snapshot, logLineCount: 0) == [.stop("btc_mm_binance_01", skipBotStop: false)])
        #expect(controller.state.overlay == nil)
        #expect(controller.handle(.character("y"), snapshot: snapshot, logLineCount: 0).isEmpty, "a second y does nothing")

        _ = controller.handle(.character("x"), snapshot: snapshot, logLineCount: 0)
        #expect(controller.handle(.character("n"), snapshot: snapshot, logLineCount: 0).isEmpty)
        #expect(controller.state.status == "cancelled: nothing was done")

        _ = controller.handle(.character("x"), snapshot: snapshot, logLineCount: 0)
        #expect(controller.handle(.character("k"), snapshot: snapshot, logLineCount: 0) == [.stop("btc_mm_binance_01", skipBotStop: true)])
    }

    @Test func movingTheSelectionFollowsTheNewInstancesLog() {
        var controller = ConsoleController()
        #expect(controller.handle(.character("k"), snapshot: snapshot, logLineCount: 0).isEmpty, "already on the first row")
        #expect(controller.handle(.character("j"), snapshot: snapshot, logLineCount: 0) == [.follow("btc_mm_binance_01")])
        #expect(controller.handle(.down, snapshot: snapshot, logLineCount: 0) == [.follow("eth_grid_kucoin_02")])
        #expect(controller.handle(.character("G"), snapshot: snapshot, logLineCount: 0) == [.follow("sol_arb_01")])
        #expect(controller.handle(.character("g"), snapshot: snapshot, logLineCount: 0) == [.follow("avax_pmm_02")])
    }

    @Test func actionsAreRefusedWhileTheEngineIsOffline() {
        var offline = snapshot
        offline.engine = .offline(reason: "gone", lastGood: nil)
        var controller = ConsoleController()
        #expect(controller.handle(.character("s"), snapshot: offline, logLineCount: 0).isEmpty)
        #expect(controller.state.status == "the Docker engine is offline: nothing was done")
        #expect(controller.state.overlay == nil)
    }

    @Test func startingARunningBotSaysSo() {
        var controller = onBTC()
        #expect(controller.handle(.character("s"), snapshot: snapshot, logLineCount: 0).isEmpty)
        #expect(controller.state.status == "btc_mm_binance_01 is already running")
        _ = controller.handle(.character("k"), snapshot: snapshot, logLineCount: 0)
        #expect(controller.handle(.character("s"), snapshot: snapshot, logLineCount: 0) == [.start("avax_pmm_02")], "a stopped bot starts at once")
    }

    @Test func stoppingABotThatIsNotOnlineWarnsAboutOrders() {
        var controller = onBTC()
        _ = controller.handle(.character("j"), snapshot: snapshot, logLineCount: 0)
        _ = controller.handle(.character("x"), snapshot: snapshot, logLineCount: 0)
        guard case .confirm(let confirmation)? = controller.state.overlay else {
            Issue.record("no confirmation")
            return
        }
        #expect(confirmation.action == .stop("eth_grid_kucoin_02", skipBotStop: true))
        #expect(confirmation.steps.contains("The bot is not online over MQTT: open orders stay on the exchange."))
    }

    @Test func logKeysWorkOnlyInTheLogPane() {
        var controller = ConsoleController()
        _ = controller.handle(.character("e"), snapshot: snapshot, logLineCount: 10)
        #expect(controller.state.logView.errorsOnly == false)
        _ = controller.handle(.tab, snapshot: snapshot, logLineCount: 10)
        _ = controller.handle(.character("e"), snapshot: snapshot, logLineCount: 10)
        _ = controller.handle(.character("f"), snapshot: snapshot, logLineCount: 10)
        #expect(controller.state.logView.errorsOnly)
        #expect(controller.state.logView.follow == false)
        _ = controller.handle(.up, snapshot: snapshot, logLineCount: 10)
        #expect(controller.state.logView.scroll == 1)
        #expect(controller.handle(.character("q"), snapshot: snapshot, logLineCount: 10) == [.quit])
    }
}
