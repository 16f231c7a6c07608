import HBModel
import Synchronization

/// Several engines watched at once, one `FleetMonitor` each, published as one snapshot in which every
/// instance is `HOST/NAME` (`FleetMerge`). One engine going away leaves the others live. With one engine the
/// group is that monitor, names unchanged.
public final class FleetGroup: Sendable {
    public struct Member: Sendable {
        /// The engine's name (its Docker context).
        public let host: String
        public let monitor: FleetMonitor

        public init(host: String, monitor: FleetMonitor) {
            self.host = host
            self.monitor = monitor
        }
    }

    public let members: [Member]
    public let snapshots: LatestValue<FleetSnapshot>
    private let merging = Mutex(())

    /// `members` must not be empty; the first is the engine on this machine, whose bots folder hbdeck reads.
    public init(_ members: [Member]) {
        precondition(!members.isEmpty, "a fleet has at least one engine")
        self.members = members
        snapshots =
            members.count == 1
            ? members[0].monitor.snapshots
            : LatestValue(FleetMerge.merge(members.map { ($0.host, $0.monitor.snapshots.current.value) }))
        guard members.count > 1 else { return }
        for member in members {
            member.monitor.snapshots.onChange { [weak self] in self?.remerge() }
        }
    }

    /// The engine on this machine: its bots folder, audit log and history store are hbdeck's.
    public var primary: FleetMonitor { members[0].monitor }

    public var hasSeveralHosts: Bool { members.count > 1 }

    /// Runs every member until cancelled. The far engines begin once this machine's rows are shown, or a
    /// quarter of a second later at most: their TLS handshakes and ssh processes would otherwise take the CPU
    /// the near engine's first frame needs (on two cores its rows came 2 to 8 times later).
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            let near = primary
            group.addTask { await near.run() }
            guard members.count > 1 else { return }
            let (either, done) = AsyncStream<Void>.makeStream()
            let shown = Task {
                await near.firstFrameShown()
                done.yield()
            }
            let limit = Task {
                try? await Task.sleep(for: .milliseconds(250))
                done.yield()
            }
            for await _ in either { break }
            limit.cancel()
            shown.cancel()
            for member in members.dropFirst() { group.addTask { await member.monitor.run() } }
        }
    }

    /// The monitor that holds an instance of the merged snapshot, and its name there.
    public func route(_ name: String) -> (monitor: FleetMonitor, name: String, host: String)? {
        guard hasSeveralHosts else { return (members[0].monitor, name, members[0].host) }
        let qualified = QualifiedName(name)
        guard let host = qualified.host, let member = members.first(where: { $0.host == host }) else { return nil }
        return (member.monitor, qualified.name, host)
    }

    /// The name a bot's history is kept under: this machine's bots by their own name, as with one engine (so
    /// that their history goes on when the console watches several), other hosts' as `HOST/NAME`.
    public func historyName(_ name: String) -> String {
        guard hasSeveralHosts, let route = route(name), route.host == members[0].host else { return name }
        return route.name
    }

    /// A merged snapshot as the history store keeps it (`historyName`).
    public func historyView(_ snapshot: FleetSnapshot) -> FleetSnapshot {
        guard hasSeveralHosts else { return snapshot }
        var view = snapshot
        for index in view.instances.indices { view.instances[index].name = historyName(view.instances[index].name) }
        return view
    }

    /// Whether a bot of the history store is one this console watches (its runs are closed by this console only).
    public func ownsHistory(of bot: String) -> Bool {
        guard let host = QualifiedName(bot).host else { return true }
        return members.dropFirst().contains { $0.host == host }
    }

    private func remerge() {
        // One merge at a time, so that an older merge never lands after a newer one.
        merging.withLock { _ in
            snapshots.set(FleetMerge.merge(members.map { ($0.host, $0.monitor.snapshots.current.value) }))
        }
    }
}
