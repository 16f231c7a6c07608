import Deploy
import Docker
import Foundation
import Monitor
import Synchronization

/// An engine held in memory for the monitor's and the operations' unit tests: containers, a switch to make it
/// unreachable, and the events a real engine sends when they change (`create`, `start`, `die` with its exit
/// code, `destroy`, a network's `connect`).
public final class FakeEngine: FleetEngine {
    public struct Container: Sendable {
        public var name: String
        /// running, exited, …
        public var state: String
        public var exitCode: Int
        public var restartCount: Int
        public var startedAt: String
        public var errorsLog: String?
        public var networkMode: String
        public var networks: [String]
        /// The container's command (`Config.Cmd`), nil: none given.
        public var command: [String]?
        public var oomKilled: Bool

        public init(
            name: String, state: String, exitCode: Int = 0, restartCount: Int = 0,
            startedAt: String = "2026-11-26T00:00:00Z", errorsLog: String? = nil, networkMode: String = "host",
            networks: [String] = [], command: [String]? = nil, oomKilled: Bool = false
        ) {
            self.name = name
            self.state = state
            self.exitCode = exitCode
            self.restartCount = restartCount
            self.startedAt = startedAt
            self.errorsLog = errorsLog
            self.networkMode = networkMode
            self.networks = networks
            self.command = command
            self.oomKilled = oomKilled
        }
    }

    private struct State {
        var containers: [String: Container] = [:]
        var reachable = true
        var events: [AsyncThrowingStream<DockerEvent, any Error>.Continuation] = []
        var started: [String] = []
        var done: [String] = []
        var lists = 0
        var inspects = 0
        var stats: StatsSample?
    }

    private let state = Mutex(State())
    private let gate = Mutex<CheckedContinuation<Void, Never>?>(nil)

    public init() {}

    /// Adds or changes a container, with the events the engine would send.
    public func put(_ id: String, _ container: Container) {
        let before = state.withLock { s in
            defer { s.containers[id] = container }
            return s.containers[id]
        }
        if before == nil { emit("create", id: id, name: container.name) }
        if before?.state != container.state || before?.startedAt != container.startedAt {
            switch container.state {
            case "running": emit("start", id: id, name: container.name)
            case "exited", "dead":
                if container.oomKilled { emit("oom", id: id, name: container.name) }
                emit("die", id: id, name: container.name, ["exitCode": String(container.exitCode)])
            default: emit("update", id: id, name: container.name)
            }
        } else if before != nil {
            emit("update", id: id, name: container.name)
        }
    }

    public func remove(_ id: String) {
        let name = state.withLock { s in
            defer { s.containers[id] = nil }
            return s.containers[id]?.name
        }
        emit("destroy", id: id, name: name ?? id)
    }

    /// Sends an event as the engine would, to every stream open.
    public func emit(
        _ action: String, id: String, name: String, _ attributes: [String: String] = [:], type: String = "container"
    ) {
        let event = DockerEvent(
            type: type, action: action,
            actor: .init(id: id, attributes: attributes.merging(["name": name]) { a, _ in a }),
            time: 1_795_660_000)
        for stream in state.withLock({ $0.events }) { stream.yield(event) }
    }

    public func setReachable(_ reachable: Bool) {
        let streams = state.withLock { s -> [AsyncThrowingStream<DockerEvent, any Error>.Continuation] in
            s.reachable = reachable
            defer { if !reachable { s.events = [] } }
            return reachable ? [] : s.events
        }
        for stream in streams { stream.finish(throwing: DockerError.unreachable(endpoint: "fake", reason: "gone")) }
    }

    /// The engine's answer to a stats call; without one, stats calls fail as on an engine that has none.
    public func setStats(_ sample: StatsSample?) {
        state.withLock { $0.stats = sample }
    }

    public var started: [String] { state.withLock { $0.started } }
    /// Stops and removals asked for, in order: `stop NAME (grace)`, `remove NAME`.
    public var done: [String] { state.withLock { $0.done } }
    /// Lists and inspects answered so far.
    public var calls: (lists: Int, inspects: Int) { state.withLock { ($0.lists, $0.inspects) } }
    public var waitingAtGate: Bool { gate.withLock { $0 != nil } }

    /// Lets a `startContainer` held at the gate go on.
    public func release() {
        gate.withLock {
            $0?.resume()
            $0 = nil
        }
    }

    private func check() throws {
        guard state.withLock({ $0.reachable }) else {
            throw DockerError.unreachable(endpoint: "fake", reason: "connection refused")
        }
    }

    public func listContainers() async throws -> [ContainerSummary] {
        try check()
        return try state.withLock { s in
            s.lists += 1
            return s.containers
        }
        .sorted { $0.key < $1.key }
        .map { id, c in
            let networks = c.networks.map { "\"\($0)\":{}" }.joined(separator: ",")
            let status = c.state == "exited" ? "Exited (\(c.exitCode)) 1 second ago" : c.state
            let json =
                #"{"Id":"\#(id)","Names":["/\#(c.name)"],"Image":"hummingbot/hummingbot:latest","State":"\#(c.state)","Status":"\#(status)","Created":1,"NetworkSettings":{"Networks":{\#(networks)}}}"#
            return try JSONDecoder().decode(ContainerSummary.self, from: Data(json.utf8))
        }
    }

