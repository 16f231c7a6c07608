import Canvas
import HBModel
import Testing

@testable import Console

@Suite struct ControllerTests {
    let snapshot = FleetFixture.snapshot

    /// A controller with btc_mm_binance_01 (the second row by name) selected.
    func onBTC() -> ConsoleController {
        var controller = ConsoleController()
        _ = controller.handle(.down, snapshot: snapshot, logLines: [])
        return controller
    }

    @Test func confirmingAStopSendsItOnceAndCancellingSendsNothing() {
        var controller = onBTC()
        _ = controller.handle(.character("x"), snapshot: snapshot, logLines: [])
        #expect(
            controller.handle(.character("y"), snapshot: snapshot, logLines: []) == [
                .stop("btc_mm_binance_01", skipBotStop: false)
            ])
        #expect(controller.state.overlay == nil)
        #expect(controller.handle(.character("y"), snapshot: snapshot, logLines: []).isEmpty, "a second y does nothing")

        _ = controller.handle(.character("x"), snapshot: snapshot, logLines: [])
        #expect(controller.handle(.character("n"), snapshot: snapshot, logLines: []).isEmpty)
        #expect(controller.state.status == "cancelled: nothing was done")

        _ = controller.handle(.character("x"), snapshot: snapshot, logLines: [])
        #expect(
            controller.handle(.character("k"), snapshot: snapshot, logLines: []) == [
                .stop("btc_mm_binance_01", skipBotStop: true)
            ])
    }

    @Test func movingTheSelectionFollowsTheNewInstancesLog() {
        var controller = ConsoleController()
        #expect(
            controller.handle(.character("k"), snapshot: snapshot, logLines: []).isEmpty, "already on the first row")
        #expect(controller.handle(.character("j"), snapshot: snapshot, logLines: []) == [.follow("btc_mm_binance_01")])
        #expect(controller.handle(.down, snapshot: snapshot, logLines: []) == [.follow("eth_grid_kucoin_02")])
        #expect(controller.handle(.character("G"), snapshot: snapshot, logLines: []) == [.follow("sol_arb_01")])
        #expect(controller.handle(.character("g"), snapshot: snapshot, logLines: []) == [.follow("avax_pmm_02")])
    }

    @Test func actionsAreRefusedWhileTheEngineIsOffline() {
        var offline = snapshot
        offline.engine = .offline(reason: "gone", lastGood: nil)
        var controller = ConsoleController()
        #expect(controller.handle(.character("s"), snapshot: offline, logLines: []).isEmpty)
        #expect(controller.state.status == "the Docker engine is offline: nothing was done")
        #expect(controller.state.overlay == nil)
    }

    @Test func startingARunningBotSaysSo() {
        var controller = onBTC()
        #expect(controller.handle(.character("s"), snapshot: snapshot, logLines: []).isEmpty)
        #expect(controller.state.status == "btc_mm_binance_01 is already running")
        _ = controller.handle(.character("k"), snapshot: snapshot, logLines: [])
        #expect(
            controller.handle(.character("s"), snapshot: snapshot, logLines: []) == [.start("avax_pmm_02")],
            "a stopped bot starts at once")
    }

    @Test func stoppingABotThatIsNotOnlineWarnsAboutOrders() {
        var controller = onBTC()
        _ = controller.handle(.character("j"), snapshot: snapshot, logLines: [])
        _ = controller.handle(.character("x"), snapshot: snapshot, logLines: [])
        guard case .confirm(let confirmation)? = controller.state.overlay else {
            Issue.record("no confirmation")
            return
        }
        #expect(confirmation.action == .stop("eth_grid_kucoin_02", skipBotStop: true))
        #expect(confirmation.steps.contains("The bot is not online over MQTT: open orders stay on the exchange."))
    }

    @Test func logKeysWorkOnlyInTheLogPane() {
        var controller = ConsoleController()
        _ = controller.handle(
            .character("e"), snapshot: snapshot, logLines: FleetFixture.logLines + FleetFixture.logLines)
        #expect(controller.state.logView.errorsOnly == false)
        _ = controller.handle(.tab, snapshot: snapshot, logLines: FleetFixture.logLines + FleetFixture.logLines)
        _ = controller.handle(
            .character("e"), snapshot: snapshot, logLines: FleetFixture.logLines + FleetFixture.logLines)
        _ = controller.handle(
            .character("f"), snapshot: snapshot, logLines: FleetFixture.logLines + FleetFixture.logLines)
        #expect(controller.state.logView.errorsOnly)
        #expect(controller.state.logView.follow == false)
        _ = controller.handle(.up, snapshot: snapshot, logLines: FleetFixture.logLines + FleetFixture.logLines)
        #expect(controller.state.logView.scroll == 1)
        #expect(
            controller.handle(
                .character("q"), snapshot: snapshot, logLines: FleetFixture.logLines + FleetFixture.logLines) == [.quit]
        )
    }
}

