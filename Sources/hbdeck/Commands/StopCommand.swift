import ArgumentParser

struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop instances' containers (SIGTERM, then SIGKILL after the timeout).")

    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    @Option(name: [.customShort("t"), .long], help: "Seconds to wait before killing.") var time = 10
    @Argument(help: "Instance names (HOST/NAME where several engines are in use).") var names: [String]

    func run() async throws {
        try await audited("stop", names, fleet: fleet) {
            try await LifecycleAction.stop(timeout: time).apply(to: names, engine: engine)
        }
    }
}
