import ArgumentParser
import Docker
import Foundation
import HBModel

struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Show CPU, memory, network, block I/O and pids of running instances.")

    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    @Flag(help: "Print one sample and exit.") var noStream = false
    @Flag(help: "Print JSON (one object a line when streaming).") var json = false
    @Argument(help: "Instance names, HOST/NAME where several engines are in use (default: every running instance).")
    var names: [String] = []

    struct Row: Encodable {
        let host: String
        let name: String
        let usage: ResourceUsage
        /// Where several engines are in use, the table says `HOST/NAME`.
        var key: String { "\(host)/\(name)" }
    }

    func run() async throws {
        try await engine.withEngines(naming: names) { engines in
            var instances: [LocatedInstance] = []
            if names.isEmpty {
                for engine in engines.connected {
                    instances += try await Fleet(client: engine.client).bots().filter { $0.state == "running" }.map {
                        LocatedInstance(engine: engine, summary: $0, shown: $0.name)
                    }
                }
            } else {
                instances = try await engines.locate(names)
            }
            let several = engines.several
            if noStream {
                let rows = try await sampleOnce(instances)
                StandardOutput.line(json ? try JSONOutput.encode(rows) : table(rows, several: several))
            } else {
                try await stream(instances, several: several)
            }
        }
    }

    private func sampleOnce(_ instances: [LocatedInstance]) async throws -> [Row] {
        try await concurrentMap(instances, limit: 8) {
            Row(
                host: $0.engine.name, name: $0.summary.name,
                usage: ResourceUsage(try await $0.engine.client.stats($0.summary.id)))
        }
        .sorted { $0.key < $1.key }
    }

    private func stream(_ instances: [LocatedInstance], several: Bool) async throws {
        let latest = LatestRows()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for instance in instances {
                group.addTask {
                    for try await sample in try await instance.engine.client.statsStream(instance.summary.id) {
                        let row = Row(
                            host: instance.engine.name, name: instance.summary.name, usage: ResourceUsage(sample))
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
                        StandardOutput.line(table(rows, several: several))
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    private func table(_ rows: [Row], several: Bool) -> String {
        var table = TextTable(
            "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS", rightAligned: [1, 3, 6])
        for row in rows {
            let u = row.usage
            table.add([
                several ? row.key : row.name, Formatting.percent(u.cpuPercent),
                "\(Formatting.bytes(u.memoryUsed)) / \(Formatting.bytes(u.memoryLimit))",
                Formatting.percent(u.memoryPercent),
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
        byName[row.key] = row
    }

    func rows() -> [StatsCommand.Row] {
        byName.values.sorted { $0.key < $1.key }
    }
}
