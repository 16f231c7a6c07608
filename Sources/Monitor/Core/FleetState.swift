import Docker
import HBModel

/// What the monitor knows of one engine, as a value. Only `FleetCore.reconcile` changes it; the monitor's actor
/// does the I/O its effects ask for and feeds back what it found.
struct FleetState: Sendable, Equatable {
    /// The broker's container, followed beside the bots.
    let brokerContainer: String
    var engine: EngineStatus = .connecting
    var lastGood: Double?
    /// In the order of the engine's last list.
    private(set) var order: [ContainerID] = []
    private(set) var containers: [ContainerID: TrackedContainer] = [:]
    /// The containers by name, for the actions and the broker.
    private var named: [ContainerName: ContainerID] = [:]
    /// Actions under way, by instance.
    private(set) var pending: [ContainerName: PendingAction] = [:]
    /// Actions that ended, with `listsBegun` when they did: the marker stays until a list asked after the end
    /// has been read and its containers inspected, so that the row never shows the state from before.
    private(set) var settling: [ContainerName: Int] = [:]
    /// Lists asked of the engine so far.
    private(set) var listsBegun = 0
    /// Counts what the core asked or was told of containers (inspects asked, events applied), in order.
    private(set) var learned = 0

    init(brokerContainer: String) {
        self.brokerContainer = brokerContainer
    }

    /// The containers followed, in the engine's list order.
    var tracked: [TrackedContainer] { order.compactMap { containers[$0] } }

    func container(named name: ContainerName) -> TrackedContainer? {
        named[name].flatMap { containers[$0] }
    }

    /// Whether an action may begin on `name`: one at a time per instance, a second is refused, never queued.
    func mayBegin(on name: ContainerName) -> Bool {
        pending[name] == nil || settling[name] != nil
    }

    /// Image names already known by id, so that a moved tag is not resolved again.
    var knownImages: [String: String] {
        Dictionary(
            containers.values.compactMap { tracked in
                tracked.details.flatMap { $0.config.image.isEmpty ? nil : (tracked.id.value, $0.config.image) }
            }, uniquingKeysWith: { $1 })
    }

    /// Changes whenever the container's state does, so its details are read again.
    static func detailKey(_ summary: ContainerSummary) -> String {
        // The networks too: an isolated bot's broker attached or detached is seen in the next list.
        "\(summary.state)|\(summary.status.prefix(2))|\(summary.created)|\(summary.networks.joined(separator: ","))"
    }

    /// Whether the list alone cannot say truly how a container is: an exit code 137 may be an OOM kill, and
    /// dead, restarting or paused ones need their details.
    static func needsInspectionFirst(_ summary: ContainerSummary) -> Bool {
        switch summary.state {
        case "running", "created": return false
        case "exited": return summary.listedExitCode.map { $0 == 137 } ?? true
        default: return true
        }
    }
}

extension FleetState {
    mutating func replace(with rows: [ContainerSummary]) {
        var kept: [ContainerID: TrackedContainer] = [:]
        for row in rows {
            var tracked = containers[row.containerID] ?? TrackedContainer(summary: row)
            tracked.summary = row
            kept[row.containerID] = tracked
        }
        containers = kept
        order = rows.map(\.containerID)
        named = Dictionary(rows.map { ($0.containerName, $0.containerID) }, uniquingKeysWith: { first, _ in first })
    }

    mutating func update(_ id: ContainerID, _ change: (inout TrackedContainer) -> Void) {
        guard var tracked = containers[id] else { return }
        change(&tracked)
        containers[id] = tracked
    }

    mutating func forget(_ id: ContainerID) {
        if let gone = containers.removeValue(forKey: id), named[gone.name] == id { named[gone.name] = nil }
        order.removeAll { $0 == id }
    }

    mutating func begin(_ marker: PendingAction, on name: ContainerName) {
        settling[name] = nil
        pending[name] = marker
    }

    mutating func end(on name: ContainerName) {
        settling[name] = listsBegun
    }

    /// `request`, numbered in the order things are learned.
    mutating func ask(_ request: InspectRequest) -> InspectRequest {
        learned += 1
        var numbered = request
        numbered.asked = learned
        return numbered
    }

    /// Notes that an event told something of `id` now.
    mutating func learn(about id: ContainerID) {
        learned += 1
        let now = learned
        update(id) { $0.learnedAt = now }
    }

    mutating func askList() {
        listsBegun += 1
    }

    /// Actions that had ended when list `list` was asked are now shown as the engine has them.
    mutating func settle(upTo list: Int) {
        for (name, endedAt) in settling where list > endedAt {
            pending[name] = nil
            settling[name] = nil
        }
    }
}
