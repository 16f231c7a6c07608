import Foundation
import HBModel

/// Every action hbdeck takes, one JSON line each, appended and flushed to disk before the action is reported
/// done. Written by the CLI and the console alike; several writers at once are serialised by a lock on the
/// file. A line is written with one `write`, so a kill leaves whole lines only. Nothing secret goes in:
/// secrets never reach an entry, and URL credentials are masked all the same.
public struct AuditLog: Sendable {
    public let file: URL

    public init(file: URL) {
        self.file = file
    }

    /// `HBDECK_AUDIT_LOG`, else `.hbdeck/audit.log` in the bots folder, else hbdeck's state folder
    /// (`$XDG_STATE_HOME/hbdeck`, `~/.local/state/hbdeck`).
    public static func location(
        botsFolder: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> AuditLog {
        if let path = environment["HBDECK_AUDIT_LOG"], !path.isEmpty {
            return AuditLog(file: URL(fileURLWithPath: path))
        }
        if let botsFolder { return AuditLog(file: BotsFolder(botsFolder).state.appendingPathComponent("audit.log")) }
        let state = environment["XDG_STATE_HOME"] ?? (NSHomeDirectory() + "/.local/state")
        return AuditLog(file: URL(fileURLWithPath: state).appendingPathComponent("hbdeck/audit.log"))
    }

    /// The longest outcome kept; a line stays well under a page.
    static let maxOutcome = 1000

    public func append(_ entry: AuditEntry) throws {
        var kept = entry
        let outcome = SecretMask.maskURLCredentials(TerminalSafeText.sanitize(entry.outcome))
        kept = AuditEntry(
            time: entry.time, user: entry.user, from: entry.from, via: entry.via, action: entry.action,
            target: SecretMask.maskURLCredentials(TerminalSafeText.sanitize(entry.target)),
            outcome: String(outcome.prefix(Self.maxOutcome)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = try encoder.encode(kept)
        line.append(UInt8(ascii: "\n"))
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        // Never through a link, never into anything but a regular file: root appends here.
        let fd = open(file.path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw DeployProblem(.folder, "cannot open the audit log \(file.path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw DeployProblem(.folder, "the audit log \(file.path) is not a regular file: nothing written")
        }
        flock(fd, LOCK_EX)
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count else {
            throw DeployProblem(.folder, "cannot write the audit log \(file.path): \(String(cString: strerror(errno)))")
        }
        fsync(fd)
    }

    /// The entries, oldest first, from `since` on; a line that does not parse (not hbdeck's) is skipped.
    public func entries(since: Date? = nil) throws -> [AuditEntry] {
        guard let data = FileManager.default.contents(atPath: file.path) else { return [] }
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return data.split(separator: UInt8(ascii: "\n")).compactMap { line in
            guard let entry = try? JSONDecoder().decode(AuditEntry.self, from: Data(line)) else { return nil }
            if let since, let time = format.date(from: entry.time), time < since { return nil }
            return entry
        }
    }
}
