import Synchronization

/// A clock that moves only when the test moves it: a sleep ends when `advance` passes its deadline, so a
/// test of backoffs and timeouts waits for no real time.
public final class ManualClock: Clock, Sendable {
    public struct Instant: InstantProtocol {
        /// Time since the clock was made.
        public var offset: Duration

        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    private struct Sleeper {
        let deadline: Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var lastID = 0
        var sleepers: [Int: Sleeper] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public var now: Instant { state.withLock { $0.now } }
    public var minimumResolution: Duration { .zero }

    /// Seconds since the clock was made.
    public var elapsed: Double {
        let offset = now.offset.components
        return Double(offset.seconds) + Double(offset.attoseconds) / 1e18
    }

    /// How far ahead of now each sleeper's deadline is, soonest first.
    public var sleepersDue: [Duration] {
        state.withLock { state in state.sleepers.values.map { state.now.duration(to: $0.deadline) }.sorted() }
    }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { state -> Int in
            state.lastID += 1
            return state.lastID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let due = state.withLock { state -> Bool in
                    if deadline <= state.now { return true }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return false
                }
                if due { continuation.resume() }
                // Cancelled before it was kept: the handler found nothing to end.
                if !due, Task.isCancelled { cancel(id) }
            }
        } onCancel: {
            cancel(id)
        }
    }

    /// Moves the clock on; every sleep whose deadline it passes ends.
    public func advance(by duration: Duration) {
        let due = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let ended = state.sleepers.filter { $0.value.deadline <= now }
            for id in ended.keys { state.sleepers[id] = nil }
            return ended.values.map(\.continuation)
        }
        for continuation in due { continuation.resume() }
    }

    /// Moves the clock on a `step` at a time, letting what woke run between steps, until `condition` holds or
    /// `limit` has passed on this clock; says whether it held. A sleeper that registered just after a jump
    /// would wait a whole jump more: steps no longer than the naps being tested wake each one in turn.
    public func advance(
        by step: Duration, until condition: () async throws -> Bool, atMost limit: Duration
    ) async throws -> Bool {
        let end = now.advanced(by: limit)
        while now < end {
            if try await condition() { return true }
            advance(by: step)
            try await Task.sleep(for: .milliseconds(10))
        }
        return try await condition()
    }

    private func cancel(_ id: Int) {
        state.withLock { $0.sleepers.removeValue(forKey: id) }?.continuation.resume(throwing: CancellationError())
    }
}
