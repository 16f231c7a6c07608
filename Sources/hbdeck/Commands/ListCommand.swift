import ArgumentParser
import Docker
import Foundation

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls", abstract: "List bot instances, running or not.")

    @OptionGroup var engine: EngineOptions

    @Flag(help: "Print JSON for scripts.")
    var json = false

    struct Row: Encodable {
        let name: String
        let id: String
        let image: String
        let state: String
        let status: String
        let created: Int
    }

    func run() async throws {
        try await engine.withEngine { client in
            let rows = try await Fleet(client: client).bots().map {
                Row(name: $0.name, id: $0.id, image: $0.image, state: $0.state, status: $0.status, created: $0.created)
            }
            if json {
                StandardOutput.line(try JSONOutput.encode(rows))
                return
            }
            var table = TextTable("NAME", "STATE", "STATUS", "IMAGE", "ID")
            for row in rows {
                table.add([row.name, row.state, row.status, row.image, String(row.id.prefix(12))])
            }
            StandardOutput.line(table.render())
        }
    }
}
