/// Something that happens once in a monitor's life (its first frame, its first sample): who waits before it is
/// resumed when it is reached; who asks after it does not wait. Kept inside the actor.
struct Milestone {
    private var waiters: [CheckedContinuation<Void, Never>]? = []

    var reached: Bool { waiters == nil }

    mutating func wait(_ waiter: CheckedContinuation<Void, Never>) {
        guard waiters != nil else { return waiter.resume() }
        waiters?.append(waiter)
    }

    mutating func reach() {
        waiters?.forEach { $0.resume() }
        waiters = nil
    }
}
