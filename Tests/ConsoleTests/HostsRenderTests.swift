import Canvas
import HBModel
import Testing

@testable import Console

/// The console over several engines: a HOST column, each engine's state in the header, a total per host,
/// and one engine that does not answer greying only its own rows.
@Suite struct HostsRenderTests {
    @Test func eachHostIsShownAndAnOfflineOneGreysOnlyItsRows() throws {
        let snapshot = FleetFixture.hosts
        var controller = ConsoleController()
        let grid = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 160, height: 40)
        let text = grid.text
        try Golden.check(text, "hosts-160x40")
        let header = text.components(separatedBy: "\n")[0]
        #expect(header.contains("hosta ● live  hostb ● live  hostc ● OFFLINE 1m00s"), "\(header)")
        #expect(text.contains("TOTAL hosta") && text.contains("TOTAL hostb") && text.contains("TOTAL hostc"))
        let rows = text.components(separatedBy: "\n")
        let solRow = try #require(rows.firstIndex { $0.contains("sol_arb_01") })
        #expect(
            rows[solRow].contains("hostb") && !rows[solRow].contains("hostb/"),
            "the NAME column has the container's name, HOST the host")
        // Roles: hostc's row is stale, hostb's is not.
        let newRow = try #require(rows.firstIndex { $0.contains("new_bot_in_folder") })
        let avaxRow = try #require(rows.firstIndex { $0.contains("avax_pmm_02") })
        let nameX = try #require(rows[newRow].range(of: "new_bot_in_folder")).lowerBound.utf16Offset(in: rows[newRow])
        #expect(grid[nameX, newRow].role == .stale && grid[nameX, avaxRow].role != .stale)

        // An action on a bot of the engine that does not answer does nothing and says why.
        _ = controller.handle(.end, snapshot: snapshot, logLines: [])
        #expect(
            controller.state.selection(in: controller.state.visibleInstances(snapshot))?.name
                == "hostc/new_bot_in_folder")
        #expect(controller.handle(.character("s"), snapshot: snapshot, logLines: []).isEmpty)
        #expect(controller.state.status == "hostc's Docker engine is offline: nothing was done")
        // The broker panel shows the selected bot's host's broker.
        let remote = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 160, height: 40
        ).text
        #expect(remote.contains("Broker · hostc · hummingbot-broker") && remote.contains("hbdeck-test/mosquitto:2"))
        // b acts on the selected bot's host's broker, and says which.
        #expect(
            controller.handle(.character("b"), snapshot: snapshot, logLines: []).isEmpty
                && controller.state.status == "hostc's Docker engine is offline: nothing was done")
        _ = controller.handle(.home, snapshot: snapshot, logLines: [])
        for _ in 0..<2 { _ = controller.handle(.down, snapshot: snapshot, logLines: []) }
        #expect(controller.state.selection(in: controller.state.visibleInstances(snapshot))?.host == "hostb")
        _ = controller.handle(.character("b"), snapshot: snapshot, logLines: [])
        let confirm = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 160, height: 40
        ).text
        #expect(
            confirm.contains("Stop the broker hummingbot-broker on hostb?")
                && confirm.contains("0 online bots on hostb lose their link"), "\(confirm)")
        #expect(controller.handle(.character("y"), snapshot: snapshot, logLines: []) == [.stopBroker(host: "hostb")])
        // Filtering by host: the host is part of every name.
        for key: Key in [.character("/")] + "hostb".map { .character($0) } + [.enter] {
            _ = controller.handle(key, snapshot: snapshot, logLines: [])
        }
        #expect(controller.state.visibleInstances(snapshot).map(\.host) == ["hostb", "hostb"])
    }

    /// `o` offers a sort by host only where several engines are watched; it follows the config's order of the
    /// hosts, not the alphabet, and names within each host.
    @Test func sortingByHostFollowsTheConfigsOrder() {
        var snapshot = FleetFixture.hosts
        snapshot.hosts = [snapshot.hosts[2], snapshot.hosts[0], snapshot.hosts[1]]
        var controller = ConsoleController()
        var seen: [ConsoleState.SortKey] = []
        for _ in 0..<5 {
            _ = controller.handle(.character("o"), snapshot: snapshot, logLines: [])
            seen.append(controller.state.sort)
        }
        #expect(seen == [.state, .pnl, .cpu, .host, .name])
        _ = controller.handle(.character("o"), snapshot: snapshot, logLines: [])
        for _ in 0..<3 { _ = controller.handle(.character("o"), snapshot: snapshot, logLines: []) }
        let rows = controller.state.visibleInstances(snapshot)
        #expect(rows.map(\.host) == ["hostc", "hosta", "hosta", "hostb", "hostb"])
        #expect(rows[1].name < rows[2].name && rows[3].name < rows[4].name)
        let text = ScreenComposer.compose(
            snapshot, state: controller.state, logLines: [], now: FleetFixture.now, width: 160, height: 40
        ).text
        #expect(text.contains("sort: host"))

        var single = ConsoleController()
        let one = FleetFixture.snapshot
        for _ in 0..<4 { _ = single.handle(.character("o"), snapshot: one, logLines: []) }
        #expect(single.state.sort == .name, "one engine: cpu → name, no host step")
    }
}
