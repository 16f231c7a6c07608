import Canvas
import HBModel
import Testing

@testable import Console

/// `X`: a chooser of ways to stop many bots, one confirmation naming them and what is at stake, then one command.
@Suite struct FleetStopChooserTests {
    let snapshot = FleetFixture.snapshot
    let chooser = FleetStopChooser(
        choices: [
            .init(
                key: "exchange:binance", label: "every running bot trading on binance",
                bots: ["btc_mm_binance_01", "eth_grid_binance"],
                stake: ["binance_paper_trade: 6 open orders, 412.50 notional"]),
            .init(
                key: "strategy:pmm.yml", label: "every running bot running pmm.yml", bots: ["avax_pmm_02"],
                stake: ["no open orders recorded"]),
            .init(
                key: "all", label: "every running bot", bots: ["avax_pmm_02", "btc_mm_binance_01", "eth_grid_binance"],
                stake: ["binance_paper_trade: 6 open orders, 412.50 notional"]),
        ], concurrency: 8)

    func render(_ state: ConsoleState) -> String {
        ScreenComposer.compose(
            snapshot, state: state, logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
    }

    @Test func theKeyAsksTheLoopToPlanAndNothingStopsBeforeTheConfirmation() throws {
        var controller = ConsoleController()
        let shown = controller.state.visibleInstances(snapshot).map(\.name)
        #expect(controller.handle(.character("X"), snapshot: snapshot, logLines: []) == [.openFleetStop(among: shown)])
        controller.showFleetStopChooser(chooser)
        #expect(render(controller.state).contains("▶ every running bot trading on binance · 2 bots"))
        #expect(controller.handle(.down, snapshot: snapshot, logLines: []).isEmpty)
        #expect(controller.handle(.down, snapshot: snapshot, logLines: []).isEmpty)
        #expect(controller.handle(.enter, snapshot: snapshot, logLines: []).isEmpty)
        let text = render(controller.state)
        #expect(text.contains("Stop every running bot: 3 bots?"))
        #expect(text.contains("Bots (3): avax_pmm_02, btc_mm_binance_01, eth_grid_binance"))
        #expect(text.contains("At stake: binance_paper_trade: 6 open orders, 412.50 notional"))
        #expect(text.contains("8 at a time"))
        try Golden.check(text, "confirm-fleet-stop-120x36")
        #expect(
            controller.handle(.character("y"), snapshot: snapshot, logLines: []) == [
                .fleetStop(
                    key: "all", label: "every running bot",
                    bots: ["avax_pmm_02", "btc_mm_binance_01", "eth_grid_binance"])
            ])
    }

    @Test func escapeClosesTheChooserAndAnEmptyOneSaysWhy() {
        var controller = ConsoleController()
        controller.showFleetStopChooser(chooser)
        #expect(controller.handle(.escape, snapshot: snapshot, logLines: []).isEmpty)
        #expect(controller.state.overlay == nil)
        controller.showFleetStopChooser(FleetStopChooser(choices: [], concurrency: 8))
        #expect(controller.state.overlay == nil && controller.state.status == "no running bot to stop")
    }

    @Test func readOnlyRefusesIt() {
        var controller = ConsoleController()
        controller.state.readOnly = true
        #expect(
            controller.handle(.character("X"), snapshot: snapshot, logLines: []).first
                == .refused("fleetStop", target: "avax_pmm_02"))
    }

    @Test func aLiveReportIsUpdatedOnlyWhileItIsOpen() {
        var controller = ConsoleController()
        controller.showReport(Report(title: "Stopping all", lines: ["a  waiting for its turn"]))
        controller.updateReport(Report(title: "Stopping all", lines: ["a  accepted · wound down"]))
        #expect(controller.state.overlay == .report(Report(title: "Stopping all", lines: ["a  accepted · wound down"])))
        _ = controller.handle(.escape, snapshot: snapshot, logLines: [])
        controller.updateReport(Report(title: "Stopping all", lines: ["a  done"]))
        #expect(controller.state.overlay == nil, "closed stays closed")
    }
}

extension FleetStopChooserTests {
    @Test func fiftyBotsAreNamedOnFourLinesAndTheRestCounted() {
        let names = (1...50).map { String(format: "bot_%02d", $0) }
        let lines = FleetStopChooser.wrapped("Bots (50): ", names, width: 60, lines: 4)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("Bots (50): bot_01, bot_02"))
        #expect(lines.allSatisfy { $0.count <= 80 })
        let named = lines.joined().split(separator: ",").count
        #expect(lines[3].hasSuffix("more"))
        #expect(lines[3].contains("and \(50 - (named - 1)) more"), "\(lines)")
    }
}

/// A filtered console is about the bots it shows: `O` lists their orders only.
@Suite struct ShownFleetTests {
    @Test func theOrdersViewFollowsTheTablesFilter() {
        var controller = ConsoleController()
        controller.state.filter = "eth_"
        _ = controller.handle(.character("O"), snapshot: FleetFixture.snapshot, logLines: [])
        let text = ScreenComposer.compose(
            FleetFixture.snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
        #expect(text.contains("Open orders 0"), "btc_mm_binance_01's orders are not the filtered console's:\n\(text)")
        controller.state.filter = ""
        let all = ScreenComposer.compose(
            FleetFixture.snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
        #expect(all.contains("btc_mm_binance_01") && !all.contains("Open orders 0"))
    }
}