@Suite struct LowerBoundTests {
    @Test func countsHeardOnlyInPartAreShownAsAtLeast() {
        var snapshot = FleetFixture.snapshot
        snapshot.instances[0].countsAreLowerBounds = true
        snapshot.instances[0].tradesFromDatabase = false  // its data folder not on this machine
        let text = ScreenComposer.compose(
            snapshot, state: ConsoleState(), logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
        #expect(text.contains("≥412"), "trades")
        #expect(text.contains("≥4 "), "open orders")
        var controller = ConsoleController()
        _ = controller.handle(.character("j"), snapshot: snapshot, logLines: [])
        _ = controller.handle(.character("x"), snapshot: snapshot, logLines: [])
        guard case .confirm(let confirmation)? = controller.state.overlay else {
            Issue.record("no confirmation")
            return
        }
        #expect(confirmation.steps.first == "1. Ask the bot to stop over MQTT; it cancels its open orders (4 or more).")
    }

    /// A late console whose bot's trade database said which orders are open: exact, and the details say
    /// where from and how old.
    @Test func ordersFromTheTradeDatabaseAreExactAndSaySo() {
        var snapshot = FleetFixture.snapshot
        snapshot.instances[0].countsAreLowerBounds = true
        snapshot.instances[0].ordersFromDatabase = true
        let table = ScreenComposer.compose(
            snapshot, state: ConsoleState(), logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
        let row = table.split(separator: "\n").first { $0.contains("btc_mm_binance_01") } ?? ""
        #expect(row.contains(" 412 ") && row.contains(" 4 ") && !row.contains("≥"), "\(row)")
        var controller = ConsoleController()
        _ = controller.handle(.character("j"), snapshot: snapshot, logLines: [])
        _ = controller.handle(.enter, snapshot: snapshot, logLines: [])
        let details = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
        #expect(details.contains("Open orders    4 (trade database, read 4s ago)"), "\(details)")
        #expect(details.contains("Trades         412 (trade database, read 4s ago)"))
    }
}

@Suite struct LogSearchTests {
    @Test func nAndNJumpBetweenMatches() {
        let snapshot = FleetFixture.snapshot
        let lines = FleetFixture.logLines  // "Created BUY", "Order rejected", "Created SELL", "Invalid password."
        var controller = ConsoleController()
        _ = controller.handle(.tab, snapshot: snapshot, logLines: lines)
        _ = controller.handle(.character("n"), snapshot: snapshot, logLines: lines)
        #expect(controller.state.status == "no search: press / in the log pane first")
        _ = controller.handle(.character("/"), snapshot: snapshot, logLines: lines)
        for c in "created" { _ = controller.handle(.character(c), snapshot: snapshot, logLines: lines) }
        _ = controller.handle(.enter, snapshot: snapshot, logLines: lines)
        _ = controller.handle(.character("n"), snapshot: snapshot, logLines: lines)
        #expect(controller.state.logView.scroll == 1, "the newest match, Created SELL, is the last line")
        #expect(controller.state.logView.follow == false)
        _ = controller.handle(.character("n"), snapshot: snapshot, logLines: lines)
        #expect(controller.state.logView.scroll == 3, "then Created BUY")
        _ = controller.handle(.character("n"), snapshot: snapshot, logLines: lines)
        #expect(controller.state.status == "no older match for \"created\"")
        _ = controller.handle(.character("N"), snapshot: snapshot, logLines: lines)
        #expect(controller.state.logView.scroll == 1)
    }
}

extension LogSearchTests {
    @Test func aJumpLandsOnItsLineWithWrapOn() {
        let snapshot = FleetFixture.snapshot
        let lines = (0..<10).map {
            LogLine(
                timestamp: nil, level: .info,
                message: "line-\($0) " + String(repeating: "x", count: 200) + " end-\($0)", source: .container)
        }
        var controller = ConsoleController()
        _ = controller.handle(.tab, snapshot: snapshot, logLines: lines)
        _ = controller.handle(.character("w"), snapshot: snapshot, logLines: lines)
        _ = controller.handle(.character("/"), snapshot: snapshot, logLines: lines)
        for c in "line-3" { _ = controller.handle(.character(c), snapshot: snapshot, logLines: lines) }
        _ = controller.handle(.enter, snapshot: snapshot, logLines: lines)
        _ = controller.handle(.character("n"), snapshot: snapshot, logLines: lines)
        let text = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: lines, now: FleetFixture.now, width: 120, height: 36
        ).text
        #expect(text.contains("end-3"), "the match's line ends on the pane's last row")
        #expect(text.contains("line-3"))
        #expect(!text.contains("end-4"), "nothing newer than the match is shown")
    }
}

@Suite struct BrokerLogTests {
    @Test func lShowsTheBrokersLogAndMovingGoesBackToTheSelection() {
        let snapshot = FleetFixture.snapshot
        var controller = ConsoleController()
        #expect(controller.handle(.character("l"), snapshot: snapshot, logLines: []) == [.follow("hummingbot-broker")])
        let text = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
        #expect(text.contains("Logs · hummingbot-broker"))
        #expect(controller.handle(.character("j"), snapshot: snapshot, logLines: []) == [.follow("btc_mm_binance_01")])
        #expect(controller.state.showingBrokerLog == false)
        _ = controller.handle(.character("l"), snapshot: snapshot, logLines: [])
        #expect(controller.handle(.character("l"), snapshot: snapshot, logLines: []) == [.follow("btc_mm_binance_01")])
    }
}

extension ControllerTests {
    @Test func deletingSaysWhereTheFolderGoesAndCanSkipTheMQTTStop() throws {
        var withFolder = snapshot
        withFolder.botsFolder = "/srv/bots"
        var controller = onBTC()
        _ = controller.handle(.character("D"), snapshot: withFolder, logLines: [])
        guard case .confirm(let confirmation)? = controller.state.overlay else {
            Issue.record("no confirmation")
            return
        }
        #expect(
            confirmation.steps == [
                "1. Ask the bot to stop over MQTT (it cancels its open orders), then end the container.",
                "2. Remove the container.",
                "3. Move instances/btc_mm_binance_01 to archived/btc_mm_binance_01-<date>-<time>; nothing is deleted.",
            ])
        #expect(
            controller.handle(.character("k"), snapshot: withFolder, logLines: []) == [
                .delete("btc_mm_binance_01", skipBotStop: true)
            ])

