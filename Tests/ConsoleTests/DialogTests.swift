import Canvas
import HBModel
import Testing

@testable import Console

/// The values form, the upload dialog and the reload confirmation: keys in, commands out, nothing done
/// before the operator says so.
@Suite struct DialogTests {
    var snapshot: FleetSnapshot {
        var snapshot = FleetFixture.snapshot
        snapshot.botsFolder = "/srv/bots"
        return snapshot
    }

    var valuesForm: ValuesForm {
        let script = "instances/avax_pmm_02/conf/scripts/pmm_avax.yml"
        let grid = "instances/avax_pmm_02/conf/controllers/grid_1.yml"
        return ValuesForm(
            instance: "avax_pmm_02",
            rows: [
                .init(file: script, key: "script_file_name", value: "v2_with_controllers.py", editable: true),
                .init(file: script, key: "controllers_config", value: "[1 item]", editable: false),
                .init(file: script, key: "candles_config", value: "", editable: true),
                .init(file: grid, key: "id", value: "grid_1", editable: true),
                .init(file: grid, key: "total_amount_quote", value: "100", editable: true),
                .init(file: grid, key: "manual_kill_switch", value: "false", editable: true),
            ])
    }

    func press(_ keys: [Key], _ controller: inout ConsoleController) -> [ConsoleCommand] {
        keys.flatMap { controller.handle($0, snapshot: snapshot, logLines: []) }
    }

    func render(_ state: ConsoleState, snapshot: FleetSnapshot? = nil, width: Int = 120, height: Int = 36) -> CellGrid {
        ScreenComposer.compose(
            snapshot ?? self.snapshot, state: state, logLines: [], logStatus: .following, now: FleetFixture.now,
            width: width, height: height)
    }

    @Test func vOpensTheSelectedInstancesValues() {
        var controller = ConsoleController()
        #expect(press([.character("v")], &controller) == [.openValuesForm("avax_pmm_02", strategy: "pmm_avax.yml")])
        var noFolder = ConsoleController()
        #expect(noFolder.handle(.character("v"), snapshot: FleetFixture.snapshot, logLines: []).isEmpty)
        #expect(noFolder.state.status?.contains("no bots folder is configured") == true)
    }

