import ArgumentParser

struct RemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Remove instances' containers (their bots folder stays).")

    @OptionGroup var engine: EngineOptions
    @Flag(name: [.short, .long], help: "Kill and remove running containers too.") var force = false
    @Argument(help: "Instance names.") var names: [String]

    func run() async throws {
        try await LifecycleAction.remove(force: force).apply(to: names, engine: engine)
    }
}
