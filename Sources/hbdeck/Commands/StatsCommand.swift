import ArgumentParser
import Docker
import Foundation
import HBModel

struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Show CPU, memory, network, block I/O and pids of running instances.")

    @OptionGroup var engine: EngineOptions
    @Flag(help: "Print one sample and exit.") var noStream = false
    @Flag(help: "Print JSON (one object a line when streaming).") var json = false
    @Argument(help: "Instance names (default: every running instance).") var names: [String] = []

    struct Row: Encodable {
        let name: String
        let usage: ResourceUsage
    }

    func run() async throws {
        try await engine.withEngine(naming: names) { client in
            let fleet = Fleet(client: client)
            let instances = names.isEmpty ? try await fleet.bots().filter { $0.state == "running" } : try await fleet.resolve(names)
            if noStream {
                let rows = try await sampleOnce(instances, client: client)
                StandardOutput.line(json ? try JSONOutput.encode(rows) : table(rows))
            } else {
                try await stream(instances, client: client)
            }
        }
    }

    private func sampleOnce(_ instances: [ContainerSummary], client: DockerClient) async throws -> [Row] {
        try await concurrentMap(instances, limit: 8) { Row(name: $0.name, usage: ResourceUsage(try await client.stats($0.id))) }
            .sorted { $0.name < $1.name }
    }

    private func stream(_ instances: [ContainerSummary], client: DockerClient) async throws {
        let latest = LatestRows()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for instance in instances {
                group.addTask {
                    for try await sample in try await client.statsStream(instance.id) {
                        let row = Row(name: instance.name, usage: ResourceUsage(sample))
                        if json {
                            StandardOutput.line(try JSONOutput.encode(row, pretty: false))
                        } else {
                            await latest.set(row)
                        }
                    }
                }
            }
            if !json {
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(nanoseconds: 1_000_000_000)
                        let rows = await latest.rows()
                        StandardOutput.raw(Array("\u{1B}[H\u{1B}[2J".utf8))
                        StandardOutput.line(table(rows))
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    private func table(_ rows: [Row]) -> String {
        var table = TextTable("NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS", rightAligned: [1, 3, 6])
        for row in rows {
            let u = row.usage
            table.add([
                row.name, Formatting.percent(u.cpuPercent),
                "\(Formatting.bytes(u.memoryUsed)) / \(Formatting.bytes(u.memoryLimit))", Formatting.percent(u.memoryPercent),
                "\(Formatting.bytes(u.networkRx)) / \(Formatting.bytes(u.networkTx))",
                "\(Formatting.bytes(u.blockRead)) / \(Formatting.bytes(u.blockWrite))",
                u.pids.map(String.init) ?? Formatting.unknown,
            ])
        }
        return table.render()
    }
}

private actor LatestRows {
    private var byName: [String: StatsCommand.Row] = [:]

    func set(_ row: StatsCommand.Row) {
        byName[row.name] = row
    }

    func rows() -> [StatsCommand.Row] {
        byName.values.sorted { $0.name < $1.name }
    }
}
