import Console
import Deploy
import Foundation

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
