import BotLink
import Docker
import Foundation
import HBModel

/// The followed instance's log for the log pane: the container log (stdout and stderr), the bot's
/// `errors.log`, and MQTT log lines merged with it (`LogMerger`). Bounded in lines and bytes.
///
/// Every follow has a generation number; what an earlier follow delivers late is dropped, so the pane never
/// shows one instance's lines under another's name. The container log is read again after the engine comes
/// back. Lines are taken in one batch per chunk the engine sends and published at most four times a second;
/// when the pane falls more than `skipAheadAfter` seconds behind a flood, it skips to the log's last lines
/// (so a log that ended meanwhile still shows how it ended) and says about how many lines it left out.
public actor LogFeed {
    public nonisolated let state: LatestValue<LogFeedState>
    private let capacity: Int
    private let maxBytes: Int
    private var merger: LogMerger
    private var current = LogFeedState()
    private var task: Task<Void, Never>?
    private var publishPending = false
    /// Seconds between attempts to read a log that cannot be read now.
    let retryDelay: Double
    /// How far behind the pane may fall before it skips ahead.
    let skipAheadAfter: Double
    /// How many of the log's last lines a skip ahead goes on from.
    static let linesAfterSkip = 200

    /// The time lines are stamped with and lags measured against, and the clock waits are on.
    let now: @Sendable () -> Double
    let clock: any Clock<Duration>

    public init(
        capacity: Int, maxBytes: Int = 8 << 20, retryDelay: Double = 1, skipAheadAfter: Double = 5,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.now = now
        self.clock = clock
        self.capacity = capacity
        self.maxBytes = maxBytes
        self.retryDelay = retryDelay
        self.skipAheadAfter = skipAheadAfter
        merger = LogMerger(maxLines: capacity, maxBytes: maxBytes)
        state = LatestValue(LogFeedState())
    }

    public func follow(_ name: String?, monitor: FleetMonitor, again: Bool = false) {
        follow(name, source: DockerLogSource(monitor: monitor), bots: monitor.bots, again: again)
    }

    /// Follows `name` from now on (the last 500 lines first); nil stops following. `again` starts over
    /// for the same instance, after its container restarted.
    /// `instance` is its name on its engine and broker, where `name` says `HOST/NAME` (default: `name`).
    public func follow(
        _ name: String?, instance: String? = nil, source: (any ContainerLogSource)?, bots: (any BotChannel)?,
        again: Bool = false
    ) {
        guard name != current.name || again else { return }
        task?.cancel()
        current = LogFeedState(name: name, generation: current.generation + 1, status: name == nil ? .idle : .following)
        merger = LogMerger(maxLines: capacity, maxBytes: maxBytes)
        publish()
        guard let name = instance ?? name else { return }
        let generation = current.generation
        task = Task { [weak self] in
            await withTaskGroup(of: Void.self) { group in
                if let source {
                    group.addTask { await self?.followContainer(name, generation: generation, source: source) }
                }
                if let bots {
                    group.addTask { await self?.followBot(name, generation: generation, bots: bots) }
                }
            }
        }
    }

    /// The lines of `name` taken in so far (published or not), or nil when another instance is followed.
    public func lines(of name: String) -> [LogLine]? {
        current.name == name ? merger.buffer.lines : nil
    }

    // MARK: Reading (off the actor; one hop per batch)

    private nonisolated func followContainer(_ name: String, generation: Int, source: any ContainerLogSource) async {
        var resumeAfter: Double?
        // After a skip ahead: the log's last lines newer than those shown, so a log that ended meanwhile
        // still shows how it ended.
        var tailAfterSkip: Int?
        var errorsShown = false
        var reported: String?
        while !Task.isCancelled {
            do {
                if !errorsShown {
                    errorsShown = true
                    let errors = try await source.errorsLog(of: name, count: 20).map {
                        LogLine.parse($0, source: .errorsFile)
                    }
                    await note(errors, generation: generation)
                }
                // After an outage the log goes on from its last line; a skip ahead goes on from the log's end.
                let stream = try await source.follow(
                    name, tail: tailAfterSkip ?? (resumeAfter == nil ? 500 : 0), since: resumeAfter)
                tailAfterSkip = nil
                if reported != nil {
                    reported = nil
                    await note(
                        [
                            LogLine(
                                timestamp: now(), level: .info, message: "— log resumed —",
                                source: .container)
                        ], generation: generation)
                }
                await setStatus(.following, generation: generation)
                var reader = ContainerLogReader(resumeAfter: resumeAfter, openedAt: now())
                var skipped = false
                for try await chunks in stream {
                    let lines = reader.read(chunks)
                    if let last = reader.lastTime { resumeAfter = last }
                    let lag = reader.lag(now: now())
                    await take(lines, lag: lag, generation: generation)
                    if lag > skipAheadAfter {
                        let estimate = reader.linesPerSecond * lag
                        await skip(estimate: Int(estimate.rounded()), seconds: lag, generation: generation)
                        tailAfterSkip = Self.linesAfterSkip
                        skipped = true
                        break
                    }
                }
                if skipped { continue }
                await take(reader.flush(), lag: 0, generation: generation)
                await note(
                    [
                        LogLine(
                            timestamp: now(), level: .info,
                            message: "— the container's log ended (it stopped) —", source: .container)
                    ], generation: generation)
                await setStatus(.ended, generation: generation)
                return
            } catch {
                // Only this follow's own cancellation ends it: a client shut down under it (the monitor
                // reconnecting) reports a cancellation too, and is an outage like any other.
                if Task.isCancelled { return }
                let reason = error is CancellationError ? "the engine connection was closed" : "\(error)"
                // An undeployed folder has no container: not an outage, and said as what it is.
                let absent: Bool
                if case DockerError.notFound = error { absent = true } else { absent = false }
                if reported != reason {
                    reported = reason
                    let said =
                        absent
                        ? "no container named \(name) (not deployed): no container log until it is"
                        : "log unavailable: \(reason) — retrying"
                    await note(
                        [
                            LogLine(
                                timestamp: now(), level: absent ? .info : .warning,
                                message: said, source: .container)
                        ], generation: generation)
                }
                await setStatus(absent ? .noContainer : .unavailable(reason: reason), generation: generation)
                try? await clock.sleep(for: .seconds(retryDelay))
            }
        }
    }

    private nonisolated func followBot(_ name: String, generation: Int, bots: any BotChannel) async {
        for await (instance, telemetry) in await bots.telemetry() {
            guard instance == name, case .log(let record) = telemetry else { continue }
            await takeMQTT(record, generation: generation)
        }
    }

    // MARK: Taking in (on the actor)

    private func take(_ lines: [ContainerLogReader.Line], lag: Double, generation: Int) {
        guard generation == current.generation else { return }
        for line in lines { merger.container(line.text, at: line.time, stderr: line.stderr) }
        let status: LogFeedState.Status = lag > 2 ? .behind(seconds: lag) : .following
        if current.status != status { current.status = status }
        changed()
    }

    private func takeMQTT(_ record: BotLogRecord, generation: Int) {
        guard generation == current.generation else { return }
        merger.mqtt(record)
        changed()
    }

    private func note(_ lines: [LogLine], generation: Int) {
        guard generation == current.generation, !lines.isEmpty else { return }
        for line in lines { merger.note(line) }
        changed()
    }

    private func skip(estimate: Int, seconds: Double, generation: Int) {
        guard generation == current.generation else { return }
        current.skipped += estimate
        merger.note(
            LogLine(
                timestamp: now(), level: .warning,
                message:
                    "— skipped about \(estimate) lines (\(Formatting.fixed(seconds, decimals: 0)) s of log) to keep up —",
                source: .container))
        changed()
    }

    private func setStatus(_ status: LogFeedState.Status, generation: Int) {
        guard generation == current.generation, current.status != status else { return }
        current.status = status
        changed()
    }

    /// Publishes within 250 ms: a flood is drawn as a few frames a second, not one per line.
    private func changed() {
        guard !publishPending else { return }
        publishPending = true
        let clock = clock
        Task {
            try? await clock.sleep(for: .milliseconds(250))
            self.publish()
        }
    }

    private func publish() {
        publishPending = false
        current.lines = merger.buffer.lines
        state.set(current)
    }
}