        // Without a bots folder the folder step says so; an undeployed folder can be archived alone.
        var plain = onBTC()
        _ = plain.handle(.character("D"), snapshot: snapshot, logLines: [])
        guard case .confirm(let without)? = plain.state.overlay else {
            Issue.record("no confirmation")
            return
        }
        #expect(without.steps.last == "3. No bots folder is configured: the instance's folder stays where it is.")
        var undeployed = ConsoleController()
        for _ in 0..<3 { _ = undeployed.handle(.down, snapshot: withFolder, logLines: []) }  // by name: the fourth
        _ = undeployed.handle(.character("D"), snapshot: withFolder, logLines: [])
        guard case .confirm(let folderOnly)? = undeployed.state.overlay else {
            Issue.record("no confirmation")
            return
        }
        #expect(folderOnly.title == "Delete new_bot_in_folder?")
        #expect(
            folderOnly.steps == [
                "1. Move instances/new_bot_in_folder to archived/new_bot_in_folder-<date>-<time>; nothing is deleted."
            ])
    }

    @Test func editingNeedsABotsFolderAndAConfig() {
        var controller = onBTC()
        #expect(controller.handle(.character("e"), snapshot: snapshot, logLines: []).isEmpty)
        #expect(
            controller.state.status == "no bots folder is configured (bots_folder in the config file): nothing to edit")
        var withFolder = snapshot
        withFolder.botsFolder = "/srv/bots"
        #expect(
            controller.handle(.character("e"), snapshot: withFolder, logLines: []) == [
                .edit("btc_mm_binance_01", strategy: "v2_with_controllers.yml")
            ])
    }
}

