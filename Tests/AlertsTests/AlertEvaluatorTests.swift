import Foundation
import HBModel
import Testing

@testable import Alerts

/// The rules on fleets built by hand: each condition alerted once when it has held, resolved once when it ends.
struct AlertEvaluatorTests {
    let evaluator = AlertEvaluator(policy: AlertPolicy())

    func bot(
        _ name: String, state: InstanceState = .running, reason: String? = nil, health: BotHealth? = .online,
        restarts: Int? = 0, oom: Bool = false
    ) -> InstanceSnapshot {
        var bot = InstanceSnapshot(name: name, containerID: "id-\(name)", state: state, reason: reason, health: health)
        bot.restarts = restarts
        bot.oomKilled = oom
        return bot
    }

    func fleet(_ bots: [InstanceSnapshot], engine: EngineStatus = .live, at time: Double = 0) -> FleetSnapshot {
        FleetSnapshot(
            takenAt: time, endpoint: "unix:///var/run/docker.sock", engine: engine, instances: bots,
            broker: BrokerSnapshot(
                containerName: "hummingbot-broker", state: .running, address: "127.0.0.1:1883",
                link: .connected(since: 0)))
    }

    /// Runs the fleets in turn from an empty book, returning every notice and the last book.
    func run(_ steps: [(Double, FleetSnapshot)], from start: AlertBook = AlertBook()) -> ([AlertNotice], AlertBook) {
        var book = start
        var all: [AlertNotice] = []
        for (time, fleet) in steps {
            let (next, notices) = evaluator.evaluate(book, fleet: fleet, now: time)
            book = next
            all += notices
        }
        return (all, book)
    }

    @Test func anOOMKillIsOneAlertAndOneResolvedWithNoErrorBesideIt() {
        let killed = bot("mm", state: .error, reason: "OOM-killed (limit 64 MiB)", oom: true)
        let (notices, book) = run([
            (0, fleet([bot("mm")])), (2, fleet([killed])), (4, fleet([killed])), (6, fleet([killed])),
            (8, fleet([bot("mm", restarts: 0)])), (10, fleet([bot("mm")])),
        ])
        #expect(notices.map { "\($0.kind.rawValue) \($0.rule.rawValue)" } == ["fired oom", "resolved oom"])
        #expect(notices.first?.detail == "OOM-killed (limit 64 MiB)")
        #expect(book.active.isEmpty)
    }

