import ArgumentParser

struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start instances.")

    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    @Argument(help: "Instance names (HOST/NAME where several engines are in use).") var names: [String]

    func run() async throws {
        try await audited("start", names, fleet: fleet) {
            try await LifecycleAction.start.apply(to: names, engine: engine)
        }
    }
}
