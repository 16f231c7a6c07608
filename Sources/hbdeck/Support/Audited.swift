import ArgumentParser
import Deploy
import Foundation

/// Runs a command that changes something: refused in read-only mode, and recorded in the audit log with
/// how it ended, whether it worked, failed or was refused.
func audited(
    _ action: String, _ targets: [String], fleet: FleetOptions, _ body: () async throws -> Void
) async throws {
    let settings = (try? fleet.settings()) ?? ConsoleSettings()
    let log = AuditLog.location(botsFolder: settings.botsFolder)
    let target = targets.joined(separator: " ")
    func record(_ outcome: String) {
        do {
            try log.append(.now(via: "cli", action: action, target: target, outcome: outcome))
        } catch {
            StandardOutput.error("hbdeck: warning: \(describe(error))")
        }
    }
    if ReadOnlyMode.isOn(settings) {
        record("refused: read-only mode")
        StandardOutput.error(
            "hbdeck: read-only mode (\(ReadOnlyMode.reason(settings, flag: fleet.readOnly))): \(action) refused, nothing was done"
        )
        throw ExitCode.failure
    }
    let before = StandardOutput.errorsSaid.withLock { $0.count }
    do {
        try await body()
        record("ok")
    } catch {
        // What the command said failed (its `hbdeck: …` lines), not the progress it reported on stderr.
        let stderr = StandardOutput.errorsSaid.withLock { Array($0.dropFirst(before)) }
        let failures = stderr.filter { $0.hasPrefix("hbdeck: ") }.map { String($0.dropFirst("hbdeck: ".count)) }
        let said = failures.isEmpty ? Array(stderr.suffix(1)) : failures
        switch error {
        case let exit as ExitCode where exit == .success: record("ok")
        case is ExitCode, is CancellationError:
            record(said.isEmpty ? "failed" : "failed: " + said.joined(separator: " · "))
        default:
            record("failed: \(describe(error))")
        }
        throw error
    }
}

/// Whether hbdeck may change anything: the config's `read_only`, or `HBDECK_READ_ONLY` in the environment.
enum ReadOnlyMode {
    static func isOn(_ settings: ConsoleSettings, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Bool
    {
        settings.readOnly || ["1", "true", "yes", "on"].contains((environment["HBDECK_READ_ONLY"] ?? "").lowercased())
    }

    /// `flag`: `--read-only` was given (it is laid over the settings' `readOnly`).
    static func reason(_ settings: ConsoleSettings, flag: Bool = false) -> String {
        flag ? "--read-only" : settings.readOnly ? "read_only in the config file" : "HBDECK_READ_ONLY is set"
    }
}
