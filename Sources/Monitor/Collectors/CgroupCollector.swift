import Docker
import HBModel

/// Figures from the containers' cgroup files on this machine: no call to the engine. Keeps the counters of the
/// last read (CPU and network are rates) and as many files open as the process may.
actor CgroupCollector: ResourceCollector {
    private var counters: [ContainerID: CgroupReader.Counters] = [:]
    private var files: [ContainerID: CgroupFiles] = [:]
    private let budget = CounterFileBudget.current()

    func figures(of running: [TrackedContainer], engine: any FleetEngine) async -> [ContainerID: ResourceFigures] {
        let ids = Set(running.map(\.id))
        files = files.filter { ids.contains($0.key) }
        counters = counters.filter { ids.contains($0.key) }
        var figures: [ContainerID: ResourceFigures] = [:]
        for tracked in running {
            guard let found = tracked.details, found.state.pid > 0 else { continue }
            if files[tracked.id]?.pid != found.state.pid {
                files[tracked.id] = nil
                let open = files.values.reduce(0) { $0 + $1.openCount }
                files[tracked.id] = CgroupFiles.locate(
                    pid: found.state.pid, hostNetwork: found.hostConfig.networkMode == "host",
                    keepOpen: open + CgroupFiles.fileCount <= budget)
            }
            guard let located = files[tracked.id], let now = CgroupReader.read(located) else {
                files[tracked.id] = nil
                continue
            }
            figures[tracked.id] = CgroupReader.figures(now: now, before: counters[tracked.id])
            figures[tracked.id]?.source = .cgroups
            counters[tracked.id] = now
        }
        return figures
    }
}
