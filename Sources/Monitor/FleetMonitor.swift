import BotLink
import Deploy
import Docker
import Foundation
import HBModel

/// Watches the engine and the bots and publishes immutable `FleetSnapshot`s. No drawing here.
///
/// Follows the engine's event stream for immediate changes and reconciles with a full list every
/// `refreshInterval`. Resource figures come from cgroups when the engine is local, else from one-shot
/// stats calls with bounded concurrency: never one stream per container.
public actor FleetMonitor {
    /// Opens the engine and lists its containers (at once, beside the version probe).
    public typealias Connector = @Sendable (MonitorConfig) async throws -> (any FleetEngine, [ContainerSummary])

    public nonisolated let config: MonitorConfig
    public nonisolated let snapshots: LatestValue<FleetSnapshot>
    public nonisolated let bots: (any BotChannel)?
    private let connector: Connector
    public nonisolated let now: @Sendable () -> Double
    /// What every wait of the monitor waits on (the tests' own clock, which moves only when told).
    private let clock: any Clock<Duration>
    private var collectors: MonitorCollectors
    var client: (any FleetEngine)?
    /// What the monitor knows of the engine's containers and the actions under way: changed only by
    /// `FleetCore.reconcile`, from what this actor saw.
    private(set) var state: FleetState
    private var figures: [ContainerID: ResourceFigures] = [:]
    private var statusFiles: [ContainerID: StatusFileReader.Reading] = [:]
    /// The fills of each running bot's current run from its own trade database, by container id.
    private var tradeFigures: [ContainerID: TradeDatabase.Figures] = [:]
    /// Bots whose open orders MQTT knows whole (heard all of their run, no gap): their `Order` table is not read.
    private var ordersHeardWhole: Set<ContainerID> = []
    /// Warnings and errors from each bot's log files, by container id, with the files' size and time when read.
    private var fileProblems: [ContainerID: (stamp: [Double], records: [ProblemRecord])] = [:]
    /// Files of a bot's folder that are there but were not read (a link, a FIFO), with the reason.
    private var unreadableFiles: [ContainerID: [String]] = [:]
    private var tradesReadAt = -Double.infinity
    private var diskUsed: [ContainerName: UInt64] = [:]
    private var history: [String: MetricHistory] = [:]
    /// The cross-process locks of the actions under way here (`InstanceLock`).
    var locks: [ContainerName: InstanceLock] = [:]
    private var eventsTask: Task<Void, Never>?
    /// The first frame published (`firstFrameShown`), and the first with every collector's figures.
    private var firstFrame = Milestone()
    private var firstSample = Milestone()
    private var wakeRequested = false
    private var nap: Task<Void, Never>?

    /// The real engine at `config.endpoint`.
    public static let dockerConnector: Connector = { config in
        try await DockerClient.connect(to: config.endpoint, timeout: 5) { try await $0.listContainers(all: true) }
    }

    /// The bot link to the broker `config.mqtt` names, nil when it names none.
    public static func mqttLink(_ config: MonitorConfig) -> (any BotChannel)? {
        config.mqtt.map { BotConnection(settings: $0, namespace: config.namespace) }
    }

    /// `connector`, `now` and `clock` are for tests: a fake engine, and the time it reads and the clock it
    /// waits on (one manual clock behind both).
    public init(
        config: MonitorConfig, connector: @escaping Connector = FleetMonitor.dockerConnector,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.init(
            config: config, connector: connector, bots: Self.mqttLink(config),
            collectors: .standard(for: config), now: now, clock: clock)
    }

    /// With the bot link and the collectors given: tests give fakes.
    init(
        config: MonitorConfig, connector: @escaping Connector, bots: (any BotChannel)?,
        collectors: MonitorCollectors, now: @escaping @Sendable () -> Double, clock: any Clock<Duration>
    ) {
        self.config = config
        self.connector = connector
        self.now = now
        self.clock = clock
        self.bots = bots
        self.collectors = collectors
        self.state = FleetState(brokerContainer: config.brokerContainer)
        let broker = BrokerSnapshot(containerName: config.brokerContainer, address: config.brokerAddress)
        snapshots = LatestValue(
            FleetSnapshot(
                takenAt: now(), endpoint: config.endpoint.description, engine: .connecting, instances: [],
                broker: broker, botsFolder: config.botsFolder))
    }

    /// Runs until cancelled.
    public func run() async {
        if let bots { try? await bots.start() }
        var backoff = 1.0
        var nextSample = 0.0
        var shown = false
        var listed: [ContainerSummary]?
        while !Task.isCancelled {
            if client == nil {
                do {
                    listed = try await connect()
                    backoff = 1
                } catch {
                    observe(.engineLost(reason: Self.reason(error)))
                    await publish()
                    firstFrame.reach()
                    firstSample.reach()
                    try? await clock.sleep(for: .seconds(backoff))
                    backoff = min(backoff * 2, 30)
                    continue
                }
            }
            let time = now()
            let sample = time >= nextSample
            if sample { nextSample = time + config.refreshInterval }
            do {
                if !shown {
                    // The first frame waits for nothing it can do without: the list says which containers run
                    // and how the others exited. Only those the list cannot classify truly (an exit code 137
                    // may be an OOM kill; dead or restarting ones) are inspected first; every other detail,
                    // errors.log and resource figure follows a moment later.
                    try await reconcile(listed: listed, firstFrame: true)
                    shown = true
                    await publish()
                    firstFrame.reach()
                }
                try await reconcile(listed: listed)
                listed = nil
                if sample, let client { await collect(client: client) }
            } catch {
                observe(.engineLost(reason: Self.reason(error)))
                await dropClient()
            }
            await publish()
            if sample || client == nil { firstSample.reach() }
            if sample { recordHistory() }
            await sleepUntilWoken(until: nextSample)
        }
        await dropClient()
        await bots?.close()
    }

    /// Returns once the first frame has been published: the engine's rows, or that it cannot be reached.
    public func firstFrameShown() async {
        guard !firstFrame.reached else { return }
        await withCheckedContinuation { firstFrame.wait($0) }
    }

    /// Returns once a snapshot with every collector's first figures (resources, status files, the bots' trade
    /// databases) has been published, or the engine could not be reached.
    public func firstSampleTaken() async {
        guard !firstSample.reached else { return }
        await withCheckedContinuation { firstSample.wait($0) }
    }

    /// Feeds an observation to the core and returns what it asks for next.
    @discardableResult
    func observe(_ observation: FleetObservation) -> [FleetEffect] {
        let (next, effects) = FleetCore.reconcile(state, observation, now: now())
        state = next
        return effects
    }

    /// How the named instance's bot runs, as its container's command says.
    func engine(of name: String) -> BotEngine {
        guard let found = state.container(named: ContainerName(name))?.details else { return .quickstart }
        return BotEngine.of(command: found.config.cmd)
    }

    /// Asks for a reconcile now (after an action, or an event only a list can follow).
    func wake() {
        wakeRequested = true
        nap?.cancel()
    }

    private func sleepUntilWoken(until deadline: Double) async {
        // Between samples, telemetry and liveness (which changes with time alone) are republished once a
        // second. An action or an event that needs a list ends the nap at once.
        while !Task.isCancelled, !wakeRequested, now() < deadline {
            let (length, clock) = (max(0, min(1, deadline - now())), clock)
            let nap = Task { _ = try? await clock.sleep(for: .seconds(length)) }
            self.nap = nap
            await nap.value
            self.nap = nil
            if bots != nil, !wakeRequested, now() < deadline { await publish() }
        }
        wakeRequested = false
    }

    /// Returns the engine's container list, fetched beside the version probe.
    private func connect() async throws -> [ContainerSummary] {
        let (client, listed) = try await connector(config)
        self.client = client
        // Opened beside the first list rather than before it, so that the list does not wait for it; a change
        // between the two is caught by the next full reconcile, one refresh interval later at most.
        eventsTask = Task { [weak self] in
            do {
                for try await event in try await client.containerEvents() { await self?.receive(event) }
            } catch {}
            // The stream ends when the engine goes away: the next reconcile finds out and reconnects.
            await self?.wake()
        }
        return listed
    }

    /// Applies what an engine event carries at once, then reads what it does not carry: one inspect of that
    /// container, or a list when only a list can say (a new container).
    private func receive(_ event: DockerEvent) async {
        var effects = observe(.event(event))
        while let effect = effects.first {
            effects.removeFirst()
            switch effect {
            case .publish: await publish()
            case .list: wake()
            case .inspect(let requests):
                guard let client, let inspected = try? await inspect(requests, client: client) else {
                    wake()
                    continue
                }
                effects += observe(.inspected(inspected, list: nil))
                effects.append(.publish)
            }
        }
    }

    private func dropClient() async {
        eventsTask?.cancel()
        eventsTask = nil
        if let client { await client.close() }
        client = nil
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DockerError.unreachable(_, let why): return why
        case DockerError.timedOut: return "timed out"
        default: return String(describing: error)
        }
    }

    /// `listed`: a list just fetched (on connecting), else the engine is asked.
    private func reconcile(listed: [ContainerSummary]? = nil, firstFrame: Bool = false) async throws {
        guard let client else { return }
        observe(.listAsked)
        let list = state.listsBegun
        let fresh: [ContainerSummary]
        if let listed { fresh = listed } else { fresh = try await client.listContainers() }
        let all = try await client.resolvingImageNames(fresh, known: state.knownImages)
        var inspected: [Inspection] = []
        for case .inspect(let requests) in observe(.listed(all, firstFrame: firstFrame)) {
            inspected += try await inspect(requests, client: client)
        }
        observe(.inspected(inspected, list: list))
    }

    /// Inspects eight at a time; with each container that has ended, the tail of its errors.log.
    private func inspect(_ requests: [InspectRequest], client: any FleetEngine) async throws -> [Inspection] {
        try await concurrentMap(requests, limit: 8) { request in
            let found = try await client.inspectContainer(request.id.value)
            let ended = request.readsEnding && ["exited", "dead"].contains(found.state.status)
            return Inspection(
                request: request, details: found,
                ending: ended ? await ErrorsLog.ending(of: found, client: client) : nil)
        }
    }

    /// Every collector's figures of the running containers.
    private func collect(client: any FleetEngine) async {
        let running = state.tracked.filter { $0.summary.state == "running" }
        // Where a container's cgroup files cannot be read from here (hbdeck in a container, rootless Docker),
        // its figures come from the engine instead.
        let local = await collectors.cgroups?.figures(of: running, engine: client) ?? [:]
        let remote = await collectors.engineStats.figures(
            of: running.filter { local[$0.id] == nil }, engine: client)
        figures = local.merging(remote) { $1 }
        let hbot = running.compactMap { $0.details }.filter { BotEngine.of(command: $0.config.cmd) == .hbot }
        statusFiles = await collectors.statusFiles.read(hbot, engine: client, previous: statusFiles)
        measureDisks()
        await readBotFiles()
    }

    /// Each bot's fills of its current (or last) run from its own `data/<config>.sqlite`, and the problems
    /// in its log files, every 10 s, where its folders are on this machine: exact counts, even for fills made
    /// before the console listened.
    private func readBotFiles() async {
        guard let reader = collectors.botFiles, now() - tradesReadAt >= 10 else { return }
        tradesReadAt = now()
        let jobs = state.tracked.compactMap { tracked -> BotFilesRead.Job? in
            guard tracked.summary.name != config.brokerContainer, let found = tracked.details,
                let started = SnapshotBuilder.parseTime(found.state.startedAt),
                let data = found.mounts.first(where: { $0.destination == StatusFileReader.dataFolder })?.source,
                !data.isEmpty
            else { return nil }
            let logs = found.mounts.first(where: { $0.destination == "/home/hummingbot/logs" })?.source
            return BotFilesRead.Job(
                id: tracked.id.value, dataFolder: data, logsFolder: logs?.isEmpty == false ? logs : nil,
                config: BotEngine.of(command: found.config.cmd) == .hbot
                    ? BotEngine.config(in: found.config.cmd) : SnapshotBuilder.strategy(found),
                runStartedAt: started, openOrders: !ordersHeardWhole.contains(tracked.id),
                logStamp: fileProblems[tracked.id]?.stamp)
        }
        let read = await reader.read(jobs, now: now())
        tradeFigures = Dictionary(
            read.compactMap { result in result.figures.map { (ContainerID(result.id), $0) } }, uniquingKeysWith: { $1 })
        unreadableFiles = Dictionary(read.map { (ContainerID($0.id), $0.unreadable) }, uniquingKeysWith: { $1 })
            .filter { !$0.value.isEmpty }
        for result in read { if let problems = result.problems { fileProblems[ContainerID(result.id)] = problems } }
        fileProblems = fileProblems.filter { id, _ in state.containers[id] != nil }
    }

    /// The size of each instance's `data/` and `logs/`, when a quota is set and the bots folder is here.
    private func measureDisks() {
        guard let folder = config.botsFolder, collectors.disk != nil else { return }
        let names = state.tracked.map(\.summary.name).filter { $0 != config.brokerContainer }
        let used = collectors.disk?.usage(of: names, in: folder, now: now()) ?? [:]
        diskUsed = Dictionary(used.map { (ContainerName($0.key), $0.value) }, uniquingKeysWith: { $1 })
    }

    private func recordHistory() {
        let snapshot = snapshots.current.value
        for instance in snapshot.instances {
            var series = history[instance.name] ?? MetricHistory()
            series.append(
                cpu: instance.resources.cpuPercent, memory: instance.resources.memoryUsed.map { Double($0) },
                networkRate: networkRate(instance), pnl: instance.pnl)
            history[instance.name] = series
        }
    }

    private var lastNetwork: [String: (UInt64, Double)] = [:]

    private func networkRate(_ instance: InstanceSnapshot) -> Double? {
        guard let rx = instance.resources.networkRx, let tx = instance.resources.networkTx else { return nil }
        let time = now()
        defer { lastNetwork[instance.name] = (rx + tx, time) }
        guard let (before, at) = lastNetwork[instance.name], rx + tx >= before, time > at else { return nil }
        return Double(rx + tx - before) / (time - at)
    }

    func publish() async {
        let now = self.now()
        let tracked = state.tracked
        var starts: [String: Double] = [:]
        for container in tracked {
            if let text = container.details?.state.startedAt, let started = SnapshotBuilder.parseTime(text) {
                starts[container.summary.name] = started
            }
        }
        let records = await bots?.records(runsStartedAt: starts) ?? [:]
        var instances: [InstanceSnapshot] = []
        let link = bots?.link ?? .disabled
        var listeningSince: Double?
        if case .connected(let since) = link { listeningSince = since }
        var brokerSnapshot = BrokerSnapshot(
            containerName: config.brokerContainer, address: config.brokerAddress, link: link)
        for container in tracked {
            let (id, name, summary) = (container.id, container.summary.name, container.summary)
            var built = SnapshotBuilder.instance(
                summary: summary, details: container.details, pending: state.pending[container.name],
                bot: records[name], linkEnabled: bots != nil, listeningSince: listeningSince, figures: figures[id],
                errorsLine: container.ending?.lastLine, statusFile: statusFiles[id],
                stoppedHere: container.stoppedThisRun, now: now,
                livenessTimeout: config.livenessTimeout, restartAfter: config.restartAfter)
            if records[name] != nil, !built.countsAreLowerBounds, !built.hasUncertainOrders {
                ordersHeardWhole.insert(id)
            } else {
                ordersHeardWhole.remove(id)
            }
            if let trades = tradeFigures[id] {
                SnapshotBuilder.apply(trades, closedOrders: records[name]?.activity.closedOrders ?? [:], to: &built)
            }
            if built.state != .running, let traceback = container.ending?.traceback {
                built.crashTraceback = traceback
            }
            if let files = fileProblems[id]?.records {
                SnapshotBuilder.apply(fileProblems: files, to: &built)
            }
            built.unreadableFiles = (unreadableFiles[id] ?? []) + (statusFiles[id]?.unreadable ?? [])
            built.diskUsed = diskUsed[container.name]
            built.diskQuota = built.diskUsed == nil ? nil : config.diskQuota
            if name == config.brokerContainer {
                brokerSnapshot.state = built.state
                brokerSnapshot.health = container.details?.state.health?.status
                brokerSnapshot.image = summary.image
                brokerSnapshot.startedAt = built.startedAt
                brokerSnapshot.resources = built.resources
            } else {
                instances.append(built)
            }
        }
        instances += undeployedInstances(besides: Set(instances.map(\.name)))
        brokerSnapshot.maxBots = config.brokerMaxBots
        if let broker = state.container(named: ContainerName(config.brokerContainer))?.details {
            let isolated = Set(tracked.map { HBLabels.isolatedNetwork(of: $0.summary.name) })
            brokerSnapshot.missingNetworks = tracked.compactMap { $0.details?.hostConfig.networkMode }
                .filter { isolated.contains($0) && !broker.networks.contains($0) }
                .sorted()
        }
        brokerSnapshot.botsHeard =
            records.values.filter { $0.liveness.health(now: now, timeout: config.livenessTimeout) == .online }.count
        let snapshot = FleetSnapshot(
            takenAt: now, endpoint: config.endpoint.description, engine: state.engine, instances: instances,
            broker: brokerSnapshot, history: history, botsFolder: config.botsFolder)
        // Publish only what changed, so an idle fleet costs the draw loop nothing.
        var previous = snapshots.current.value
        previous.takenAt = now
        if previous != snapshot { snapshots.set(snapshot) }
    }

    private func undeployedInstances(besides names: Set<String>) -> [InstanceSnapshot] {
        guard let folder = config.botsFolder,
            let entries = try? FileManager.default.contentsOfDirectory(atPath: folder + "/instances")
        else { return [] }
        return entries.sorted().filter { !names.contains($0) && (try? InstanceName(validating: $0)) != nil }.map {
            InstanceSnapshot(name: $0, state: .notDeployed, reason: nil)
        }
    }
}
