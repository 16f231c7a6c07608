import Docker
import HBModel
import HBTestSupport
import Testing

@testable import Monitor

/// The monitor's rules as a pure function: observations in, state and effects out, no engine and no time
/// passing. The rows and details come from the fake engine's JSON, as a real engine's would.
struct FleetCoreTests {
    let engine = FakeEngine()
    let now = 1_795_660_000.0

    /// The state after the engine was listed and every container inspected.
    func listed(_ containers: [String: FakeEngine.Container]) async throws -> FleetState {
        for (id, container) in containers { engine.put(id, container) }
        var (state, effects) = FleetCore.reconcile(
            FleetState(brokerContainer: "hummingbot-broker"),
            .listed(try await engine.listContainers(), firstFrame: false),
            now: now)
        for case .inspect(let requests) in effects {
            var inspections: [Inspection] = []
            for request in requests {
                inspections.append(
                    Inspection(
                        request: request, details: try await engine.inspectContainer(request.id.value), ending: nil))
            }
            (state, effects) = FleetCore.reconcile(state, .inspected(inspections, list: nil), now: now)
            #expect(effects.isEmpty)
        }
        return state
    }

    func event(_ action: String, _ id: String, _ attributes: [String: String] = [:], type: String = "container")
        -> FleetObservation
    {
        .event(
            DockerEvent(
                type: type, action: action, actor: .init(id: id, attributes: attributes), time: Int(now) + 5))
    }

