import HBModel

/// Reads the bots' own files on this machine: the fills and open orders of each one's trade database and the
/// problems in its log files (`BotFilesRead`).
protocol BotFilesCollector: Sendable {
    func read(_ jobs: [BotFilesRead.Job], now: Double) async -> [BotFilesRead]
}

/// Four bots at a time, off the monitor's actor.
struct LocalBotFiles: BotFilesCollector {
    func read(_ jobs: [BotFilesRead.Job], now: Double) async -> [BotFilesRead] {
        (try? await concurrentMap(jobs, limit: 4) { BotFilesRead.read($0, now: now) }) ?? []
    }
}
