import Foundation
import HBModel
import Monitor
import Synchronization

/// Every action a console has under way, owned in one place: each runs as a task held here, so that
/// quitting can wait for all of them to end at their own safe point, or say exactly where each was left.
public final class RunningActions: Sendable {
    /// Reports a step of an action as it happens.
    public typealias Step = @Sendable (String) -> Void

    private struct Book {
        var lastID = 0
        var running: [Int: RunningAction] = [:]
        var tasks: [Int: Task<Void, Never>] = [:]
        /// How the latest actions ended, by id (bounded).
        var results: [Int: String] = [:]
    }

    private let book = Mutex(Book())
    private let now: @Sendable () -> Double
    /// What runs now, oldest first, for the screen.
    public let list = LatestValue<[RunningAction]>([])

    public init(now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.now = now
    }

    /// Starts `work` as an action held here until it returns; what it returns is kept as its result.
    @discardableResult
    public func run(
        _ action: String, _ target: String, _ work: @escaping @Sendable (_ step: @escaping Step) async -> String
    ) -> Int {
        let started = now()
        let id = book.withLock { book in
            book.lastID += 1
            book.running[book.lastID] = RunningAction(id: book.lastID, action: action, target: target, started: started)
            return book.lastID
        }
        publish()
        let task = Task {
            let result = await work { [weak self] step in self?.note(step, of: id) }
            self.finish(id, result: result)
        }
        // A task that already ended took itself off the list: it is not kept.
        book.withLock { if $0.running[id] != nil { $0.tasks[id] = task } }
        return id
    }

    /// The actions under way, oldest first.
    public var current: [RunningAction] {
        book.withLock { $0.running.values.sorted { $0.id < $1.id } }
    }

    public var isEmpty: Bool {
        book.withLock { $0.running.isEmpty }
    }

    /// How an action that ended ended (nil while it runs, or when it is too old to be kept).
    public func result(of id: Int) -> String? {
        book.withLock { $0.results[id] }
    }

    /// Waits until no action runs, those started meanwhile included.
    public func waitUntilNoneRuns() async {
        while !isEmpty {
            // An action is listed a moment before its task is kept: then there is nothing to wait on yet.
            if let task = book.withLock({ $0.tasks.values.first }) { await task.value } else { await Task.yield() }
        }
    }

    private func note(_ step: String, of id: Int) {
        let changed = book.withLock { book -> Bool in
            guard book.running[id] != nil else { return false }
            book.running[id]?.step = step
            return true
        }
        if changed { publish() }
    }

    private func finish(_ id: Int, result: String) {
        book.withLock { book in
            book.running[id] = nil
            book.tasks[id] = nil
            book.results[id] = result
            if book.results.count > 64, let oldest = book.results.keys.min() { book.results[oldest] = nil }
        }
        publish()
    }

    private func publish() {
        list.set(current)
    }
}
