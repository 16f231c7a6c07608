import ArgumentParser

struct RestartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restart", abstract: "Restart instances' containers.")

    @OptionGroup var engine: EngineOptions
    @Option(name: [.customShort("t"), .long], help: "Seconds to wait before killing.") var time = 10
    @Argument(help: "Instance names.") var names: [String]

    func run() async throws {
        try await audited("restart", names) {
            try await LifecycleAction.restart(timeout: time).apply(to: names, engine: engine)
        }
    }
}
