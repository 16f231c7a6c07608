import Canvas
import HBModel
import Testing

@testable import Console

@Suite struct ScreenRenderTests {
    func render(
        _ state: ConsoleState = ConsoleState(), snapshot: FleetSnapshot = FleetFixture.snapshot, width: Int = 120,
        height: Int = 36
    ) -> CellGrid {
        ScreenComposer.compose(
            snapshot, state: state, logLines: FleetFixture.logLines, now: FleetFixture.now, width: width, height: height
        )
    }

    @Test func mainScreenAt120x36() throws {
        try Golden.check(render().text, "main-120x36")
    }

    @Test func narrowTerminalsDropColumnsFromTheRight() throws {
        let wide = render()
        #expect(wide.row(2).contains("MEM"))
        let grid = render(width: 80, height: 24)
        try Golden.check(grid.text, "main-80x24")
        #expect(!grid.row(2).contains("MEM"))
        #expect(grid.row(0).hasSuffix("09:46:40") || grid.row(0).contains(":"), "the clock stays")
        #expect(grid.text.contains("P&L"))
        #expect(grid.text.contains("btc_mm_binance_01"))
    }

    @Test func tinyTerminalsGetAClearMessage() throws {
        let grid = render(width: 60, height: 18)
        #expect(grid.row(0) == " hbdeck needs at least 80×24 — this terminal is 60×18.")
        #expect(grid.row(1) == " Enlarge it, or press q to quit.")
    }

    @Test func anErrorRowShowsItsReasonAndUnknownIsADash() {
        let text = render().text
        #expect(text.contains("OOM-killed (limit 512.0MiB) · last: MemoryError in arb_sol.py:88"))
        let solRow = text.split(separator: "\n").first { $0.contains("sol_arb_01") } ?? ""
        #expect(solRow.contains("—"))
        #expect(!solRow.contains(" 0 "))
    }

    @Test func offlineEngineSaysSoWithTheAgeOfWhatIsShown() {
        var snapshot = FleetFixture.snapshot
        snapshot.engine = .offline(reason: "connection refused", lastGood: FleetFixture.now - 76)
        let grid = render(snapshot: snapshot)
        #expect(grid.row(0).contains("● OFFLINE — showing state from"))
        #expect(grid.row(0).contains("(1m16s ago), retrying"))
        #expect(grid.row(4).contains("btc_mm_binance_01"))
        #expect(grid[3, 4].text == "b")
        #expect(grid[3, 4].role == .stale, "every row is dimmed while offline")
    }

    /// The help, scrolled from top to bottom: every screen of it, one after the other.
    func wholeHelp(width: Int, height: Int) -> String {
        var controller = ConsoleController()
        _ = controller.handle(.character("?"), snapshot: FleetFixture.snapshot, logLines: [])
        var seen = render(controller.state, width: width, height: height).text
        for _ in 0..<120 {
            _ = controller.handle(.character("j"), snapshot: FleetFixture.snapshot, logLines: [])
            seen += render(controller.state, width: width, height: height).text
        }
        return seen
    }

    @Test func helpIsGeneratedFromTheKeyTable() throws {
        var controller = ConsoleController()
        _ = controller.handle(.character("?"), snapshot: FleetFixture.snapshot, logLines: [])
        try Golden.check(render(controller.state).text, "help-120x36")
        let text = wholeHelp(width: 120, height: 36)
        for binding in Keymap.bindings {
            #expect(text.contains(binding.help), "help lists \(binding.help)")
        }
        for context in Keymap.Context.allCases {
            #expect(text.contains(context.rawValue), "help has a section for \(context)")
        }
    }

    /// At 80×24 the help does not fit: it scrolls, and scrolled through it lists every binding.
    @Test func helpScrollsThroughEveryBindingOnTheSmallestTerminal() throws {
        var controller = ConsoleController()
        _ = controller.handle(.character("?"), snapshot: FleetFixture.snapshot, logLines: [])
        let first = render(controller.state, width: 80, height: 24).text
        try Golden.check(first, "help-80x24")
        #expect(first.contains("j k scroll · Esc or ? closes this help"))
        let seen = wholeHelp(width: 80, height: 24)
        for binding in Keymap.bindings {
            #expect(seen.contains(binding.help), "help lists \(binding.help)")
        }
        _ = controller.handle(.character("j"), snapshot: FleetFixture.snapshot, logLines: [])
        _ = controller.handle(.escape, snapshot: FleetFixture.snapshot, logLines: [])
        #expect(controller.state.overlay == nil && controller.state.helpScroll == 0)
    }

