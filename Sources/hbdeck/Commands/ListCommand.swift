import ArgumentParser
import Docker
import Foundation

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls", abstract: "List bot instances, running or not.")

    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }

    @Flag(help: "Print JSON for scripts.")
    var json = false

    struct Row: Encodable {
        /// The engine's name (its Docker context), also when there is one.
        let host: String
        let name: String
        let id: String
        let image: String
        let state: String
        let status: String
        let created: Int
    }

    func run() async throws {
        try await engine.withEngines { engines in
            var rows: [Row] = []
            for engine in engines.connected {
                rows += try await Fleet(client: engine.client).bots().map {
                    Row(
                        host: engine.name, name: $0.name, id: $0.id, image: $0.image, state: $0.state,
                        status: $0.status, created: $0.created)
                }
            }
            if json {
                StandardOutput.line(try JSONOutput.encode(rows))
                return
            }
            // The host is shown where there are several engines.
            let several = engines.several
            var table =
                several
                ? TextTable("HOST", "NAME", "STATE", "STATUS", "IMAGE", "ID")
                : TextTable("NAME", "STATE", "STATUS", "IMAGE", "ID")
            for row in rows {
                let fields = [row.name, row.state, row.status, row.image, String(row.id.prefix(12))]
                table.add(several ? [row.host] + fields : fields)
            }
            StandardOutput.line(table.render())
        }
    }
}
