import Foundation
import HBModel

/// One poll's read of a bot's own files on this machine: the fills and open orders of its trade database
/// and the warnings and errors of its log files. Done off the monitor's actor, so a slow or odd file of one
/// bot never delays another bot or an action; what cannot be read is said with its reason.
struct BotFilesRead: Sendable {
    /// What to read for one container.
    struct Job: Sendable {
        let id: String
        let dataFolder: String
        let logsFolder: String?
        let config: String?
        let runStartedAt: Double
        let openOrders: Bool
        /// The log files' stamps when their problems were last read: unchanged files are not read again.
        let logStamp: [Double]?
    }

    let id: String
    var figures: TradeDatabase.Figures?
    /// The log files' problems with their stamps; nil when they did not change or there is no log folder.
    var problems: (stamp: [Double], records: [ProblemRecord])?
    /// `data/x.sqlite: a symbolic link, not followed`: files that are there but were not read.
    var unreadable: [String] = []

    static func read(_ job: Job, now: Double) -> BotFilesRead {
        var read = BotFilesRead(id: job.id)
        let stem = job.config.flatMap(ConfigStem.of)
        if let stem {
            let database = "\(stem).sqlite"
            if let reason = BotFile.unreadableReason(database, beneath: job.dataFolder) {
                read.unreadable.append("data/\(database): \(reason)")
            } else if let path = TradeDatabase.path(dataFolder: job.dataFolder, config: job.config) {
                read.figures = TradeDatabase.figures(
                    at: path, since: job.runStartedAt, now: now, openOrders: job.openOrders)
            }
        }
        guard let logs = job.logsFolder, let stem else { return read }
        let files = ["logs_\(stem).log", "errors.log"]
        let probes = files.map { BotFile.probe($0, beneath: logs) }
        read.unreadable += zip(files, probes).compactMap { file, probe in
            BotFile.unreadableReason(of: probe).map { "logs/\(file): \($0)" }
        }
        let stamps = probes.flatMap { (try? $0.get()) ?? [0, 0] }
        guard job.logStamp != stamps else { return read }
        var records = LogFileProblems.records(inLog: tail(files[0], beneath: logs), since: job.runStartedAt)
        if stamps[3] >= job.runStartedAt {
            records += LogFileProblems.records(inErrorsLog: tail(files[1], beneath: logs), writtenAt: stamps[3])
        }
        read.problems = (stamps, Array(records.suffix(200)))
        return read
    }

    /// The last 256 KiB of a log file, from its first whole line.
    private static func tail(_ file: String, beneath logs: String) -> String {
        guard case .success(let tail) = BotFile.tail(file, beneath: logs, maxBytes: 256 << 10) else { return "" }
        let text = String(decoding: tail.data, as: UTF8.self)
        return tail.cut ? String(text.drop { $0 != "\n" }.dropFirst()) : text
    }
}