    @Test func onlyTheValuesChangedAreSavedAndListsAreSkipped() throws {
        var controller = ConsoleController()
        controller.showValuesForm(valuesForm)
        // From the first value: ↓ skips the list to candles_config, then on to total_amount_quote.
        let keys: [Key] = [
            .down, .character("x"), .backspace, .down, .down, .backspace, .backspace, .backspace, .character("2"),
            .character("5"), .character("0"),
        ]
        #expect(press(keys, &controller).isEmpty, "nothing is saved before ⏎")
        guard case .values(let form)? = controller.state.overlay else {
            Issue.record("the form is open")
            return
        }
        #expect(form.rows[form.focus].key == "total_amount_quote")
        #expect(
            press([.enter], &controller) == [
                .saveValues(
                    "avax_pmm_02",
                    [
                        .init(
                            file: "instances/avax_pmm_02/conf/controllers/grid_1.yml", key: "total_amount_quote",
                            value: "250", original: "100")
                    ], viaHbot: false)
            ])
        #expect(press([.enter, .character("9")], &controller).isEmpty, "keys wait while it saves")
        controller.valuesSaved(error: "not saved: grid_1.yml is not valid YAML")
        guard case .values(let failed)? = controller.state.overlay else {
            Issue.record("a failed save keeps the form")
            return
        }
        #expect(!failed.busy && failed.rows[failed.focus].value == "250")
        try Golden.check(render(controller.state).text, "values-form-120x36")
        #expect(press([.control("u"), .enter], &controller).isEmpty, "undone: nothing left to save")
        #expect(controller.state.overlay == nil && controller.state.status == "no value changed: nothing saved")
    }

    @Test func escapeClosesTheFormAndSaysWhatWasNotSaved() {
        var controller = ConsoleController()
        controller.showValuesForm(valuesForm)
        _ = press([.character("!"), .escape], &controller)
        #expect(controller.state.overlay == nil)
        #expect(controller.state.status == "values form closed: 1 change not saved")
    }

    func picker() -> ConsoleController {
        var controller = ConsoleController()
        #expect(press([.character("u")], &controller) == [.openUpload])
        controller.showFolder(
            "/home/op/strategies",
            entries: [
                .init(name: "..", isFolder: true), .init(name: "old", isFolder: true),
                .init(name: "grid.yml", isFolder: false), .init(name: "my_pmm.py", isFolder: false),
            ], controllerTypes: ["directional_trading", "market_making"])
        return controller
    }

    @Test func theUploadDialogWalksFoldersAndChoosesWhereAFileGoes() throws {
        var controller = picker()
        #expect(press([.enter], &controller) == [.listFolder("/home/op/strategies/old")], "a folder opens")
        #expect(press([.backspace], &controller) == [.listFolder("/home/op")], "⌫ goes up")
        #expect(press([.down, .down, .right, .right], &controller).isEmpty, "from `old` to my_pmm.py, two choices on")
        guard case .upload(let shown)? = controller.state.overlay else {
            Issue.record("the dialog is open")
            return
        }
        #expect(shown.current?.name == "my_pmm.py" && shown.destination == .controllers(type: "market_making"))
        try Golden.check(render(controller.state).text, "upload-120x36")
        #expect(
            press([.enter], &controller) == [
                .upload(
                    source: "/home/op/strategies/my_pmm.py", to: .controllers(type: "market_making"), replacing: false)
            ])
        controller.uploadFinished(error: nil, exists: "controllers/market_making/my_pmm.py")
        #expect(press([.enter], &controller).isEmpty, "only y replaces")
        #expect(
            press([.character("y")], &controller) == [
                .upload(
                    source: "/home/op/strategies/my_pmm.py", to: .controllers(type: "market_making"), replacing: true)
            ])
        controller.uploadFinished(error: nil, exists: nil)
        #expect(controller.state.overlay == nil)
    }

    @Test func aRefusedUploadStaysInTheDialogWithItsReason() {
        var controller = picker()
        _ = press([.down], &controller)  // from `old`, the first entry after `..`
        #expect(
            press([.enter], &controller) == [
                .upload(source: "/home/op/strategies/grid.yml", to: .scriptConfigs, replacing: false)
            ])
        controller.uploadFinished(error: "grid.yml is not valid YAML: mapping values are not allowed here", exists: nil)
        guard case .upload(let shown)? = controller.state.overlay else {
            Issue.record("the dialog stays")
            return
        }
        #expect(shown.error?.contains("not valid YAML") == true && !shown.busy)
        _ = press([.escape], &controller)
        #expect(controller.state.status == "upload cancelled: nothing was done")
    }

    @Test func reloadSaysWhichWayItWillGoBeforeDoingIt() throws {
        var controller = ConsoleController()
        _ = press([.down], &controller)  // btc_mm_binance_01, running, quickstart
        #expect(press([.character("r")], &controller).isEmpty)
        guard case .confirm(let confirmation)? = controller.state.overlay else {
            Issue.record("a confirmation")
            return
        }
        #expect(confirmation.title == "Reload btc_mm_binance_01's strategy files?")
        #expect(
            confirmation.steps.contains {
                $0.contains(
                    "if the bot refuses that start (the current client does), the container is restarted instead")
            })
        #expect(press([.character("y")], &controller) == [.reload("btc_mm_binance_01")])
        var stopped = ConsoleController()
        _ = press([.character("r")], &stopped)  // avax_pmm_02 is stopped
        #expect(
            stopped.state.overlay == nil
                && stopped.state.status == "avax_pmm_02 is not running: it reads its files when it starts")
    }

    /// A bot the client's hbot runs: its details offer `hbot doctor` and `hbot status`, asked for only then,
    /// and their answer is shown as a report.
    @Test func hbotDoctorAndStatusAreAskedForFromTheDetails() throws {
        var snapshot = self.snapshot
        snapshot.instances[0].engine = .hbot  // btc_mm_binance_01, running
        var controller = ConsoleController()
        _ = controller.handle(.down, snapshot: snapshot, logLines: [])
        _ = controller.handle(.enter, snapshot: snapshot, logLines: [])
        #expect(
            render(controller.state, snapshot: snapshot).text.contains(
                "Esc returns · h charts · d hbot doctor · t hbot status"))
        #expect(
            controller.handle(.character("d"), snapshot: snapshot, logLines: []) == [.hbotDoctor("btc_mm_binance_01")])
        #expect(controller.state.status?.contains("a few seconds") == true)
        #expect(
            controller.handle(.character("t"), snapshot: snapshot, logLines: []) == [.hbotStatus("btc_mm_binance_01")])
        controller.showReport(
            Report(
                title: "hbot doctor · btc_mm_binance_01 · healthy",
                lines: [
                    "install        ok    docker, hummingbot dev-2.18.0, python 3.11.2",
                    "clock          warn  could not reach a time source — offline? (trading needs network access)",
                ]))
        try Golden.check(render(controller.state, snapshot: snapshot).text, "hbot-doctor-120x36")
        _ = controller.handle(.escape, snapshot: snapshot, logLines: [])
        #expect(controller.state.overlay == nil)

        var quickstart = ConsoleController()
        _ = quickstart.handle(.down, snapshot: self.snapshot, logLines: [])
        _ = quickstart.handle(.enter, snapshot: self.snapshot, logLines: [])
        #expect(quickstart.handle(.character("d"), snapshot: self.snapshot, logLines: []).isEmpty)
        #expect(
            quickstart.state.status
                == "btc_mm_binance_01: hbot doctor and status answer only in a running bot that hbot runs")
    }

    /// A form from `hbot config` says which fields a running bot takes up live, and saves through hbot.
    @Test func aFormFromHbotSaysWhatAppliesLive() throws {
        var controller = ConsoleController()
        let file = "grid_h.yml (controller, through hbot config)"
        controller.showValuesForm(
            ValuesForm(
                instance: "btc_mm_binance_01",
                rows: [
                    .init(file: file, key: "total_amount_quote", value: "100", editable: true, live: true),
                    .init(file: file, key: "buy_spreads", value: "[list or block]", editable: false, live: true),
                    .init(file: file, key: "leverage", value: "20", editable: true, live: false),
                ], viaHbot: true))
        _ = press([.down, .backspace, .backspace, .character("5")], &controller)
        try Golden.check(render(controller.state).text, "values-form-hbot-120x36")
        #expect(
            press([.enter], &controller) == [
                .saveValues(
                    "btc_mm_binance_01", [.init(file: file, key: "leverage", value: "5", original: "20")], viaHbot: true
                )
            ])
    }
}

