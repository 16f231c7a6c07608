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

    /// A fleet hummingbot-api runs, watched through its endpoints.
    public struct APIMember: Sendable {
        /// The name the operator gave it (`apis: NAME=URL`).
        public let host: String
        public let watcher: APIFleetWatcher

        public init(host: String, watcher: APIFleetWatcher) {
            self.host = host
            self.watcher = watcher
        }
    }

    /// The Docker engines; the first, where there is one, is this machine's.
    public let members: [Member]
    public let apis: [APIMember]
    public let snapshots: LatestValue<FleetSnapshot>
    private let merging = Mutex(())

    /// At least one engine or API; the first engine is the one on this machine, whose bots folder hbdeck reads.
    public init(_ members: [Member], apis: [APIMember] = []) {
        precondition(!members.isEmpty || !apis.isEmpty, "a fleet has at least one engine or API")
        self.members = members
        self.apis = apis
        let sources = members.map { ($0.host, $0.monitor.snapshots) } + apis.map { ($0.host, $0.watcher.snapshots) }
        snapshots =
            sources.count == 1
            ? sources[0].1 : LatestValue(FleetMerge.merge(sources.map { ($0.0, $0.1.current.value) }))
        guard sources.count > 1 else { return }
        for source in sources {
            source.1.onChange { [weak self] in self?.remerge() }
        }
    }

    /// The engine on this machine: its bots folder, audit log and history store are hbdeck's. Nil when only
    /// APIs are watched.
    public var primary: FleetMonitor? { members.first?.monitor }

    public var hasSeveralHosts: Bool { members.count + apis.count > 1 }

    /// Runs every member until cancelled. The far engines begin once this machine's rows are shown, or a
    /// quarter of a second later at most: their TLS handshakes and ssh processes would otherwise take the CPU
    /// the near engine's first frame needs (on two cores its rows came 2 to 8 times later).
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for api in apis { group.addTask { await api.watcher.run() } }
            guard let near = primary else { return }
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
        guard hasSeveralHosts else { return members.first.map { ($0.monitor, name, $0.host) } }
        let qualified = QualifiedName(name)
        guard let host = qualified.host, let member = members.first(where: { $0.host == host }) else { return nil }
        return (member.monitor, qualified.name, host)
    }

    /// The API that holds an instance of the merged snapshot, and its name there; nil for an engine's.
    public func apiRoute(_ name: String) -> (watcher: APIFleetWatcher, name: String, host: String)? {
        guard hasSeveralHosts else { return apis.first.map { ($0.watcher, name, $0.host) } }
        let qualified = QualifiedName(name)
        guard let host = qualified.host, let api = apis.first(where: { $0.host == host }) else { return nil }
        return (api.watcher, qualified.name, host)
    }

    /// The name a bot's history is kept under: this machine's bots by their own name, as with one engine (so
    /// that their history goes on when the console watches several), other hosts' as `HOST/NAME`.
    public func historyName(_ name: String) -> String {
        guard hasSeveralHosts, let route = route(name), route.host == members.first?.host else { return name }
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
        return members.dropFirst().contains { $0.host == host } || apis.contains { $0.host == host }
    }

    private func remerge() {
        // One merge at a time, so that an older merge never lands after a newer one.
        merging.withLock { _ in
            snapshots.set(
                FleetMerge.merge(
                    members.map { ($0.host, $0.monitor.snapshots.current.value) }
                        + apis.map { ($0.host, $0.watcher.snapshots.current.value) }))
        }
    }
}
