import HBModel

/// One snapshot of several engines' snapshots: every instance named `HOST/NAME` and marked with its host, each
/// engine's state and broker kept apart, the instances ordered by host.
enum FleetMerge {
    static func merge(_ members: [(host: String, snapshot: FleetSnapshot)]) -> FleetSnapshot {
        guard members.count > 1 else { return members[0].snapshot }
        var merged = members[0].snapshot
        merged.instances = []
        merged.history = [:]
        merged.hosts = []
        for (host, snapshot) in members {
            for var instance in snapshot.instances {
                instance.host = host
                instance.name = "\(host)/\(instance.name)"
                merged.instances.append(instance)
            }
            for (name, history) in snapshot.history { merged.history["\(host)/\(name)"] = history }
            merged.hosts.append(
                HostSnapshot(name: host, endpoint: snapshot.endpoint, engine: snapshot.engine, broker: snapshot.broker))
            merged.takenAt = max(merged.takenAt, snapshot.takenAt)
        }
        // The fleet is live while any engine is: each row shows its own engine's state.
        merged.engine = members.contains { $0.snapshot.engine.isLive } ? .live : members[0].snapshot.engine
        merged.endpoint = members.map(\.host).joined(separator: ", ")
        return merged
    }
}
