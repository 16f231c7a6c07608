import BotLink
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
    public nonisolated let bots: BotConnection?
    private let connector: Connector
    public nonisolated let now: @Sendable () -> Double
    /// What every wait of the monitor waits on (the tests' own clock, which moves only when told).
    private let clock: any Clock<Duration>
    var client: (any FleetEngine)?
    private var engine: EngineStatus = .connecting
    private var lastGood: Double?
    private var summaries: [ContainerSummary] = []
    private var details: [ContainerID: ContainerDetails] = [:]
    private var detailKeys: [ContainerID: String] = [:]
    private var counters: [ContainerID: CgroupReader.Counters] = [:]
    private var cgroups: [ContainerID: CgroupFiles] = [:]
    private let counterFileBudget = CounterFileBudget.current()
    private var figures: [ContainerID: ResourceFigures] = [:]
    /// What errors.log says of each container that has ended: its last line and last traceback.
    private var endings: [ContainerID: ErrorsLog.Ending] = [:]
    private var statusFiles: [ContainerID: StatusFileReader.Reading] = [:]
    private var diskUsage = InstanceDiskUsage()
    /// The fills of each running bot's current run from its own trade database, by container id.
    private var tradeFigures: [ContainerID: TradeDatabase.Figures] = [:]
    /// Bots whose open orders MQTT knows whole (heard all of their run, no gap): their `Order` table is not read.
    private var ordersHeardWhole: Set<ContainerID> = []
    /// Warnings and errors from each bot's log files, by container id, with the files' size and time when read.
    private var fileProblems: [ContainerID: (stamp: [Double], records: [ProblemRecord])] = [:]
    /// Files of a bot's folder that are there but were not read (a link, a FIFO), with the reason.
    private var unreadableFiles: [ContainerID: [String]] = [:]
    private var tradesReadAt = -Double.infinity
    /// By instance name, as everything keyed by `String` here; what is kept by container is keyed by `ContainerID`.
    private var diskUsed: [String: UInt64] = [:]
    /// Containers this console stopped, by id, with the run (`StartedAt`) it stopped and how: the exit code
    /// such a stop leaves (137 after a kill) then reads as what it was.
    private var stoppedHere: [ContainerID: (run: String, how: String)] = [:]
    private var history: [String: MetricHistory] = [:]
    var pending: [String: PendingAction] = [:]
    /// Actions that ended, by instance, with the number of reconciles begun by then: their marker stays until a
    /// reconcile begun after the end has read the engine, so that the row never shows the state from before.
    var settling: [String: Int] = [:]
    /// Reconciles begun so far.
    private(set) var reconciles = 0
    private var eventsTask: Task<Void, Never>?
    private var wakeRequested = false
    private var nap: Task<Void, Never>?

    /// The real engine at `config.endpoint`.
    public static let dockerConnector: Connector = { config in
        try await DockerClient.connect(to: config.endpoint, timeout: 5) { try await $0.listContainers(all: true) }
    }

    /// `connector`, `now` and `clock` are for tests: a fake engine, and the time it reads and the clock it
    /// waits on (one manual clock behind both).
    public init(
        config: MonitorConfig, connector: @escaping Connector = FleetMonitor.dockerConnector,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.config = config
        self.connector = connector
        self.now = now
        self.clock = clock
        self.bots = config.mqtt.map { BotConnection(settings: $0, namespace: config.namespace) }
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
                    markOffline(error)
                    await publish()
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
                    engine = .live
                    shown = true
                    await publish()
                }
                try await reconcile(listed: listed)
                listed = nil
                engine = .live
                lastGood = now()
                if sample, let client {
                    await self.sample(client: client)
                    await readStatusFiles(client: client)
                    measureDisks()
                    await readBotFiles()
                }
            } catch {
                markOffline(error)
                await dropClient()
            }
            await publish()
            if sample { recordHistory() }
            await sleepUntilWoken(until: nextSample)
        }
        await dropClient()
        await bots?.close()
    }

    /// Remembers that this console stopped the named instance's current run.
    func rememberStopped(_ name: String, how: String) {
        guard let summary = summaries.first(where: { $0.name == name }), let found = details[summary.containerID] else {
            return
        }
        stoppedHere[summary.containerID] = (found.state.startedAt, how)
    }

    /// How the named instance's bot runs, as its container's command says.
    func engine(of name: String) -> BotEngine {
        guard let summary = summaries.first(where: { $0.name == name }), let found = details[summary.containerID] else {
            return .quickstart
        }
        return BotEngine.of(command: found.config.cmd)
    }

    /// Asks for a reconcile now (after an engine event or an action).
    func wake() {
        wakeRequested = true
        nap?.cancel()
    }

    private func sleepUntilWoken(until deadline: Double) async {
        // Between samples, telemetry and liveness (which changes with time alone) are republished once a
        // second. An engine event or an action ends the nap at once.
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
                for try await _ in try await client.containerEvents() { await self?.wake() }
            } catch {}
            // The stream ends when the engine goes away: the next reconcile finds out and reconnects.
            await self?.wake()
        }
        return listed
    }

    private func dropClient() async {
        eventsTask?.cancel()
        eventsTask = nil
        if let client { await client.close() }
        client = nil
    }

    private func markOffline(_ error: any Error) {
        let reason: String
        switch error {
        case DockerError.unreachable(_, let why): reason = why
        case DockerError.timedOut: reason = "timed out"
        default: reason = String(describing: error)
        }
        engine = .offline(reason: reason, lastGood: lastGood)
    }

    /// `listed`: a list just fetched (on connecting), else the engine is asked.
    private func reconcile(listed: [ContainerSummary]? = nil, firstFrame: Bool = false) async throws {
        guard let client else { return }
        reconciles += 1
        let begun = reconciles
        let known = Dictionary(
            details.compactMap { id, found in found.config.image.isEmpty ? nil : (id.value, found.config.image) },
            uniquingKeysWith: { $1 })
        let fresh: [ContainerSummary]
        if let listed { fresh = listed } else { fresh = try await client.listContainers() }
        let all = try await client.resolvingImageNames(fresh, known: known)
        summaries = all.filter {
            BotClassifier.isBot(image: $0.image, labels: $0.labels, command: $0.command)
                || $0.name == config.brokerContainer
        }
        let live = Set(summaries.map(\.containerID))
        for id in details.keys where !live.contains(id) {
            details[id] = nil
            detailKeys[id] = nil
            counters[id] = nil
            cgroups[id] = nil
            figures[id] = nil
            endings[id] = nil
            statusFiles[id] = nil
            stoppedHere[id] = nil
        }
        // Inspect only what changed since the last look, eight at a time; with each container that has
        // exited, the last line of its errors.log.
        let changed = summaries.filter {
            (detailKeys[$0.containerID] != Self.detailKey($0) || details[$0.containerID] == nil)
                && (!firstFrame || Self.needsInspectionFirst($0))
        }
        let inspected = try await concurrentMap(changed, limit: 8) { summary in
            let found = try await client.inspectContainer(summary.id)
            let ended = !firstFrame && ["exited", "dead"].contains(found.state.status)
            return (summary, found, ended ? await ErrorsLog.ending(of: found, client: client) : nil)
        }
        for (summary, found, ending) in inspected {
            details[summary.containerID] = found
            detailKeys[summary.containerID] = firstFrame ? nil : Self.detailKey(summary)
            endings[summary.containerID] = ending
        }
        // Actions that had ended when this look at the engine began are now shown as the engine has them.
        for (name, endedAt) in settling where begun > endedAt {
            pending[name] = nil
            settling[name] = nil
        }
    }

    /// Whether the list alone cannot say truly how a container is: an exit code 137 may be an OOM kill,
    /// and dead, restarting or paused ones need their details.
    private static func needsInspectionFirst(_ summary: ContainerSummary) -> Bool {
        switch summary.state {
        case "running", "created": return false
        case "exited": return summary.listedExitCode.map { $0 == 137 } ?? true
        default: return true
        }
    }

    /// Changes whenever the container's state does, so its details are read again.
    private static func detailKey(_ summary: ContainerSummary) -> String {
        // The networks too: an isolated bot's broker attached or detached is seen in the next list.
        "\(summary.state)|\(summary.status.prefix(2))|\(summary.created)|\(summary.networks.joined(separator: ","))"
    }

    private func sample(client: any FleetEngine) async {
        let running = summaries.filter { $0.state == "running" }
        guard config.endpoint.isLocalSocket else {
            await sampleThroughEngine(running, client: client)
            return
        }
        // Where a container's cgroup files cannot be read from here (hbdeck in a container, rootless
        // Docker), its figures come from the engine instead.
        var unreadable: [ContainerSummary] = []
        let runningIDs = Set(running.map(\.containerID))
        cgroups = cgroups.filter { runningIDs.contains($0.key) }
        for summary in running {
            guard let found = details[summary.containerID] else { continue }
            let pid = found.state.pid
            if cgroups[summary.containerID]?.pid != pid {
                cgroups[summary.containerID] = nil
                let open = cgroups.values.reduce(0) { $0 + $1.openCount }
                cgroups[summary.containerID] = CgroupFiles.locate(
                    pid: pid, hostNetwork: found.hostConfig.networkMode == "host",
                    keepOpen: open + CgroupFiles.fileCount <= counterFileBudget)
            }
            guard let files = cgroups[summary.containerID], let now = CgroupReader.read(files) else {
                cgroups[summary.containerID] = nil
                unreadable.append(summary)
                continue
            }
            figures[summary.containerID] = CgroupReader.figures(now: now, before: counters[summary.containerID])
            figures[summary.containerID]?.source = .cgroups
            counters[summary.containerID] = now
        }
        await sampleThroughEngine(unreadable, client: client)
    }

    /// The `data/bot/` files of the running bots that the client's `hbot` CLI runs, eight at a time.
    private func readStatusFiles(client: any FleetEngine) async {
        let hbot = summaries.compactMap { summary -> ContainerDetails? in
            guard summary.state == "running", let found = details[summary.containerID],
                BotEngine.of(command: found.config.cmd) == .hbot
            else { return nil }
            return found
        }
        let local = config.endpoint.isLocalSocket
        let previous = statusFiles
        let read =
            (try? await concurrentMap(hbot, limit: 8) { found in
                (
                    ContainerID(found.id),
                    await StatusFileReader.read(
                        found, local: local, client: client, previous: previous[ContainerID(found.id)])
                )
            }) ?? []
        statusFiles = Dictionary(read, uniquingKeysWith: { $1 })
    }

    /// Each bot's fills of its current (or last) run from its own `data/<config>.sqlite`, and the problems
    /// in its log files, every 10 s, where its folders are on this machine: exact counts, even for fills made
    /// before the console listened. Read four bots at a time off this actor (`BotFilesRead`).
    private func readBotFiles() async {
        guard config.endpoint.isLocalSocket, now() - tradesReadAt >= 10 else { return }
        tradesReadAt = now()
        let jobs = summaries.compactMap { summary -> BotFilesRead.Job? in
            guard summary.name != config.brokerContainer, let found = details[summary.containerID],
                let started = SnapshotBuilder.parseTime(found.state.startedAt),
                let data = found.mounts.first(where: { $0.destination == StatusFileReader.dataFolder })?.source,
                !data.isEmpty
            else { return nil }
            let logs = found.mounts.first(where: { $0.destination == "/home/hummingbot/logs" })?.source
            return BotFilesRead.Job(
                id: summary.id, dataFolder: data, logsFolder: logs?.isEmpty == false ? logs : nil,
                config: BotEngine.of(command: found.config.cmd) == .hbot
                    ? BotEngine.config(in: found.config.cmd) : SnapshotBuilder.strategy(found),
                runStartedAt: started, openOrders: !ordersHeardWhole.contains(summary.containerID),
                logStamp: fileProblems[summary.containerID]?.stamp)
        }
        let now = now()
        let read = (try? await concurrentMap(jobs, limit: 4) { BotFilesRead.read($0, now: now) }) ?? []
        tradeFigures = Dictionary(
            read.compactMap { result in result.figures.map { (ContainerID(result.id), $0) } }, uniquingKeysWith: { $1 })
        unreadableFiles = Dictionary(read.map { (ContainerID($0.id), $0.unreadable) }, uniquingKeysWith: { $1 }).filter
        {
            !$0.value.isEmpty
        }
        for result in read { if let problems = result.problems { fileProblems[ContainerID(result.id)] = problems } }
        fileProblems = fileProblems.filter { id, _ in summaries.contains { $0.containerID == id } }
    }

    /// The size of each instance's `data/` and `logs/`, when a quota is set and the bots folder is here.
    private func measureDisks() {
        guard config.diskQuota != nil, let folder = config.botsFolder, config.endpoint.isLocalSocket else { return }
        diskUsed = diskUsage.usage(
            of: summaries.map(\.name).filter { $0 != config.brokerContainer }, in: folder, now: now())
    }

    /// One-shot stats calls, eight at a time.
    private func sampleThroughEngine(_ containers: [ContainerSummary], client: any FleetEngine) async {
        guard !containers.isEmpty else { return }
        let sampled =
            (try? await concurrentMap(containers, limit: 8) { summary -> (ContainerID, ResourceFigures?) in
                guard let sample = try? await client.stats(summary.id) else { return (summary.containerID, nil) }
                let usage = ResourceUsage(sample)
                return (
                    summary.containerID,
                    ResourceFigures(
                        cpuPercent: usage.cpuPercent, memoryUsed: usage.memoryUsed, memoryLimit: usage.memoryLimit,
                        networkRx: usage.networkRx, networkTx: usage.networkTx, pids: usage.pids, source: .engineStats)
                )
            }) ?? []
        for (id, result) in sampled { figures[id] = result }
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
        var starts: [String: Double] = [:]
        for summary in summaries {
            if let text = details[summary.containerID]?.state.startedAt, let started = SnapshotBuilder.parseTime(text) {
                starts[summary.name] = started
            }
        }
        let records = await bots?.hub.snapshot(runsStartedAt: starts) ?? [:]
        var instances: [InstanceSnapshot] = []
        let link = linkState()
        var listeningSince: Double?
        if case .connected(let since) = link { listeningSince = since }
        var brokerSnapshot = BrokerSnapshot(
            containerName: config.brokerContainer, address: config.brokerAddress, link: link)
        for summary in summaries {
            var built = SnapshotBuilder.instance(
                summary: summary, details: details[summary.containerID], pending: pending[summary.name],
                bot: records[summary.name],
                linkEnabled: bots != nil, listeningSince: listeningSince, figures: figures[summary.containerID],
                errorsLine: endings[summary.containerID]?.lastLine,
                statusFile: statusFiles[summary.containerID],
                stoppedHere: stoppedHere[summary.containerID].flatMap {
                    $0.run == details[summary.containerID]?.state.startedAt ? $0.how : nil
                }, now: now,
                livenessTimeout: config.livenessTimeout, restartAfter: config.restartAfter)
            if records[summary.name] != nil, !built.countsAreLowerBounds, !built.hasUncertainOrders {
                ordersHeardWhole.insert(summary.containerID)
            } else {
                ordersHeardWhole.remove(summary.containerID)
            }
            if let trades = tradeFigures[summary.containerID] {
                SnapshotBuilder.apply(
                    trades, closedOrders: records[summary.name]?.activity.closedOrders ?? [:], to: &built)
            }
            if built.state != .running, let traceback = endings[summary.containerID]?.traceback {
                built.crashTraceback = traceback
            }
            if let files = fileProblems[summary.containerID]?.records {
                SnapshotBuilder.apply(fileProblems: files, to: &built)
            }
            built.unreadableFiles =
                (unreadableFiles[summary.containerID] ?? []) + (statusFiles[summary.containerID]?.unreadable ?? [])
            built.diskUsed = diskUsed[summary.name]
            built.diskQuota = built.diskUsed == nil ? nil : config.diskQuota
            if summary.name == config.brokerContainer {
                brokerSnapshot.state = built.state
                brokerSnapshot.health = details[summary.containerID]?.state.health?.status
                brokerSnapshot.image = summary.image
                brokerSnapshot.startedAt = built.startedAt
                brokerSnapshot.resources = built.resources
            } else {
                instances.append(built)
            }
        }
        instances += undeployedInstances(besides: Set(instances.map(\.name)))
        brokerSnapshot.maxBots = config.brokerMaxBots
        if let broker = summaries.first(where: { $0.name == config.brokerContainer }).flatMap({
            details[$0.containerID]
        }) {
            brokerSnapshot.missingNetworks = summaries.compactMap { details[$0.containerID] }.map(
                \.hostConfig.networkMode
            )
            .filter { mode in
                summaries.contains { mode == HBLabels.isolatedNetwork(of: $0.name) }
                    && !broker.networks.contains(mode)
            }
            .sorted()
        }
        brokerSnapshot.botsHeard =
            records.values.filter { $0.liveness.health(now: now, timeout: config.livenessTimeout) == .online }.count
        let snapshot = FleetSnapshot(
            takenAt: now, endpoint: config.endpoint.description, engine: engine, instances: instances,
            broker: brokerSnapshot,
            history: history, botsFolder: config.botsFolder)
        // Publish only what changed, so an idle fleet costs the draw loop nothing.
        var previous = snapshots.current.value
        previous.takenAt = now
        if previous != snapshot { snapshots.set(snapshot) }
    }

    private func linkState() -> BrokerSnapshot.Link {
        guard let bots else { return .disabled }
        switch bots.client.state {
        case .connecting: return .connecting
        case .connected(let since): return .connected(since: since)
        case .disconnected(let reason, _): return .disconnected(reason: reason)
        case .closed: return .disconnected(reason: "closed")
        }
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