/// A console in read-only mode: every change refused with one clear line, watching and reading still work.
@Suite struct ReadOnlyConsoleTests {
    @Test func changesAreRefusedAndWatchingIsNot() throws {
        var snapshot = FleetFixture.snapshot
        snapshot.botsFolder = "/srv/bots"
        var controller = ConsoleController(readOnly: true)
        let selected = try #require(controller.state.selection(in: controller.state.visibleInstances(snapshot))?.name)
        for key in ["x", "s", "R", "D", "c", "e", "v", "r", "u", "b", "N"] {
            let commands = controller.handle(.character(Character(key)), snapshot: snapshot, logLines: [])
            // Nothing is done; the refusal alone goes to the audit log.
            guard case .refused(_, let target)? = commands.first, commands.count == 1 else {
                Issue.record("\(key): \(commands)")
                continue
            }
            #expect(target == selected)
            #expect(controller.state.overlay == nil)
            #expect(controller.state.status == "read-only mode: nothing can be changed from this console")
        }
        _ = controller.handle(.enter, snapshot: snapshot, logLines: [])
        #expect(controller.state.overlay == .details("avax_pmm_02"), "details still open")
        _ = controller.handle(.escape, snapshot: snapshot, logLines: [])
        #expect(controller.handle(.character("A"), snapshot: snapshot, logLines: []) == [.showAudit])
        let text = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
        #expect(text.split(separator: "\n").last?.hasPrefix(" READ-ONLY") == true || text.contains("read-only mode"))
    }
}

