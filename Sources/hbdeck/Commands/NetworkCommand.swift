import ArgumentParser
import Deploy
import Foundation
import HBModel
import Monitor
import Operations

extension NetworkMove.Target: ExpressibleByArgument {}

/// `hbdeck network NAME host|isolated`: moves a bot between host networking and a network of its own.
struct NetworkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network", abstract: "Move a bot between host networking and a network of its own (isolated).",
        discussion: """
            The bot is stopped the way it stops safely (its MQTT stop, so it cancels its open orders), its \
            conf_client.yml gets the broker's address as seen from the new network, its container is made again \
            with the same folder and settings, and it is started again if it ran. Asks first on a terminal.
            """)

    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    var location: BotsFolderOptions { fleet.location }
    var broker: BrokerOptions { fleet.broker }
    @Flag(help: "Do not ask first.") var yes = false
    @Argument(help: "The instance.") var name: String
    @Argument(help: "host or isolated.") var target: NetworkMove.Target

    func run() async throws {
        try await audited("network", [name, target.rawValue], fleet: fleet) {
            try await reportingFailures {
                try Fleet.validate([name])
                let (folder, settings) = try location.resolve()
                if !yes, isatty(STDIN_FILENO) != 0 {
                    let asked =
                        "Move \(name) to \(target.rawValue) networking? It is stopped (its orders cancelled), made again "
                        + "with the same folder and started again. [y/N] "
                    guard try PasswordInput.line(prompt: asked).lowercased() == "y" else {
                        throw CommandFailure("\(name) was left as it was")
                    }
                }
                let bots = await broker.connectIfReachable()
                do {
                    try await engine.withEngine { client in
                        let move = NetworkMove(
                            name: name, to: target,
                            broker: .init(
                                container: settings.brokerContainer, host: settings.mqttHost, port: settings.mqttPort),
                            bot: bots, engine: client, folder: folder)
                        StandardOutput.line(try await move.run { StandardOutput.error($0) })
                    }
                } catch {
                    await bots?.close()
                    throw error
                }
                await bots?.close()
            }
        }
    }
}
