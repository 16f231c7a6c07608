import Docker
import HBModel

/// Figures from the engine's one-shot stats calls, eight at a time: never one stream per container.
struct EngineStatsCollector: ResourceCollector {
    func figures(of running: [TrackedContainer], engine: any FleetEngine) async -> [ContainerID: ResourceFigures] {
        let sampled =
            (try? await concurrentMap(running, limit: 8) { tracked -> (ContainerID, ResourceFigures?) in
                guard let sample = try? await engine.stats(tracked.id.value) else { return (tracked.id, nil) }
                let usage = ResourceUsage(sample)
                return (
                    tracked.id,
                    ResourceFigures(
                        cpuPercent: usage.cpuPercent, memoryUsed: usage.memoryUsed, memoryLimit: usage.memoryLimit,
                        networkRx: usage.networkRx, networkTx: usage.networkTx, pids: usage.pids, source: .engineStats)
                )
            }) ?? []
        return Dictionary(sampled.compactMap { id, figures in figures.map { (id, $0) } }, uniquingKeysWith: { $1 })
    }
}
