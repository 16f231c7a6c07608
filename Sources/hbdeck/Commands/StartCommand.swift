import ArgumentParser

struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start instances.")

    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    @Argument(help: "Instance names (HOST/NAME where several engines are in use).") var names: [String]

    func run() async throws {
        try await audited("start", names, fleet: fleet) {
            let onAPI = try await APIFleetAccess.handle(names, fleet: fleet) { bots in
                try await APIFleetAccess.each(bots) { actions, bot in
                    try await actions.start(bot.name) { StandardOutput.error($0) }
                }
            }
            if onAPI { return }
            try await LifecycleAction.start.apply(to: names, engine: engine)
        }
    }
}
