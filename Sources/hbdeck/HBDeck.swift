import ArgumentParser
import Foundation
import HBModel

@main
struct HBDeck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hbdeck",
        abstract: "A console for fleets of Hummingbot bots running in Docker.",
        discussion: """
            Bot instances are containers whose image matches .+/hummingbot: or that carry hbdeck's labels.
            The engine is -H, else --context (Docker contexts; several as a,b), else DOCKER_HOST (unix://, tcp:// \
            with TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, ssh://), else the Docker CLI's current context.
            """,
        version: HBDeckVersion.current,
        subcommands: [
            ConsoleRunCommand.self, ListCommand.self, InspectCommand.self, StartCommand.self, StopCommand.self,
            RestartCommand.self,
            RemoveCommand.self, NetworkCommand.self, UpdateCommand.self, ReloadCommand.self, CreateCommand.self,
            DeployCommand.self, ProfileCommandGroup.self, TemplateCommandGroup.self, UploadCommand.self,
            VersionsCommand.self, DiffCommand.self, RollbackCommand.self, SetCommand.self, EditCommand.self,
            LogsCommand.self, StatsCommand.self, EventsCommand.self, BotCommandGroup.self,
            WatchCommand.self, ConfigCommand.self, DoctorCommand.self, NewConfigCommand.self, AuditCommand.self,
            BrokerCommandGroup.self, CleanLogsCommand.self, RecordCommand.self, ExportCommand.self, ChartCommand.self,
            AlertsCommandGroup.self, APICommandGroup.self,
        ],
        defaultSubcommand: ConsoleRunCommand.self
    )

    /// As `AsyncParsableCommand.main`, except that a usage error is one line on stderr and exit status 1,
    /// as every other failure is (`hbdeck --help` and `hbdeck CMD --help` still print the help).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            if error is ExitCode || exitCode(for: error) != .validationFailure {
                exit(withError: error)
            }
            let message =
                fullMessage(for: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "invalid arguments"
            let trimmed = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
            StandardOutput.error("hbdeck: \(TerminalSafeText.sanitize(trimmed)) (see hbdeck --help)")
            Foundation.exit(1)
        }
    }
}

enum HBDeckVersion {
    static let current = "0.1.0"
}