/// The broker from the console: made when there is none, after a confirmation that says how; too many bots on one warned.
@Suite struct BrokerOfferTests {
    @Test func bOffersToCreateAMissingBrokerAsTheConfigDescribesIt() throws {
        var snapshot = FleetFixture.snapshot
        snapshot.broker.state = nil
        var controller = ConsoleController(
            brokerOffer: BrokerOffer(image: "emqx:5", address: "127.0.0.1:1883", username: "hbdeck"))
        #expect(controller.handle(.character("b"), snapshot: snapshot, logLines: []).isEmpty, "nothing before y")
        guard case .confirm(let confirmation)? = controller.state.overlay else {
            Issue.record("a confirmation")
            return
        }
        #expect(confirmation.title == "Create the broker hummingbot-broker?")
        #expect(confirmation.steps[0] == "1. Create it from emqx:5 on 127.0.0.1:1883 only (restarted unless stopped).")
        #expect(confirmation.steps[1].contains("Only the user hbdeck gets in"))
        #expect(controller.handle(.character("y"), snapshot: snapshot, logLines: []) == [.createBroker])
        var without = ConsoleController()
        _ = without.handle(.character("b"), snapshot: snapshot, logLines: [])
        #expect(without.state.status == "no broker container named hummingbot-broker")
    }

    @Test func moreBotsThanTheMaximumAreWarnedInThePanel() throws {
        var snapshot = FleetFixture.snapshot
        snapshot.broker.botsHeard = 12
        snapshot.broker.maxBots = 10
        let text = ScreenComposer.compose(
            snapshot, state: ConsoleState(), logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
        #expect(text.contains("⚠ 12 bots (max 10)"))
        snapshot.broker.botsHeard = 10
        #expect(
            ScreenComposer.compose(
                snapshot, state: ConsoleState(), logLines: [], now: FleetFixture.now, width: 120, height: 36
            ).text.contains("10 bots heard"))
    }
}

/// `O`: every bot's open orders in one table, sorted and filtered like the instances.
@Suite struct OrdersViewTests {
    var snapshot: FleetSnapshot {
        var snapshot = FleetFixture.snapshot
        snapshot.instances[1].orders = [
            OrderFigures(
                id: "buy-ETH-1", tradingPair: "ETH-USDT", side: "BUY", price: 3_100, amount: 0.5,
                createdAt: FleetFixture.now - 5)
        ]
        return snapshot
    }

    @Test func ordersOfAllBotsSortAndFilter() throws {
        var controller = ConsoleController()
        _ = controller.handle(.character("O"), snapshot: snapshot, logLines: [])
        guard case .orders(let view)? = controller.state.overlay else {
            Issue.record("the orders view")
            return
        }
        #expect(
            view.rows(snapshot).map(\.order.id) == [
                "buy-ETH-1", "buy-BTC-USDT-1732538458123", "sell-BTC-USDT-1732538458124",
            ], "newest first")
        let text = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
        try Golden.check(text, "orders-120x36")
        for key: Key in [.character("o"), .character("o")] {
            _ = controller.handle(key, snapshot: snapshot, logLines: [])
        }
        guard case .orders(let byExchange)? = controller.state.overlay else { return }
        #expect(
            byExchange.sort == .exchange
                && byExchange.rows(snapshot).map(\.order.exchange) == [nil, "binance", "binance"], "unknown first")
        for key: Key in [.character("o"), .character("o"), .character("o")] {
            _ = controller.handle(key, snapshot: snapshot, logLines: [])
        }
        guard case .orders(let byPrice)? = controller.state.overlay else { return }
        #expect(byPrice.sort == .price && byPrice.rows(snapshot).first?.order.price == 97_310)
        for key: Key in [.character("/"), .character("e"), .character("t"), .character("h"), .enter] {
            _ = controller.handle(key, snapshot: snapshot, logLines: [])
        }
        guard case .orders(let filtered)? = controller.state.overlay else { return }
        #expect(filtered.rows(snapshot).map(\.bot) == ["eth_grid_kucoin_02"])
        for key: Key in [.character("/")] + Array(repeating: Key.backspace, count: 3)
            + "binance".map({ .character($0) }) + [.enter]
        {
            _ = controller.handle(key, snapshot: snapshot, logLines: [])
        }
        guard case .orders(let onBinance)? = controller.state.overlay else { return }
        #expect(onBinance.rows(snapshot).map(\.order.exchange) == ["binance", "binance"], "filtered by exchange")
        _ = controller.handle(.escape, snapshot: snapshot, logLines: [])
        #expect(controller.state.overlay == nil)
    }
}

