import Console
import Docker
import Deploy
import Foundation
import Monitor

/// The console's actions in the audit log, as the CLI's are; and the log shown on `A`.
extension ConsoleLoop {
    var auditLog: AuditLog { AuditLog.location(botsFolder: monitor.config.botsFolder) }

    /// Appends one action and how it ended; a log that cannot be written is said in the footer.
    func record(_ action: String, _ target: String, _ outcome: String) {
        do {
            try auditLog.append(.now(via: "console", action: action, target: target, outcome: outcome))
        } catch {
            status.set("\(outcome) · the audit log could not be written: \(describe(error))")
        }
    }

    /// Runs an action in the background: its result goes to the footer and into the audit log.
    func act(_ action: String, _ target: String, _ work: @escaping @Sendable () async -> String) {
        Task {
            let said = await work()
            status.set(said)
            record(action, target, said)
        }
    }

    /// The newest entries, newest first, for the `A` view.
    func auditReport() -> Report {
        let log = auditLog
        let entries = (try? log.entries()) ?? []
        let lines = entries.suffix(500).reversed().map { entry in
            "\(entry.time.prefix(19).replacingOccurrences(of: "T", with: " "))  \(entry.user)\(entry.from.map { "@\($0)" } ?? "")  \(entry.via)  "
                + "\(entry.action) \(entry.target) → \(entry.outcome)"
        }
        return Report(title: "Audit log · \(log.file.path) · newest first", lines: lines.isEmpty ? ["nothing recorded yet"] : lines)
    }
}

extension ConsoleLoop {
    /// Creates the broker the config describes; returns the result line.
    func createBroker() async -> String {
        guard let plan = brokerPlan else { return "no broker is described in the config" }
        let status = status
        do {
            let engine = try await DockerClient.connect(to: monitor.config.endpoint, timeout: 10)
            defer { Task { await engine.close() } }
            switch try await BrokerMaker(client: engine).create(plan, progress: { status.set($0) }) {
            case .created: return "created and started the broker \(plan.name) (\(plan.image), \(plan.bind):\(plan.port))"
            case .exists(let state): return "\(plan.name) already exists (\(state)): nothing changed"
            }
        } catch {
            return "broker create failed: \(describe(error))"
        }
    }
}

extension ConsoleLoop {
    /// The details screen's charts over `range`, from the history store, in 60 buckets of equal time.
    func loadCharts(of name: String, range: HistoryCharts.Range) async {
        let path = HistoryStore.location(botsFolder: monitor.config.botsFolder)
        guard FileManager.default.fileExists(atPath: path), let store = try? HistoryStore(path: path) else {
            return status.set("no history recorded yet: the console and hbdeck record keep it")
        }
        let to = Date().timeIntervalSince1970
        let from = to - range.seconds
        guard let samples = try? await store.samples(bot: name, from: from, to: to) else {
            return status.set("the history store could not be read")
        }
        func series(_ title: String, _ value: (HistoryStore.Sample) -> Double?) -> HistoryCharts.Series {
            HistoryCharts.Series(title: title, values: HistoryCharts.resample(samples.map { ($0.time, value($0)) }, from: from, to: to, buckets: 60))
        }
        dialogs.set(.charts(HistoryCharts(
            instance: name, range: range, from: from, to: to,
            series: [series("P&L", \.pnl), series("Volume", \.volume), series("CPU %", \.cpuPercent), series("Memory", { $0.memoryBytes.map(Double.init) })],
            samples: samples.count)))
    }
}

extension ConsoleLoop {
    /// The instance's recorded samples over `range` (the last hour for the live charts) as CSV in the folder
    /// hbdeck was started from, with the columns `hbdeck export` writes.
    func exportSamples(of name: String, range: HistoryCharts.Range) async -> String {
        let span = range == .live ? HistoryCharts.Range.hour : range
        let path = HistoryStore.location(botsFolder: monitor.config.botsFolder)
        guard FileManager.default.fileExists(atPath: path), let store = try? HistoryStore(path: path) else {
            return "no history recorded yet: the console and hbdeck record keep it"
        }
        let to = Date().timeIntervalSince1970
        guard let samples = try? await store.samples(bot: name, from: to - span.seconds, to: to) else { return "the history store could not be read" }
        let rows = samples.map {
            [ExportCommand.iso($0.time), $0.bot, ExportCommand.text($0.pnl), ExportCommand.text($0.volume), ExportCommand.text($0.trades),
             ExportCommand.text($0.openOrders), ExportCommand.text($0.cpuPercent), ExportCommand.text($0.memoryBytes)]
        }
        let file = FileManager.default.currentDirectoryPath + "/hbdeck-\(name)-samples-\(Int(to)).csv"
        do {
            try ExportCommand.csv(["time", "bot", "pnl", "volume", "trades", "open_orders", "cpu_percent", "memory_bytes"], rows)
                .write(toFile: file, atomically: true, encoding: .utf8)
            return "exported \(samples.count) samples of \(name) (\(span.rawValue)) to \(file)"
        } catch {
            return "could not write \(file): \(error.localizedDescription)"
        }
    }
}
