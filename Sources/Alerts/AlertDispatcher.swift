/// Sends messages to every target, each target in its own queue and order: at most `rateLimit` messages per
/// target in `rateWindow` (the others are counted and said in the next that goes), a target that is down tried
/// again with backoff (2 s doubling to 5 min, `attempts` times), one refusal never retried. `post` only queues:
/// the caller (the recorder's loop, the console) never waits for a target.
public actor AlertDispatcher {
    /// What became of one message at one target, for the audit log.
    public struct Outcome: Sendable, Equatable {
        public var notice: AlertNotice
        public var target: AlertTarget
        /// `sent`, `not sent: rate limit`, `retrying: …`, `failed: …`, `dropped: …`.
        public var said: String
        public var delivered: Bool
    }

    private struct Lane {
        var queue: [AlertNotice] = []
        var sent: [Double] = []
        var heldBack = 0
        var busy = false
    }

    /// The most messages waiting for one target; older ones go first when it overflows.
    public static let queueLimit = 500

    private let targets: [AlertTarget]
    private let transport: any AlertTransport
    private let policy: AlertPolicy
    private let attempts: Int
    private let clock: any Clock<Duration>
    private let now: @Sendable () -> Double
    private let record: @Sendable (Outcome) -> Void
    private var lanes: [String: Lane] = [:]
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    public init(
        targets: [AlertTarget], transport: any AlertTransport, policy: AlertPolicy, attempts: Int = 8,
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Double,
        record: @escaping @Sendable (Outcome) -> Void
    ) {
        self.targets = targets
        self.transport = transport
        self.policy = policy
        self.attempts = max(1, attempts)
        self.clock = clock
        self.now = now
        self.record = record
    }

    /// Queues each message for every target and returns at once.
    public func post(_ notices: [AlertNotice]) {
        guard !notices.isEmpty else { return }
        for target in targets {
            var lane = lanes[target.name] ?? Lane()
            lane.queue += notices
            if lane.queue.count > Self.queueLimit {
                for dropped in lane.queue.prefix(lane.queue.count - Self.queueLimit) {
                    record(Outcome(notice: dropped, target: target, said: "dropped: queue full", delivered: false))
                }
                lane.queue.removeFirst(lane.queue.count - Self.queueLimit)
            }
            let start = !lane.busy
            lane.busy = true
            lanes[target.name] = lane
            if start { Task { await self.work(target) } }
        }
    }

    /// Returns once every queue is empty.
    public func untilIdle() async {
        guard lanes.values.contains(where: \.busy) else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    private func work(_ target: AlertTarget) async {
        while let notice = lanes[target.name]?.queue.first {
            await deliver(notice, to: target)
            lanes[target.name]?.queue.removeFirst()
        }
        lanes[target.name]?.busy = false
        if !lanes.values.contains(where: \.busy) {
            let waiters = idleWaiters
            idleWaiters = []
            waiters.forEach { $0.resume() }
        }
    }

    private func deliver(_ notice: AlertNotice, to target: AlertTarget) async {
        let time = now()
        lanes[target.name]?.sent.removeAll { time - $0 >= policy.rateWindow }
        if notice.kind != .test, (lanes[target.name]?.sent.count ?? 0) >= policy.rateLimit {
            lanes[target.name]?.heldBack += 1
            record(Outcome(notice: notice, target: target, said: "not sent: rate limit", delivered: false))
            return
        }
        var pause = 2.0
        for attempt in 1...attempts {
            do {
                try await transport.deliver(notice, to: target, heldBack: lanes[target.name]?.heldBack ?? 0)
                lanes[target.name]?.sent.append(now())
                lanes[target.name]?.heldBack = 0
                record(Outcome(notice: notice, target: target, said: "sent", delivered: true))
                return
            } catch {
                if error.permanent || attempt == attempts {
                    let tries = attempt > 1 ? " (after \(attempt) tries)" : ""
                    record(Outcome(notice: notice, target: target, said: "failed\(tries): \(error)", delivered: false))
                    return
                }
                if attempt == 1 {
                    record(Outcome(notice: notice, target: target, said: "retrying: \(error)", delivered: false))
                }
                try? await clock.sleep(for: .seconds(pause))
                pause = min(300, pause * 2)
            }
        }
    }
}