/// `E`: the bots' warnings and errors, grouped with counts, a traceback kept whole, acknowledged with `a`.
@Suite struct ErrorsViewTests {
    var snapshot: FleetSnapshot {
        var snapshot = FleetFixture.snapshot
        let traceback =
            "Unexpected error running clock tick\nTraceback (most recent call last):\n  File \"clock.pyx\", line 98, in tick\nKeyError: 'BTC-USDT'"
        snapshot.instances[0].problems = [
            ProblemRecord(
                time: FleetFixture.now - 300, level: "ERROR", logger: "hummingbot.core.clock", message: traceback),
            ProblemRecord(
                time: FleetFixture.now - 60, level: "ERROR", logger: "hummingbot.core.clock", message: traceback),
            ProblemRecord(
                time: FleetFixture.now - 30, level: "WARNING", logger: "hummingbot.connector",
                message: "Rate limit near"),
        ]
        snapshot.instances[1].problems = [
            ProblemRecord(
                time: FleetFixture.now - 10, level: "ERROR", logger: "x",
                message: "Order rejected: insufficient balance")
        ]
        return snapshot
    }

    @Test func groupedNewestFirstOpenedWholeAndAcknowledged() throws {
        let groups = ErrorsView.groups(snapshot)
        #expect(
            groups.map(\.headline) == [
                "Order rejected: insufficient balance", "Rate limit near", "Unexpected error running clock tick",
            ])
        #expect(groups[2].count == 2 && groups[2].message.contains("KeyError: 'BTC-USDT'"))
        var controller = ConsoleController()
        let before = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
        #expect(before.contains("● 3 new (E)"), "warnings are listed but not counted as new errors")
        #expect(before.components(separatedBy: "\n")[0].contains("● 3 new errors"), "the header's badge")
        let badged = before.components(separatedBy: "\n").filter {
            $0.contains("●1 ") || $0.contains("●2 ") || $0.contains("●0 ") || $0.contains("●—")
        }
        #expect(
            badged.count == 2 && badged[0].contains(snapshot.instances[0].name)
                && badged[1].contains(snapshot.instances[1].name), "each bot's row has the badge: \(badged)")
        for key: Key in [.character("E"), .down, .down, .enter] {
            _ = controller.handle(key, snapshot: snapshot, logLines: [])
        }
        let opened = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
        #expect(
            opened.contains("  File \"clock.pyx\", line 98, in tick") && opened.contains("KeyError: 'BTC-USDT'"),
            "the whole traceback")
        try Golden.check(opened, "errors-120x36")
        _ = controller.handle(.character("a"), snapshot: snapshot, logLines: [])
        _ = controller.handle(.escape, snapshot: snapshot, logLines: [])
        controller.setStatus(nil)
        let after = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
        #expect(!after.contains("new (E)") && !after.contains("new errors"))
        #expect(
            !after.contains("●1 ") && !after.contains("●2 ") && !after.contains("●0 ") && !after.contains("●—"),
            "no row keeps a badge")
    }
}

