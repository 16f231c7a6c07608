import Foundation
import HBModel
import Testing

@testable import Monitor

/// The history store: samples while bots run, one row per run closed when it stops, ranges exact,
/// two writers at once losing nothing.
@Suite struct HistoryStoreTests {
    func temporaryPath() -> String {
        NSTemporaryDirectory() + "hbdeck-history-\(UInt32.random(in: 0...UInt32.max))/history.sqlite"
    }

    func fleet(at time: Double, state: InstanceState, pnl: Double, started: Double = 1000, finished: Double? = nil)
        -> FleetSnapshot
    {
        var bot = InstanceSnapshot(
            name: "bot_1", image: "hummingbot/hummingbot:latest", state: state, startedAt: started, strategy: "pmm.yml",
            pnl: pnl, trades: 3, volume: 120)
        bot.finishedAt = finished
        bot.resources = ResourceFigures(cpuPercent: 1.5, memoryUsed: 200 << 20)
        return FleetSnapshot(
            takenAt: time, endpoint: "unix:///x", engine: .live, instances: [bot],
            broker: BrokerSnapshot(containerName: "b", address: "a"))
    }

    @Test func samplesAndRunsAreKeptAndRangesAreExact() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = try HistoryStore(path: path)
        try await store.record(fleet(at: 1010, state: .running, pnl: 1))
        try await store.record(fleet(at: 1020, state: .running, pnl: 2))
        try await store.record(fleet(at: 1030, state: .stopped, pnl: 2.5, finished: 1025))
        try await store.record(fleet(at: 1040, state: .stopped, pnl: 2.5))
        try await store.record(fleet(at: 2010, state: .running, pnl: 0.1, started: 2000))
        let samples = try await store.samples()
        #expect(samples.map(\.time) == [1010, 1020, 2010], "samples only while running")
        #expect(samples[1].pnl == 2 && samples[1].trades == 3 && samples[1].memoryBytes == 200 << 20)
        #expect(
            try await store.samples(from: 1015, to: 2010).map(\.time) == [1020, 2010],
            "both ends included, nothing else")
        let runs = try await store.runs(bot: "bot_1")
        #expect(runs.count == 2)
        #expect(
            runs[0].startedAt == 1000 && runs[0].stoppedAt == 1025 && runs[0].pnl == 2.5 && runs[0].config == "pmm.yml",
            "closed at the container's own end")
        #expect(runs[1].stoppedAt == nil)
        #expect(try await store.runs(from: 1500, to: 1900).isEmpty, "no run overlaps that range")
        #expect(try await store.samples(bot: "other").isEmpty)
        // Restarted without being seen stopped: the run before ends when the new one starts; gone: closed too.
        try await store.record(fleet(at: 3010, state: .running, pnl: 0, started: 3000))
        #expect(try await store.runs(bot: "bot_1").map(\.stoppedAt) == [1025, 3000, nil])
        try await store.record(
            FleetSnapshot(
                takenAt: 4000, endpoint: "unix:///x", engine: .live, instances: [],
                broker: BrokerSnapshot(containerName: "b", address: "a")))
        #expect(try await store.runs(bot: "bot_1").map(\.stoppedAt) == [1025, 3000, 4000])
        try await store.prune(olderThan: 1, now: 1021 + 86_400)
        #expect(try await store.samples().map(\.time) == [2010, 3010])
    }

    @Test func aConsoleAndARecorderWritingAtOnceLoseNothing() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let first = try HistoryStore(path: path)
        let second = try HistoryStore(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (offset, store) in [first, second].enumerated() {
                group.addTask {
                    for index in 0..<100 {
                        try await store.record(
                            self.fleet(at: Double(10_000 + index * 2 + offset), state: .running, pnl: Double(index)))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await first.samples().count == 200)
    }
}

extension HistoryStoreTests {
    /// A range bound copied from an export (shown to the millisecond) takes in the sample it was read from.
    /// `hbdeck record` on this machine's engine and a console watching it and another host write one store: each
    /// closes only the runs of the bots it watches, so neither ends the other's (this machine's bots keep their
    /// own names in both; the other host's are `HOST/NAME`).
    @Test func recordersOfDifferentEnginesDoNotEndEachOthersRuns() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = try HistoryStore(path: path)
        var remote = fleet(at: 1010, state: .running, pnl: 1)
        remote.instances[0].name = "hostb/bot_9"
        let local = fleet(at: 1010, state: .running, pnl: 1)
        try await store.record(
            FleetSnapshot(
                takenAt: 1010, endpoint: "x", engine: .live, instances: local.instances + remote.instances,
                broker: local.broker),
            owns: { !$0.contains("/") || $0.hasPrefix("hostb/") })
        for time in [1020.0, 1030, 1040] {
            try await store.record(fleet(at: time, state: .running, pnl: 2))  // hbdeck record: this machine only
        }
        #expect(
            try await store.runs(bot: "hostb/bot_9").map(\.stoppedAt) == [nil], "the console's other host stays open")
        #expect(try await store.runs(bot: "bot_1").map(\.stoppedAt) == [nil])
        try await store.record(
            FleetSnapshot(takenAt: 1050, endpoint: "x", engine: .live, instances: [], broker: local.broker))
        #expect(
            try await store.runs(bot: "bot_1").map(\.stoppedAt) == [1050],
            "gone from this machine: ended by its recorder")
        #expect(try await store.runs(bot: "hostb/bot_9").map(\.stoppedAt) == [nil])
    }

    @Test func aBoundShownToTheMillisecondIncludesItsRow() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = try HistoryStore(path: path)
        try await store.record(fleet(at: 1_795_682_919.6157, state: .running, pnl: 1))
        #expect(try await store.samples(from: 1_795_682_919.616).count == 1, "shown as …19.616Z, rounded up")
        #expect(try await store.samples(to: 1_795_682_919.616).count == 1, "as an upper bound too")
        #expect(try await store.samples(from: 1_795_682_919.617).isEmpty)
    }
}
