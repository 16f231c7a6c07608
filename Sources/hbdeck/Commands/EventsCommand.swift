import ArgumentParser
import Docker
import Foundation
import HBModel

struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "Print the engine's container events for bot instances as they happen.")

    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    @Flag(help: "Print one JSON object a line.") var json = false
    @Flag(help: "Show events of every container, not only bots.") var all = false

    struct Line: Encodable {
        let host: String
        let time: Double
        let action: String
        let name: String
        let id: String
        let image: String
        let exitCode: String?
    }

    func run() async throws {
        try await engine.withEngines { engines in
            let several = engines.several
            try await withThrowingTaskGroup(of: Void.self) { group in
                for engine in engines.connected {
                    group.addTask { try await follow(engine, naming: several) }
                }
                try await group.waitForAll()
            }
        }
    }

    /// One engine's events; the host comes first where there are several.
    private func follow(_ engine: ConnectedEngine, naming several: Bool) async throws {
        let stream = try await engine.client.events(filters: DockerFilters().type("container"))
        for try await event in stream {
            let image = event.actor.attributes["image"] ?? ""
            guard all || BotClassifier.isBot(image: image, labels: event.actor.attributes) else { continue }
            let line = Line(
                host: engine.name, time: Double(event.timeNano) / 1e9, action: event.action, name: event.name ?? "",
                id: event.actor.id, image: image, exitCode: event.actor.attributes["exitCode"])
            if json {
                StandardOutput.line(try JSONOutput.encode(line, pretty: false))
            } else {
                let time = Date(timeIntervalSince1970: line.time).formatted(
                    .iso8601.time(includingFractionalSeconds: true))
                let exit = line.exitCode.map { " (exit \($0))" } ?? ""
                StandardOutput.line(
                    "\(time)  \(line.action.padding(toLength: 14, withPad: " ", startingAt: 0)) \(several ? "\(engine.name)/" : "")\(line.name)\(exit)"
                )
            }
        }
    }
}
