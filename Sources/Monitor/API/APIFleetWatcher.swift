import BackendAPI
import Deploy
import Foundation
import HBModel

/// Watches a fleet hummingbot-api runs: reads the API every `interval` and publishes the snapshot
/// `APIFleetView` makes of it. An API that stops answering keeps its rows, marked stale, until it answers again.
public actor APIFleetWatcher {
    public nonisolated let api: any FleetAPI
    public nonisolated let snapshots: LatestValue<FleetSnapshot>
    public nonisolated let now: @Sendable () -> Double
    private let interval: Double
    private let clock: any Clock<Duration>
    /// Bots this console is stopping, with what the row says meanwhile.
    private var stopping: [String: String] = [:]
    private var lastGood: Double?
    private var linkSince: Double?
    private var firstFrame = Milestone()
    private var nap: Task<Void, Never>?
    /// The actions under way, each with its cross-process lock (nil where none could be made).
    private var locks: [String: InstanceLock?] = [:]

    public init(
        api: any FleetAPI, interval: Double = 2,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.api = api
        self.interval = interval
        self.now = now
        self.clock = clock
        var first = APIFleetView.offline(nil, server: api.server, reason: "", lastGood: nil, now: now())
        first.engine = .connecting
        snapshots = LatestValue(first)
    }

    /// Polls until cancelled.
    public func run() async {
        while !Task.isCancelled {
            await poll()
            let pause = Task { [clock, interval] in _ = try? await clock.sleep(for: .milliseconds(Int(interval * 1000)))
            }
            nap = pause
            await pause.value
        }
        await api.close()
    }

    /// Reads the API now and publishes what it says.
    public func poll() async {
        let at = now()
        do {
            let reading = try await APIFleetReading.read(from: api)
            lastGood = at
            if reading.mqtt?.mqttConnected == true { linkSince = linkSince ?? at } else { linkSince = nil }
            snapshots.set(
                APIFleetView.snapshot(reading, server: api.server, now: at, stopping: stopping, linkSince: linkSince))
        } catch is CancellationError {
            return
        } catch {
            snapshots.set(
                APIFleetView.offline(
                    snapshots.current.value, server: api.server, reason: "\(error)", lastGood: lastGood, now: at))
        }
        firstFrame.reach()
    }

    /// Reads again at once (after an action), instead of at the next interval.
    public func wake() {
        nap?.cancel()
    }

    /// One action at a time per bot, in this console and across hbdeck processes (`InstanceLock`): begins one on
    /// `name`, its row reading Stopping with `reason` where it stops the bot, until `finished`; refused, never
    /// queued, while another runs.
    public func beginAction(on name: String, _ reason: String?) -> Result<Void, ActionRefused> {
        guard locks[name] == nil else {
            return .failure(ActionRefused(description: "\(name): an action is already under way on it"))
        }
        switch InstanceLock.acquire(name, engine: api.server.baseURL, in: InstanceLock.folder(botsFolder: nil)) {
        case .success(let lock): locks[name] = .some(lock)
        case .failure(let busy): return .failure(ActionRefused(description: "\(name): \(busy.description)"))
        }
        if let reason { markStopping(name, reason) }
        return .success(())
    }

    /// The row of `name` reads Stopping with `reason` until `finished` is called.
    func markStopping(_ name: String, _ reason: String) {
        stopping[name] = reason
        var snapshot = snapshots.current.value
        if let index = snapshot.instances.firstIndex(where: { $0.name == name }),
            snapshot.instances[index].state == .running
        {
            snapshot.instances[index].state = .stopping
            snapshot.instances[index].reason = reason
            snapshots.set(snapshot)
        }
    }

    public func finished(_ name: String) {
        stopping[name] = nil
        locks.removeValue(forKey: name)??.release()
        wake()
    }

    /// Returns once the first answer (or failure) has been published.
    public func firstFrameShown() async {
        guard !firstFrame.reached else { return }
        await withCheckedContinuation { firstFrame.wait($0) }
    }
}