    /// A quit while actions run waits for them on screen, each with its step, and says how to leave them.
    @Test func quittingWhileActionsRunSaysWhatItWaitsFor() throws {
        var controller = ConsoleController()
        let running = [
            RunningAction(
                id: 1, action: "rm", target: "btc_mm_binance_01", started: FleetFixture.now - 12,
                step: "stopping the container…"),
            RunningAction(id: 2, action: "stop", target: "eth_grid_kucoin_02", started: FleetFixture.now - 3),
        ]
        controller.waitToQuit(running)
        let text = render(controller.state).text
        #expect(text.contains("Quitting once these 2 actions end at a safe point"))
        #expect(text.contains("rm btc_mm_binance_01 · 12 s"))
        #expect(text.contains("│   stopping the container…"))
        #expect(text.contains("stop eth_grid_kucoin_02 · 3 s"))
        #expect(text.contains("│   starting…"))
        // A long step goes on over a second line; the box keeps to the screen.
        var long = running
        long[0].step =
            "stopping btc_mm_binance_01: bot stopped (200), wound down in 1.0 s (seen in its container's output) · container stopping…"
        controller.waitToQuit(long)
        let narrow = render(controller.state, width: 80, height: 24).text
        #expect(
            narrow.contains("│   stopping btc_mm_binance_01: bot stopped (200), wound down in 1.0 s (seen │"),
            "\(narrow)")
        #expect(narrow.contains("│   in its container's output) · container stopping…"), "\(narrow)")
        controller.waitToQuit(running)
        #expect(text.contains("[ q  quit now, leave them ]"))
        // Only q does anything while it waits; the table's keys are not taken.
        for key in [Key.character("x"), .character("D"), .enter, .escape, .character("y")] {
            #expect(controller.handle(key, snapshot: FleetFixture.snapshot, logLines: []).isEmpty)
        }
        #expect(controller.handle(.character("q"), snapshot: FleetFixture.snapshot, logLines: []) == [.quitNow])
        controller.stillRunning([])
        #expect(render(controller.state).text.contains("nothing runs any more: quitting…"))
    }

    /// Every key an overlay takes is in the key table: its actions come from there.
    @Test func overlayKeysComeFromTheKeyTable() {
        var controller = ConsoleController()
        _ = controller.handle(.character("E"), snapshot: FleetFixture.snapshot, logLines: [])
        _ = controller.handle(.character("a"), snapshot: FleetFixture.snapshot, logLines: [])
        #expect(controller.state.status == "errors acknowledged: the footer counts only newer ones")
        _ = controller.handle(.character("q"), snapshot: FleetFixture.snapshot, logLines: [])
        #expect(controller.state.overlay == nil)
        for context in [Keymap.Context.confirm, .orders, .errors, .report, .help, .quitting] {
            #expect(!Keymap.bindings(in: context).isEmpty, "\(context) has its keys in the table")
        }
    }

    @Test func stopConfirmationSaysExactlyWhatWillHappen() throws {
        var controller = ConsoleController()
        _ = controller.handle(.down, snapshot: FleetFixture.snapshot, logLines: [])
        let commands = controller.handle(.character("x"), snapshot: FleetFixture.snapshot, logLines: [])
        #expect(commands.isEmpty, "nothing happens before the operator confirms")
        let text = render(controller.state).text
        #expect(text.contains("Stop btc_mm_binance_01?"))
        #expect(text.contains("1. Ask the bot to stop over MQTT; it cancels its 4 open orders."))
        #expect(text.contains("2. Once it says it wound down, end the container (else 30 s, then kill)."))
        #expect(text.contains("[ k  Skip step 1 ]"))
        try Golden.check(text, "confirm-stop-120x36")
    }

    @Test func logPaneShowsLevelsAndErrorsLog() {
        let grid = render()
        let text = grid.text
        #expect(text.contains("12:41:01") == false || text.contains("ERROR"))
        #expect(text.contains("ERROR errors.log Invalid password."))
        #expect(text.contains("Logs · avax_pmm_02 · following · 4 lines"))
    }

    @Test(arguments: [ConsoleState.Editing.filter])
    func filterNarrowsTheTable(_ editing: ConsoleState.Editing) {
        var controller = ConsoleController()
        let snapshot = FleetFixture.snapshot
        _ = controller.handle(.character("/"), snapshot: snapshot, logLines: [])
        #expect(controller.state.editing == editing)
        for c in "error" { _ = controller.handle(.character(c), snapshot: snapshot, logLines: []) }
        _ = controller.handle(.enter, snapshot: snapshot, logLines: [])
        let rows = controller.state.visibleInstances(snapshot)
        #expect(rows.map(\.name) == ["sol_arb_01"])
        #expect(render(controller.state).text.contains("Instances 1 ── filter: error"))
    }
}

@Suite struct DetailsRenderTests {
    @Test func enterOpensTheSelectedInstancesDetailsAndEscReturns() throws {
        var controller = ConsoleController()
        let snapshot = FleetFixture.snapshot
        _ = controller.handle(.down, snapshot: snapshot, logLines: [])
        _ = controller.handle(.enter, snapshot: snapshot, logLines: [])
        #expect(controller.state.overlay == .details("btc_mm_binance_01"))
        let text = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
        #expect(text.contains("Details · btc_mm_binance_01 · Esc returns"))
        #expect(text.contains("Open orders    4"))
        #expect(text.contains("Memory         212.0MiB / 1.0GiB"))
        try Golden.check(text, "details-120x36")
        _ = controller.handle(.escape, snapshot: snapshot, logLines: [])
        #expect(controller.state.overlay == nil)
    }

    @Test func aCrashedBotsDetailsShowHowItEnded() throws {
        var snapshot = FleetFixture.snapshot
        let index = try #require(snapshot.instances.firstIndex { $0.name == "sol_arb_01" })
        snapshot.instances[index].crashTraceback = [
            "Traceback (most recent call last):",
            "  File \"/home/hummingbot/bin/hummingbot_quickstart.py\", line 214, in <module>",
            "    main()",
            "  File \"/home/hummingbot/scripts/arb_sol.py\", line 88, in on_tick",
            "    self.book.extend(levels)",
            "MemoryError",
        ]
        var controller = ConsoleController()
        _ = controller.handle(.character("/"), snapshot: snapshot, logLines: [])
        for c in "sol_arb" { _ = controller.handle(.character(c), snapshot: snapshot, logLines: []) }
        _ = controller.handle(.enter, snapshot: snapshot, logLines: [])
        _ = controller.handle(.enter, snapshot: snapshot, logLines: [])
        #expect(controller.state.overlay == .details("sol_arb_01"))
        let text = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 120, height: 36
        ).text
        #expect(
            text.contains("How it ended (errors.log)") && text.contains("line 88, in on_tick")
                && text.contains("  MemoryError"))
        try Golden.check(text, "details-crashed-120x36")
    }
}
