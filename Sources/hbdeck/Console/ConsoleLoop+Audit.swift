import Console
import Deploy
import Foundation
import HBModel
import Monitor
import Operations

/// The console's actions in the audit log, as the CLI's are; and the log shown on `A`.
extension ConsoleLoop {
    var auditLog: AuditLog { AuditLog.location(botsFolder: botsFolder) }

    /// Appends one action and how it ended; a log that cannot be written is said in the footer.
    func record(_ action: String, _ target: String, _ outcome: String) {
        do {
            try auditLog.append(.now(via: "console", action: action, target: target, outcome: outcome))
        } catch {
            status.set("\(outcome) · the audit log could not be written: \(describe(error))")
        }
    }

    /// Runs an action in the background, held by `actions`: its steps and result go to the footer, its
    /// result into the audit log.
    func act(
        _ action: String, _ target: String,
        _ work: @escaping @Sendable (_ progress: @escaping RunningActions.Step) async -> String
    ) {
        let status = status
        actions.run(action, target) { step in
            let said = await work { text in
                status.set(text)
                step(text)
            }
            status.set(said)
            record(action, target, said)
            return said
        }
    }

    /// What to say once the terminal is back: how the actions a quit waited for ended, and where each one
    /// it did not wait for was left (also in the audit log).
    func farewell(waitedFor: [RunningAction], leftRunning: [RunningAction]) -> [String] {
        let left = Set(leftRunning.map(\.id))
        var lines: [String] = []
        for action in waitedFor where !left.contains(action.id) {
            let result = actions.result(of: action.id) ?? ""
            lines.append(
                "finished before quitting: \(action.action) \(action.target)\(result.isEmpty ? "" : ": \(result)")")
        }
        for action in leftRunning {
            let said =
                "interrupted: hbdeck quit before it ended; its last step was \(action.step.map { "\"\($0)\"" } ?? "none yet"), "
                + "what came after is not done: check it"
            record(action.action, action.target, said)
            lines.append("\(action.action) \(action.target): \(said)")
        }
        return lines
    }

    /// The newest entries, newest first, for the `A` view.
    func auditReport() -> Report {
        let log = auditLog
        let entries = (try? log.entries()) ?? []
        let lines = entries.suffix(500).reversed().map { entry in
            "\(entry.time.prefix(19).replacingOccurrences(of: "T", with: " "))  \(entry.user)\(entry.from.map { "@\($0)" } ?? "")  \(entry.via)  "
                + "\(entry.action) \(entry.target) → \(entry.outcome)"
        }
        return Report(
            title: "Audit log · \(log.file.path) · newest first",
            lines: lines.isEmpty ? ["nothing recorded yet"] : lines)
    }
}
