import ArgumentParser
import Docker
import Foundation
import HBModel

struct UpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change instances' CPU, memory and process limits in place (no recreate, no restart).")

    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    @Option(help: "CPU limit in cores, such as 0.5.") var cpus: Double?
    @Option(help: "Memory limit, such as 512m or 2g (swap: as much again).") var memory: String?
    @Option(help: "Most processes and threads the container may run.") var pids: Int64?
    @Argument(help: "Instance names.") var names: [String]

    func validate() throws {
        guard cpus != nil || memory != nil || pids != nil else {
            throw ValidationError("give --cpus, --memory or --pids")
        }
        if let cpus, !(cpus > 0 && cpus <= 1024) { throw ValidationError("--cpus must be more than 0 cores") }
        if let memory {
            guard let bytes = MemorySize.bytes(memory) else {
                throw ValidationError("--memory: \(memory) is not a size such as 512m or 2g")
            }
            guard bytes >= 64 << 20 else { throw ValidationError("--memory: at least 64m is needed to run a bot") }
        }
        if let pids, pids < 16 { throw ValidationError("--pids must be at least 16") }
    }

    func run() async throws {
        try await audited("update", names, fleet: fleet) {
            let limits = ContainerLimits(
                memory: memory.flatMap(MemorySize.bytes), nanoCpus: cpus.map { Int64(($0 * 1e9).rounded()) },
                pidsLimit: pids)
            try await engine.withEngine(naming: names) { client in
                let instances = try await Fleet(client: client).resolve(names)
                var failures = 0
                for instance in instances {
                    do {
                        try await client.updateContainer(instance.id, limits: limits)
                        let now = try await client.inspectContainer(instance.id).hostConfig
                        let cpuText = now.nanoCpus > 0 ? String(format: "%.2f", Double(now.nanoCpus) / 1e9) : "no limit"
                        let memoryText = now.memory > 0 ? "\(now.memory >> 20) MiB" : "no limit"
                        StandardOutput.line(
                            "\(instance.name): CPUs \(cpuText) · memory \(memoryText) · pids \(now.pidsLimit.map { $0 > 0 ? String($0) : "no limit" } ?? "no limit")"
                        )
                    } catch {
                        failures += 1
                        StandardOutput.error("hbdeck: \(instance.name): \(describe(error))")
                    }
                }
                if failures > 0 { throw ExitCode.failure }
            }
        }
    }
}