extension ControllerTests {
    @Test func anHbotBotIsStoppedGracefullyWithoutAnMQTTStep() throws {
        var hbot = snapshot
        let index = try #require(hbot.instances.firstIndex { $0.name == "btc_mm_binance_01" })
        hbot.instances[index].engine = .hbot
        var controller = onBTC()
        _ = controller.handle(.character("x"), snapshot: hbot, logLines: [])
        guard case .confirm(let confirmation)? = controller.state.overlay else {
            Issue.record("no confirmation")
            return
        }
        #expect(confirmation.steps.first?.hasPrefix("1. Graceful stop: SIGTERM") == true)
        #expect(confirmation.alternative == nil, "no MQTT step to skip")
        #expect(
            controller.handle(.character("y"), snapshot: hbot, logLines: []) == [
                .stop("btc_mm_binance_01", skipBotStop: true)
            ])
    }
}

extension ControllerTests {
    /// The broker off an isolated bot's network: the panel says so, and `b` offers to attach it, once confirmed.
    @Test func bAttachesTheBrokerToTheIsolatedNetworksItIsMissingFrom() {
        var snapshot = FleetFixture.snapshot
        snapshot.broker.missingNetworks = ["hbdeck-iso_a"]
        var controller = ConsoleController()
        let panel = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 160, height: 40
        ).text
        #expect(panel.contains("⚠ not on 1 isolated bot's network: b attaches"), "\(panel)")
        #expect(controller.handle(.character("b"), snapshot: snapshot, logLines: []).isEmpty, "asks first")
        let asked = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 160, height: 40
        ).text
        #expect(asked.contains("Attach the broker hummingbot-broker to 1 isolated bot's network?"), "\(asked)")
        #expect(controller.handle(.character("y"), snapshot: snapshot, logLines: []) == [.attachBroker(host: nil)])
    }
}

extension ControllerTests {
    /// N moves the selected bot between host networking and its own network, once the steps are confirmed.
    @Test func nMovesABotBetweenHostAndItsOwnNetworkAfterConfirming() {
        var snapshot = FleetFixture.snapshot
        snapshot.botsFolder = "/srv/bots"
        var controller = ConsoleController()
        _ = controller.handle(.down, snapshot: snapshot, logLines: [])
        let selected = controller.state.selection(in: controller.state.visibleInstances(snapshot))
        #expect(controller.handle(.character("N"), snapshot: snapshot, logLines: []).isEmpty, "asks first")
        guard case .confirm(let asked)? = controller.state.overlay else {
            Issue.record("no confirmation")
            return
        }
        let target = selected?.networkMode == "host" ? "isolated" : "host"
        #expect(asked.title == "Move \(selected?.name ?? "") to \(target) networking?")
        #expect(asked.steps.contains { $0.hasPrefix("3. Make its container again from its own settings and folder") })
        #expect(
            controller.handle(.character("y"), snapshot: snapshot, logLines: []) == [
                .moveNetwork(selected?.name ?? "", to: target)
            ])
    }
}
