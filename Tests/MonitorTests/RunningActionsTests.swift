import HBModel
import Testing

@testable import Monitor
@testable import Operations

/// The console's actions, held in one place: what runs, its latest step, and its end.
struct RunningActionsTests {
    /// Opens when told: an action that waits for it runs until the test lets it end.
    actor Gate {
        private var open = false
        private var waiting: [CheckedContinuation<Void, Never>] = []
        func wait() async {
            if open { return }
            await withCheckedContinuation { waiting.append($0) }
        }
        func release() {
            open = true
            waiting.forEach { $0.resume() }
            waiting = []
        }
    }

    @Test func actionsAreListedWithTheirStepsUntilTheyEnd() async throws {
        let actions = RunningActions(now: { 1_000 })
        let gate = Gate()
        let first = actions.run("rm", "bot_a") { step in
            step("stopping the container…")
            await gate.wait()
            return "bot_a: container removed"
        }
        let second = actions.run("stop", "bot_b") { _ in
            await gate.wait()
            return "stopped bot_b"
        }
        #expect(actions.current.map(\.target) == ["bot_a", "bot_b"])
        #expect(actions.current.allSatisfy { $0.started == 1_000 })
        // The step is noted as it is reported.
        while actions.current.first?.step == nil { await Task.yield() }
        #expect(actions.current.first?.step == "stopping the container…")
        #expect(actions.result(of: first) == nil)

        await gate.release()
        await actions.waitUntilNoneRuns()
        #expect(actions.isEmpty)
        #expect(actions.result(of: first) == "bot_a: container removed")
        #expect(actions.result(of: second) == "stopped bot_b")
        #expect(actions.list.current.value.isEmpty, "the screen's list is empty too")
    }

    @Test func waitingCoversActionsStartedWhileItWaits() async {
        let actions = RunningActions()
        let gate = Gate()
        let later = Gate()
        actions.run("rm", "bot_a") { _ in
            await gate.wait()
            actions.run("create", "bot_c") { _ in
                await later.wait()
                return "created bot_c"
            }
            return "removed"
        }
        let waiting = Task { await actions.waitUntilNoneRuns() }
        await gate.release()
        while actions.current.map(\.target) != ["bot_c"] { await Task.yield() }
        await later.release()
        await waiting.value
        #expect(actions.isEmpty)
    }

    @Test func anActionThatEndsAtOnceIsNotKept() async {
        let actions = RunningActions()
        let id = actions.run("upload", "a.py") { _ in "uploaded" }
        await actions.waitUntilNoneRuns()
        #expect(actions.isEmpty)
        #expect(actions.result(of: id) == "uploaded")
    }
}
