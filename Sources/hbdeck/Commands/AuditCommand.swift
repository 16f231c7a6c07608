import ArgumentParser
import Deploy
import Foundation

/// `hbdeck audit`: every action hbdeck took, from the CLI and the console.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The audit log: every action taken with hbdeck (CLI and console), oldest first.",
        discussion: """
            One line per action: time, user (and SSH client address), via, action, target, outcome. Kept in \
            .hbdeck/audit.log in the bots folder (else ~/.local/state/hbdeck/audit.log; HBDECK_AUDIT_LOG overrides).
            """)
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var location: BotsFolderOptions { fleet.location }
    @Option(help: "Only entries from then on: a duration such as 2h, or a time.") var since: String?
    @Flag(help: "One JSON object per line, as stored.") var json = false

    func run() async throws {
        try await reportingFailures {
            let settings = try fleet.settings()
            let log = AuditLog.location(botsFolder: location.botsFolder ?? settings.botsFolder)
            var from: Date?
            if let since {
                guard let seconds = TimeSpec.parse(since) else {
                    throw CommandFailure("--since: \(since) is not a time or a duration such as 2h")
                }
                from = Date(timeIntervalSince1970: seconds)
            }
            let entries = try log.entries(since: from)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                for entry in entries {
                    StandardOutput.line(String(decoding: try encoder.encode(entry), as: UTF8.self), sanitized: true)
                }
                return
            }
            guard !entries.isEmpty else {
                StandardOutput.line("nothing recorded in \(log.file.path)\(since.map { " since \($0)" } ?? "")")
                return
            }
            var table = TextTable("TIME", "USER", "VIA", "ACTION", "TARGET", "OUTCOME")
            for entry in entries {
                table.add([
                    entry.time, entry.user + (entry.from.map { "@\($0)" } ?? ""), entry.via, entry.action, entry.target,
                    entry.outcome,
                ])
            }
            StandardOutput.line(table.render(), sanitized: true)
        }
    }
}