    public func resolvingImageNames(_ containers: [ContainerSummary], known: [String: String]) async throws
        -> [ContainerSummary]
    { containers }

    public func inspectContainer(_ idOrName: String) async throws -> ContainerDetails {
        try check()
        let found = state.withLock { s in
            s.inspects += 1
            return s.containers.first { $0.key == idOrName || $0.value.name == idOrName }
        }
        guard let (id, c) = found else { throw DockerError.notFound(message: "no such container: \(idOrName)") }
        let command = c.command.map { "\"Cmd\":[" + $0.map { "\"\($0)\"" }.joined(separator: ",") + "]" } ?? ""
        let json = #"""
            {"Id":"\#(id)","Name":"/\#(c.name)","RestartCount":\#(c.restartCount),"State":{"Status":"\#(c.state)","Running":\#(c.state == "running"),
             "Paused":false,"Restarting":false,"OOMKilled":\#(c.oomKilled),"Dead":false,"Pid":0,"ExitCode":\#(c.exitCode),"Error":"",
             "StartedAt":"\#(c.startedAt)","FinishedAt":"0001-01-01T00:00:00Z"},"Config":{\#(command)},"HostConfig":{"NetworkMode":"\#(c.networkMode)"},
             "NetworkSettings":{"Networks":{\#(c.networks.map { "\"\($0)\":{}" }.joined(separator: ","))}}}
            """#
        return try JSONDecoder().decode(ContainerDetails.self, from: Data(json.utf8))
    }

    public func stats(_ idOrName: String) async throws -> StatsSample {
        try check()
        guard let sample = state.withLock({ $0.stats }) else { throw DockerError.notFound(message: "no stats") }
        return sample
    }

    public func tailOfFile(_ idOrName: String, path: String, maxBytes: Int, readLimit: Int) async throws -> [UInt8]? {
        state.withLock { $0.containers[idOrName]?.errorsLog }.map { Array($0.utf8) }
    }

    public func containerEvents() async throws -> any AsyncSequence<DockerEvent, any Error> & Sendable {
        try check()
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: DockerEvent.self)
        state.withLock { $0.events.append(continuation) }
        return stream
    }

    /// Waits at the gate until `release()`, so that a test sees the action under way.
    public func startContainer(_ idOrName: String) async throws {
        try check()
        await withCheckedContinuation { continuation in gate.withLock { $0 = continuation } }
        state.withLock { $0.started.append(idOrName) }
    }

    /// The bot's own output says it wound down as soon as it is watched.
    public func watchWindDown(of name: String) async -> WindDownWatch {
        WindDownWatch(
            source: "its container's output",
            seen: AsyncStream {
                $0.yield()
                $0.finish()
            })
    }

    /// As the quickstart image's bash PID 1 ends: killed after the grace period.
    public func stopContainer(_ idOrName: String, timeout: Int) async throws {
        try check()
        let stopped = state.withLock { s in
            s.done.append("stop \(idOrName) (\(timeout))")
            let ids = s.containers.filter { $0.value.name == idOrName || $0.key == idOrName }.map(\.key)
            for id in ids {
                s.containers[id]?.state = "exited"
                s.containers[id]?.exitCode = 137
            }
            return ids
        }
        for id in stopped { emit("die", id: id, name: idOrName, ["exitCode": "137"]) }
    }

    public func restartContainer(_ idOrName: String, timeout: Int) async throws { try check() }

    public func removeContainer(_ idOrName: String, force: Bool) async throws {
        try check()
        let removed = state.withLock { s in
            s.done.append("remove \(idOrName)")
            let ids = s.containers.filter { $0.value.name == idOrName || $0.key == idOrName }.map(\.key)
            for id in ids { s.containers[id] = nil }
            return ids
        }
        for id in removed { emit("destroy", id: id, name: idOrName) }
    }

    public func attachBrokerToBotNetworks(_ broker: String) async throws -> [String] {
        try check()
        let missing = state.withLock { s -> [String] in
            let wanted = s.containers.values.map(\.networkMode).filter { $0.hasPrefix("hbdeck-") }
            guard let (id, found) = s.containers.first(where: { $0.value.name == broker }) else { return [] }
            let missing = wanted.filter { !found.networks.contains($0) }.sorted()
            s.containers[id]?.networks += missing
            s.done.append("attach \(broker) to \(missing.joined(separator: ","))")
            return missing
        }
        for network in missing { emit("connect", id: network, name: network, type: "network") }
        return missing
    }

    public func recreate(_ name: String, networkMode: String) async throws -> String {
        try check()
        return state.withLock { s in
            s.done.append("recreate \(name) on \(networkMode)")
            for (id, c) in s.containers where c.name == name { s.containers[id]?.networkMode = networkMode }
            return "new-\(name)"
        }
    }

    public func isolate(_ instance: String, broker: String, brokerHost: String, brokerPort: Int) async throws
        -> BotNetwork.Route
    {
        try check()
        state.withLock { $0.done.append("isolate \(instance)") }
        return BotNetwork.Route(host: broker, port: 1883)
    }

    /// The fake's broker gives bots no users of their own.
    public func removeBrokerUser(of instance: String, folder: BotsFolder, broker: String) async throws -> Bool {
        false
    }

    public func removeBotNetwork(of instance: String) async throws {
        try check()
        state.withLock { $0.done.append("remove network hbdeck-\(instance)") }
    }

    public func close() async {}
}
