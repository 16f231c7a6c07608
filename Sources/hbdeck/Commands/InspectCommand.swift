import ArgumentParser
import Docker
import HBModel

struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Show one instance's container facts (secrets masked) as JSON.")

    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }

    @Argument(help: "Instance name.")
    var name: String

    struct Facts: Encodable {
        let name: String
        let id: String
        let image: String
        let state: String
        let running: Bool
        let exitCode: Int
        let oomKilled: Bool
        let error: String
        let startedAt: String
        let finishedAt: String
        let restartCount: Int
        let restartPolicy: String
        let memoryLimit: Int64
        let nanoCpus: Int64
        let pidsLimit: Int64?
        let networkMode: String
        let tty: Bool
        let env: [String]
        let labels: [String: String]
        let mounts: [String]
        let logDriver: String
    }

    func run() async throws {
        try await engine.withEngine(naming: [name]) { client in
            let summary = try await Fleet(client: client).resolve([name])[0]
            let details = try await client.inspectContainer(summary.id)
            let facts = Facts(
                name: details.name, id: details.id, image: details.config.image, state: details.state.status,
                running: details.state.running, exitCode: details.state.exitCode, oomKilled: details.state.oomKilled,
                error: details.state.error, startedAt: details.state.startedAt, finishedAt: details.state.finishedAt,
                restartCount: details.restartCount, restartPolicy: details.hostConfig.restartPolicy?.name ?? "",
                memoryLimit: details.hostConfig.memory, nanoCpus: details.hostConfig.nanoCpus,
                pidsLimit: details.hostConfig.pidsLimit, networkMode: details.hostConfig.networkMode,
                tty: details.config.tty, env: details.config.env.map(SecretMask.maskEnvironmentEntry),
                labels: SecretMask.maskLabels(details.config.labels),
                mounts: details.mounts.map { "\($0.source) → \($0.destination)\($0.rw == false ? " (ro)" : "")" },
                logDriver: details.hostConfig.logConfig?.type ?? "")
            StandardOutput.line(try JSONOutput.encode(facts))
        }
    }
}