    @Test func aBotInErrorIsAlertedWithItsReason() {
        let failed = bot("grid", state: .error, reason: "exited with code 1 · last: KeyError")
        let (notices, _) = run([(0, fleet([failed])), (2, fleet([failed])), (4, fleet([bot("grid", state: .stopped)]))])
        #expect(
            notices.map(\.headline) == [
                "grid: bot in Error · exited with code 1 · last: KeyError",
                "resolved · grid: bot in Error · now Stopped",
            ])
    }

    @Test func restartsWithinTheWindowAreACrashLoopUntilNoneIsLeftInIt() {
        let looping = { (count: Int) in
            self.bot("loop", state: .error, reason: "restarting in a loop (\(count) restarts)", restarts: count)
        }
        let (notices, book) = run([
            (0, fleet([bot("loop", restarts: 0)])), (10, fleet([looping(1)])), (20, fleet([looping(2)])),
            (30, fleet([looping(3)])), (40, fleet([looping(4)])), (300, fleet([bot("loop", restarts: 4)])),
            (700, fleet([bot("loop", restarts: 4)])),
        ])
        #expect(
            notices.map { "\($0.kind.rawValue) \($0.rule.rawValue)" } == ["fired crash_loop", "resolved crash_loop"])
        #expect(notices.first?.detail.hasPrefix("3 restarts within 600 s") == true)
        #expect(notices.last?.time == 700)
        #expect(book.restarts["loop"]?.seen.isEmpty == true)
    }

    @Test func twoRestartsADayApartAreNoCrashLoop() {
        let (notices, _) = run([
            (0, fleet([bot("slow", restarts: 0)])), (1000, fleet([bot("slow", restarts: 1)])),
            (2000, fleet([bot("slow", restarts: 2)])), (3000, fleet([bot("slow", restarts: 3)])),
        ])
        #expect(notices.isEmpty)
    }

    @Test func anUnresponsiveBotIsAlertedOnlyAfterItsThreshold() {
        let silent = bot("quiet", health: .unresponsive)
        var (notices, book) = run([(0, fleet([bot("quiet")])), (100, fleet([silent])), (159, fleet([silent]))])
        #expect(notices.isEmpty)
        (notices, book) = run(
            [(160, fleet([silent])), (170, fleet([silent])), (180, fleet([bot("quiet")]))], from: book)
        #expect(notices.map { "\($0.kind.rawValue) \($0.time)" } == ["fired 160.0", "resolved 180.0"])
        #expect(book.pending.isEmpty && book.active.isEmpty)
    }

    @Test func aBotNotYetHeardOrInspectedIsNeitherAlertedNorResolved() {
        let killed = bot("mm", state: .error, reason: "OOM-killed", oom: true)
        var (notices, book) = run([(0, fleet([killed]))])
        #expect(notices.count == 1)
        // A new recorder's first look: not inspected yet, not heard yet.
        (notices, book) = run([(2, fleet([bot("mm", state: .running, health: .unknown, restarts: nil)]))], from: book)
        #expect(notices.isEmpty)
        #expect(book.active.count == 1)
    }

    @Test func anOfflineEngineKeepsItsBotsConditionsAndIsAlertedAfterItsThreshold() {
        let killed = bot("mm", state: .error, reason: "OOM-killed", oom: true)
        let offline = EngineStatus.offline(reason: "connection refused", lastGood: 0)
        let (notices, book) = run([
            (0, fleet([killed])), (2, fleet([bot("mm")], engine: offline)), (31, fleet([bot("mm")], engine: offline)),
            (33, fleet([bot("mm")], engine: offline)), (40, fleet([killed])),
        ])
        #expect(
            notices.map { "\($0.kind.rawValue) \($0.rule.rawValue) \($0.subject)" } == [
                "fired oom mm", "fired engine unix:///var/run/docker.sock",
                "resolved engine unix:///var/run/docker.sock",
            ])
        #expect(book.active.keys.sorted() == ["oom|mm"])
    }

    @Test func aBrokerThatGoesAwayIsAlertedAfterItsThreshold() {
        var down = fleet([])
        down.broker.link = .disconnected(reason: "connection refused")
        down.broker.state = .stopped
        let (notices, _) = run([(0, fleet([])), (1, down), (20, down), (32, down), (40, fleet([]))])
        #expect(
            notices.map(\.headline) == [
                "broker hummingbot-broker: broker down · its container is Stopped",
                "resolved · broker hummingbot-broker: broker down · reachable again",
            ])
    }

    @Test func aDeletedBotsConditionsAreResolved() {
        let failed = bot("gone", state: .error, reason: "exited with code 1")
        let (notices, book) = run([(0, fleet([failed])), (2, fleet([]))])
        #expect(notices.map(\.kind) == [.fired, .resolved])
        #expect(notices.last?.detail == "no longer on the engine")
        #expect(book.active.isEmpty)
    }

    @Test func newErrorRecordsAreSaidOnceEach() {
        var noisy = bot("noisy")
        noisy.problems = [
            ProblemRecord(time: 5, level: "WARNING", logger: "x", message: "slow"),
            ProblemRecord(time: 6, level: "ERROR", logger: "x", message: "Unexpected error\nTraceback…"),
        ]
        var louder = noisy
        louder.problems.append(ProblemRecord(time: 9, level: "CRITICAL", logger: "x", message: "halted"))
        let (notices, _) = run([(6, fleet([noisy])), (8, fleet([noisy])), (10, fleet([louder]))])
        #expect(notices.map(\.detail) == ["1 new ERROR record: Unexpected error", "1 new CRITICAL record: halted"])
    }

    @Test func memoryNearItsLimitDoesNotFlapAroundTheThreshold() {
        func using(_ mib: UInt64) -> InstanceSnapshot {
            var b = bot("fat")
            b.resources.memoryUsed = mib << 20
            b.resources.memoryLimit = 100 << 20
            return b
        }
        let (notices, _) = run([
            (0, fleet([using(50)])), (2, fleet([using(91)])), (4, fleet([using(89)])), (6, fleet([using(92)])),
            (8, fleet([using(80)])),
        ])
        #expect(notices.map(\.kind) == [.fired, .resolved])
    }

    @Test func aBookReadBackFromItsFileRepeatsNothing() throws {
        let killed = bot("mm", state: .error, reason: "OOM-killed", oom: true)
        let (first, book) = run([(0, fleet([killed]))])
        #expect(first.count == 1)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alerts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try AlertBookFile(folder: folder).write(book)
        let (again, _) = run([(60, fleet([killed]))], from: AlertBookFile(folder: folder).read())
        #expect(again.isEmpty)
    }

    @Test func rulesTurnedOffSayNothing() throws {
        var policy = AlertPolicy()
        #expect(try policy.set("alert_rules", to: "engine, broker"))
        let quiet = AlertEvaluator(policy: policy)
        let failed = bot("grid", state: .error, reason: "exited with code 1")
        #expect(quiet.evaluate(AlertBook(), fleet: fleet([failed]), now: 0).1.isEmpty)
    }
}

extension AlertEvaluatorTests {
    @Test func anErrorThresholdWaitsForTheBotToStayInError() throws {
        var policy = AlertPolicy()
        #expect(try policy.set("alert_error_after", to: "30"))
        let patient = AlertEvaluator(policy: policy)
        let failed = bot("grid", state: .error, reason: "exited with code 1")
        var book = AlertBook()
        var said: [AlertNotice] = []
        for (time, state) in [(0.0, failed), (20, bot("grid")), (25, failed), (54, failed), (55, failed)] {
            let (next, notices) = patient.evaluate(book, fleet: fleet([state]), now: time)
            book = next
            said += notices
        }
        #expect(said.map(\.time) == [55], "back to Running at 20 s starts the wait over")
    }
}
