import Foundation
import HBModel
import Monitor

/// Watches the fleet's snapshots for alerts: evaluates the rules every `interval` seconds, keeps the book in a
/// file and hands what it finds to the dispatcher. Where a console and `hbdeck record` run at once, only one
/// of them sends (whichever holds the lease, a lock the kernel drops when its process ends), so an alert is
/// never sent twice; the other takes over when it ends.
public enum AlertWatch {
    public static func run(
        _ snapshots: LatestValue<FleetSnapshot>, evaluator: AlertEvaluator, dispatcher: AlertDispatcher,
        folder: URL, interval: Double = 2, now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        said: @escaping @Sendable (String) -> Void = { _ in }
    ) async {
        let file = AlertBookFile(folder: folder)
        var lease: ExclusiveFileLock?
        var book = AlertBook()
        var lastProblem: String?
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
            if lease == nil {
                lease = AlertLease.take(in: folder)
                guard lease != nil else { continue }
                book = file.read()
            }
            let latest = snapshots.current
            guard latest.version > 0 else { continue }
            let (next, notices) = evaluator.evaluate(book, fleet: latest.value, now: now())
            if next != book {
                do {
                    try file.write(next)
                    lastProblem = nil
                } catch {
                    let problem = "alerts: cannot keep what was sent in \(file.path): \(error)"
                    if problem != lastProblem { said(problem) }
                    lastProblem = problem
                }
                book = next
            }
            await dispatcher.post(notices)
        }
        lease?.release()
    }
}