/// The details screen's charts over an hour, a day or a week, from the history store.
@Suite struct HistoryChartsTests {
    @Test func resamplingAveragesEachBucketAndLeavesGaps() {
        let points: [(time: Double, value: Double?)] = [(0, 1), (5, 3), (25, 10), (26, nil), (39.9, 20), (99, 5)]
        #expect(
            HistoryCharts.resample(points, from: 0, to: 40, buckets: 4) == [2, nil, 10, 20],
            "0–10: mean of 1 and 3; 10–20 nothing; outside dropped")
    }

    @Test func hCyclesTheRangeAndAskedForHistoryIsShown() throws {
        let snapshot = FleetFixture.snapshot
        var controller = ConsoleController()
        _ = controller.handle(.down, snapshot: snapshot, logLines: [])
        _ = controller.handle(.enter, snapshot: snapshot, logLines: [])
        #expect(
            controller.handle(.character("h"), snapshot: snapshot, logLines: []) == [
                .loadHistory("btc_mm_binance_01", .hour)
            ])
        #expect(
            controller.handle(.character("h"), snapshot: snapshot, logLines: []) == [
                .loadHistory("btc_mm_binance_01", .day)
            ])
        let waiting = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
        #expect(waiting.contains("last 24h: reading the history…"))
        controller.showCharts(
            HistoryCharts(instance: "btc_mm_binance_01", range: .hour, from: 0, to: 1, series: [], samples: 0))
        #expect(controller.state.charts == nil, "an answer for another range is dropped")
        let values: [Double?] = (0..<60).map { $0 % 7 == 0 ? nil : Double($0) }
        controller.showCharts(
            HistoryCharts(
                instance: "btc_mm_binance_01", range: .day, from: FleetFixture.now - 86_400, to: FleetFixture.now,
                series: [
                    .init(title: "P&L", values: values),
                    .init(title: "Volume", values: values.map { $0.map { $0 * 100 } }),
                    .init(title: "CPU %", values: []), .init(title: "Memory", values: values),
                ],
                samples: 51))
        let text = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
        #expect(text.contains("P&L · last 24h") && text.contains("nothing recorded in this range"))
        try Golden.check(text, "details-24h-120x36")
        // X: the export dialog opens on the charts' range; ← → change a row, ⏎ asks for the file.
        #expect(controller.handle(.character("X"), snapshot: snapshot, logLines: []) == [])
        for key: Key in [.right, .right, .down, .right] { _ = controller.handle(key, snapshot: snapshot, logLines: []) }
        let dialog = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
        try Golden.check(dialog, "export-120x36")
        #expect(
            dialog.contains("◀ trades ▶") && dialog.contains("◀ the whole fleet ▶") && dialog.contains("◀ last 24h ▶"))
        for key: Key in [.down, .down, .left] { _ = controller.handle(key, snapshot: snapshot, logLines: []) }
        #expect(
            controller.handle(.enter, snapshot: snapshot, logLines: []) == [
                .exportHistory(.init(what: .trades, bot: nil, span: .day, format: .json))
            ])
        #expect(controller.state.overlay == .details("btc_mm_binance_01"), "back to the details")
        _ = controller.handle(.character("X"), snapshot: snapshot, logLines: [])
        for key: Key in [.down, .down, .right] { _ = controller.handle(key, snapshot: snapshot, logLines: []) }
        #expect(
            controller.handle(.enter, snapshot: snapshot, logLines: []) == [
                .exportHistory(.init(what: .samples, bot: "btc_mm_binance_01", span: .week, format: .csv))
            ])
        _ = controller.handle(.character("X"), snapshot: snapshot, logLines: [])
        #expect(
            controller.handle(.escape, snapshot: snapshot, logLines: []) == []
                && controller.state.overlay == .details("btc_mm_binance_01"), "Esc exports nothing")
        for _ in 0..<2 { _ = controller.handle(.character("h"), snapshot: snapshot, logLines: []) }
        #expect(controller.state.chartRange == .live && controller.state.charts == nil, "back to the live charts")
    }
}
