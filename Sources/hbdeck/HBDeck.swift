import ArgumentParser

@main
struct HBDeck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hbdeck",
        abstract: "A console for fleets of Hummingbot bots running in Docker.",
        discussion: """
            Bot instances are containers whose image matches .+/hummingbot: or that carry hbdeck's labels.
            The engine is DOCKER_HOST (unix://, tcp://; TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH), \
            or /var/run/docker.sock.
            """,
        version: HBDeckVersion.current,
        subcommands: [
            ConsoleRunCommand.self, ListCommand.self, InspectCommand.self, StartCommand.self, StopCommand.self, RestartCommand.self,
            RemoveCommand.self, LogsCommand.self, StatsCommand.self, EventsCommand.self, BotCommandGroup.self,
            WatchCommand.self,
        ],
        defaultSubcommand: ConsoleRunCommand.self
    )
}

enum HBDeckVersion {
    static let current = "0.1.0"
}
