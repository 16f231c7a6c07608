extension FleetSnapshot {
    /// Whether `other` says something this one does not about what is there: a row come or gone, a state, a
    /// reason or a health changed, an engine or broker gone or back. Figures alone (CPU, memory, P&L, ages) do
    /// not count: those may wait for the next paced frame, a state change is drawn at once.
    public func statesDiffer(from other: FleetSnapshot) -> Bool {
        guard engine == other.engine, broker.state == other.broker.state, broker.link == other.broker.link,
            instances.count == other.instances.count, hosts.map(\.engine) == other.hosts.map(\.engine)
        else { return true }
        return zip(instances, other.instances).contains { mine, theirs in
            mine.name != theirs.name || mine.state != theirs.state || mine.reason != theirs.reason
                || mine.health != theirs.health
        }
    }
}
