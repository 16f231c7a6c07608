import BotLink
import Docker
import Foundation
import HBModel
import HBTestSupport
import Synchronization
import Testing

@testable import Monitor

/// A container log that tests write to: per instance, a queue of chunks; `failures` makes the next opens
/// fail as an engine that went away does.
final class FakeLogSource: ContainerLogSource {
    private let state = Mutex<
        (
            continuations: [String: AsyncThrowingStream<[LogChunk], any Error>.Continuation], failures: Int,
            opens: [String], asked: [(tail: Int?, since: Double?)]
        )
    >(([:], 0, [], []))

    func failNext(_ count: Int) { state.withLock { $0.failures = count } }
    var opens: [String] { state.withLock { $0.opens } }
    /// The tail and since of each open, in order.
    var asked: [(tail: Int?, since: Double?)] { state.withLock { $0.asked } }

    func write(_ name: String, _ lines: [String], at time: Double = Date().timeIntervalSince1970) {
        let stamp = Date(timeIntervalSince1970: time).formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeSeparator(.colon))
        let chunks = lines.map { LogChunk(source: .stdout, bytes: Array("\(stamp) \($0)\n".utf8)) }
        _ = state.withLock { $0.continuations[name] }?.yield(chunks)
    }

    /// Names with no container, as an undeployed folder's: opening their log is the engine's 404.
    let missing: Set<String>

    init(missing: Set<String> = []) {
        self.missing = missing
    }

    func errorsLog(of name: String, count: Int) async throws -> [String] { [] }

    func follow(_ name: String, tail: Int?, since: Double?) async throws -> any AsyncSequence<[LogChunk], any Error>
        & Sendable
    {
        let failing = state.withLock { s -> Bool in
            s.opens.append(name)
            s.asked.append((tail, since))
            guard s.failures > 0 else { return false }
            s.failures -= 1
            return true
        }
        if missing.contains(name) { throw DockerError.notFound(message: "No such container: \(name)") }
        if failing { throw DockerError.unreachable(endpoint: "fake", reason: "the engine is offline") }
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: [LogChunk].self)
        state.withLock { $0.continuations[name] = continuation }
        return stream
    }
}

@Suite struct LogFeedTests {
    /// A pane that fell behind skips ahead to the log's last lines newer than those it showed, not to the
    /// present: a container that ended meanwhile still shows its last lines.
    @Test func aSkipAheadGoesOnFromTheLogsLastLines() async throws {
        let source = FakeLogSource()
        let feed = LogFeed(capacity: 100, retryDelay: 0.05, skipAheadAfter: 0.2)
        await feed.follow("bot_a", source: source, bots: nil)
        #expect(try await eventually(within: 20) { source.opens.count == 1 })
        // A line written just after the follow opened, read half a second later: the pane is behind.
        let shown = Date().timeIntervalSince1970 + 0.05
        try await Task.sleep(for: .milliseconds(500))
        source.write("bot_a", ["late line"], at: shown)
        #expect(try await eventually(within: 20) { source.opens.count == 2 }, "fell behind: followed again")
        let again = try #require(source.asked.last)
        #expect(again.tail == LogFeed.linesAfterSkip)
        #expect(
            abs((again.since ?? 0) - shown) < 0.01, "newer than the last line shown: \(String(describing: again.since))"
        )
        #expect(
            try await eventually(within: 20) {
                feed.state.current.value.lines.contains { $0.message.hasPrefix("— skipped about") }
            })
    }

    @Test func aLateLineOfAnEarlierFollowIsNeverShownUnderTheNewName() async throws {
        let source = FakeLogSource()
        let feed = LogFeed(capacity: 100, retryDelay: 0.05)
        await feed.follow("bot_a", source: source, bots: nil)
        #expect(try await eventually(within: 20) { source.opens.contains("bot_a") })
        source.write("bot_a", ["a-1"])
        #expect(try await eventually(within: 20) { feed.state.current.value.lines.map(\.message).contains("a-1") })
        await feed.follow("bot_b", source: source, bots: nil)
        source.write("bot_a", ["a-late"])  // the old follow delivers after the switch
        #expect(try await eventually(within: 20) { source.opens.contains("bot_b") })
        source.write("bot_b", ["b-1"])
        #expect(try await eventually(within: 20) { feed.state.current.value.lines.map(\.message).contains("b-1") })
        let state = feed.state.current.value
        #expect(state.name == "bot_b")
        #expect(!state.lines.map(\.message).contains("a-late"))
        #expect(!state.lines.map(\.message).contains("a-1"))
        #expect(await feed.lines(of: "bot_a") == nil, "nothing of bot_a can be saved as bot_b's")
    }

    @Test func theLogResumesAfterTheEngineComesBack() async throws {
        let source = FakeLogSource()
        source.failNext(20)  // an outage long enough to be published (0.05 s between attempts)
        let feed = LogFeed(capacity: 100, retryDelay: 0.05)
        await feed.follow("bot_a", source: source, bots: nil)
        #expect(
            try await eventually(within: 20) {
                if case .unavailable = feed.state.current.value.status { return true } else { return false }
            })
        #expect(try await eventually(within: 20) { source.opens.count == 21 })
        source.write("bot_a", ["back again"])
        #expect(
            try await eventually(within: 20) { feed.state.current.value.lines.map(\.message).contains("back again") })
        let state = feed.state.current.value
        #expect(state.status == .following)
        #expect(state.lines.contains { $0.message.hasPrefix("log unavailable:") }, "the outage is said once")
        #expect(state.lines.filter { $0.message.hasPrefix("log unavailable:") }.count == 1)
        #expect(state.lines.contains { $0.message == "— log resumed —" })
    }

    /// An undeployed folder has no container: its pane says so once, as what it is, not as an outage.
    @Test func anInstanceWithNoContainerSaysSoNotUnavailable() async throws {
        let source = FakeLogSource(missing: ["folder_only"])
        let feed = LogFeed(capacity: 100, retryDelay: 0.05)
        await feed.follow("folder_only", source: source, bots: nil)
        #expect(try await eventually(within: 20) { feed.state.current.value.status == .noContainer })
        #expect(
            try await eventually(within: 20) { source.opens.count >= 3 }, "retried, as it may be deployed meanwhile")
        let lines = feed.state.current.value.lines.map(\.message)
        #expect(lines == ["no container named folder_only (not deployed): no container log until it is"])
    }
}
