import Docker
import HBModel

/// Reads the CPU, memory, network and process figures of running containers.
protocol ResourceCollector: Sendable {
    /// The figures of those of `running` it can read; the others are left out.
    func figures(of running: [TrackedContainer], engine: any FleetEngine) async -> [ContainerID: ResourceFigures]
}