    @Test func aDieEventIsShownFromWhatItCarriesAndReadWithOneInspect() async throws {
        let state = try await listed(["a": .init(name: "bot_a", state: "running")])
        let (next, effects) = FleetCore.reconcile(state, event("die", "a", ["exitCode": "1"]), now: now)
        let row = try #require(next.containers[ContainerID("a")])
        #expect(row.summary.state == "exited")
        #expect(row.summary.listedExitCode == 1)
        #expect(row.details?.state.status == "exited")
        #expect(row.details?.state.exitCode == 1)
        #expect(row.details?.state.running == false)
        #expect(row.details.flatMap { SnapshotBuilder.parseTime($0.state.finishedAt) } == now + 5)
        #expect(effects.first == .publish, "shown at once")
        #expect(
            asked(effects) == [
                InspectRequest(id: ContainerID("a"), key: FleetState.detailKey(row.summary), readsEnding: true)
            ],
            "then one inspect of that container, and no list")
        #expect(effects.count == 2)
    }

    /// The requests of `effects`, their order numbers left out.
    func asked(_ effects: [FleetEffect]) -> [InspectRequest] {
        effects.flatMap { effect -> [InspectRequest] in
            guard case .inspect(let requests) = effect else { return [] }
            return requests.map { InspectRequest(id: $0.id, key: $0.key, readsEnding: $0.readsEnding) }
        }
    }

    /// A list's inspect can be answered after an event it was asked before: its older answer must not undo
    /// what the event said (found under load: a bot shown Stopped after its start event until the next list).
    @Test func anInspectAskedBeforeAnEventDoesNotUndoIt() async throws {
        engine.put("a", .init(name: "bot_a", state: "exited", exitCode: 137))
        let rows = try await engine.listContainers()
        let stale = try await engine.inspectContainer("a")
        var (state, effects) = FleetCore.reconcile(
            FleetState(brokerContainer: "hummingbot-broker"), .listed(rows, firstFrame: false), now: now)
        let listRequest = try #require(
            effects.first.flatMap { if case .inspect(let all) = $0 { all.first } else { nil } })
        (state, _) = FleetCore.reconcile(
            state, .inspected([Inspection(request: listRequest, details: stale, ending: nil)], list: nil), now: now)
        // A newer list asks again; before its answer comes, the bot starts.
        (state, effects) = FleetCore.reconcile(state, .listed(rows, firstFrame: false), now: now)
        #expect(effects.isEmpty, "nothing changed: nothing to read")
        engine.put("a", .init(name: "bot_a", state: "running"))
        let older = InspectRequest(id: ContainerID("a"), key: nil, readsEnding: true, asked: state.learned)
        (state, effects) = FleetCore.reconcile(state, event("start", "a"), now: now)
        #expect(state.containers[ContainerID("a")]?.details?.state.running == true)
        (state, _) = FleetCore.reconcile(
            state, .inspected([Inspection(request: older, details: stale, ending: nil)], list: nil), now: now)
        #expect(state.containers[ContainerID("a")]?.details?.state.running == true, "the older answer is left out")
        let newer = try #require(effects.last.flatMap { if case .inspect(let all) = $0 { all.first } else { nil } })
        (state, _) = FleetCore.reconcile(
            state,
            .inspected(
                [Inspection(request: newer, details: try await engine.inspectContainer("a"), ending: nil)], list: nil),
            now: now)
        #expect(state.containers[ContainerID("a")]?.details?.state.running == true)
        #expect(state.containers[ContainerID("a")]?.readFor == newer.key, "the event's own inspect is taken")
    }

    @Test func anOOMKillIsKnownBeforeItsDieIsRead() async throws {
        var (state, _) = FleetCore.reconcile(
            try await listed(["a": .init(name: "bot_a", state: "running")]), event("oom", "a"), now: now)
        #expect(state.containers[ContainerID("a")]?.details?.state.oomKilled == true)
        (state, _) = FleetCore.reconcile(state, event("die", "a", ["exitCode": "137"]), now: now)
        let row = try #require(state.containers[ContainerID("a")])
        let shown = SnapshotBuilder.instance(
            summary: row.summary, details: row.details, pending: nil, bot: nil, linkEnabled: false, figures: nil,
            errorsLine: nil, now: now + 6, livenessTimeout: 30)
        #expect(shown.state == .error)
        #expect(shown.reason == "OOM-killed")
    }

    @Test func aStartAfterADieIsARunAgain() async throws {
        var (state, _) = FleetCore.reconcile(
            try await listed(["a": .init(name: "bot_a", state: "running")]), event("die", "a", ["exitCode": "1"]),
            now: now)
        (state, _) = FleetCore.reconcile(state, event("start", "a"), now: now)
        let details = try #require(state.containers[ContainerID("a")]?.details)
        #expect(details.state.running)
        #expect(details.state.exitCode == 0)
        #expect(SnapshotBuilder.parseTime(details.state.startedAt) == now + 5)
    }

    @Test func whatAnEventCannotSayIsListed() async throws {
        let state = try await listed(["a": .init(name: "bot_a", state: "running")])
        #expect(FleetCore.reconcile(state, event("create", "b"), now: now).1 == [.list])
        #expect(FleetCore.reconcile(state, event("rename", "a"), now: now).1 == [.list])
        #expect(FleetCore.reconcile(state, event("die", "unknown"), now: now).1 == [.list], "a container not seen yet")
        #expect(FleetCore.reconcile(state, event("connect", "net", type: "network"), now: now).1 == [.list])
        for quiet in ["exec_create: sh -c true", "exec_die", "attach", "resize", "kill", "stop", "top"] {
            let (next, effects) = FleetCore.reconcile(state, event(quiet, "a"), now: now)
            #expect(effects.isEmpty, "\(quiet)")
            #expect(next == state, "\(quiet) changes nothing")
        }
    }

    @Test func aDestroyedContainerLeavesAtItsEvent() async throws {
        let state = try await listed([
            "a": .init(name: "bot_a", state: "running"), "b": .init(name: "bot_b", state: "exited"),
        ])
        let (next, effects) = FleetCore.reconcile(state, event("destroy", "b"), now: now)
        #expect(next.tracked.map(\.summary.name) == ["bot_a"])
        #expect(effects == [.publish])
        #expect(FleetCore.reconcile(next, event("destroy", "b"), now: now).1.isEmpty, "gone already: nothing to show")
    }

    @Test func theFirstFrameInspectsOnlyWhatTheListCannotSayAndReadsItAgainLater() async throws {
        engine.put("a", .init(name: "bot_a", state: "running"))
        engine.put("b", .init(name: "bot_b", state: "exited", exitCode: 137))
        engine.put("c", .init(name: "bot_c", state: "exited", exitCode: 0))
        let rows = try await engine.listContainers()
        let empty = FleetState(brokerContainer: "hummingbot-broker")
        var (state, effects) = FleetCore.reconcile(empty, .listed(rows, firstFrame: true), now: now)
        #expect(asked(effects) == [InspectRequest(id: ContainerID("b"), key: nil, readsEnding: false)])
        let request = try #require(effects.first.flatMap { if case .inspect(let all) = $0 { all.first } else { nil } })
        (state, _) = FleetCore.reconcile(
            state,
            .inspected(
                [Inspection(request: request, details: try await engine.inspectContainer("b"), ending: nil)],
                list: nil), now: now)
        (_, effects) = FleetCore.reconcile(state, .listed(rows, firstFrame: false), now: now)
        #expect(
            effects.first.map { if case .inspect(let all) = $0 { all.map(\.id.value) } else { [] } } == ["a", "b", "c"])
    }

    @Test func anActionIsOnePerInstanceAndShownUntilTheEngineIsReadAfterIt() async throws {
        let name = ContainerName("bot_a")
        var state = try await listed(["a": .init(name: "bot_a", state: "running")])
        #expect(state.mayBegin(on: name))
        (state, _) = FleetCore.reconcile(state, .actionBegan(name, .stopping), now: now)
        #expect(!state.mayBegin(on: name), "a second action is refused while the first runs")
        #expect(state.pending[name] == .stopping)
        (state, _) = FleetCore.reconcile(state, .listAsked, now: now)
        let before = state.listsBegun
        let (ended, effects) = FleetCore.reconcile(state, .actionEnded(name), now: now)
        state = ended
        #expect(effects == [.list])
        #expect(state.mayBegin(on: name), "ended: the next action may begin")
        (state, _) = FleetCore.reconcile(state, .inspected([], list: before), now: now)
        #expect(state.pending[name] == .stopping, "a list asked before the end does not settle it")
        (state, _) = FleetCore.reconcile(state, .listAsked, now: now)
        (state, _) = FleetCore.reconcile(state, .inspected([], list: state.listsBegun), now: now)
        #expect(state.pending[name] == nil)
    }

    @Test func anEngineThatGoesAwayKeepsWhatWasKnownWithItsTime() async throws {
        let state = try await listed(["a": .init(name: "bot_a", state: "running")])
        let (next, _) = FleetCore.reconcile(state, .engineLost(reason: "connection refused"), now: now + 60)
        #expect(next.engine == .offline(reason: "connection refused", lastGood: now))
        #expect(next.tracked.map(\.summary.name) == ["bot_a"])
    }

    @Test func aStopNotedHereNamesOnlyTheRunItStopped() async throws {
        let name = ContainerName("bot_a")
        var (state, _) = FleetCore.reconcile(
            try await listed(["a": .init(name: "bot_a", state: "exited", exitCode: 137)]),
            .stopNoted(name, how: "stopped by hbdeck"), now: now)
        #expect(state.container(named: name)?.stoppedThisRun == "stopped by hbdeck")
        (state, _) = FleetCore.reconcile(state, event("start", "a"), now: now)
        #expect(state.container(named: name)?.stoppedThisRun == nil, "a new run")
    }
}
