import Foundation

/// The console's link to its bots over one broker: telemetry into a `TelemetryHub`, commands out
/// with replies matched by a reply topic of the console's own.
public actor BotConnection {
    public nonisolated let client: MQTTClient
    public nonisolated let hub: TelemetryHub
    public nonisolated let namespace: String
    /// Replies come on `<namespace>/<bot>/reply/<replyTag>/…`: under the bot's own prefix, the only topics
    /// a broker that gives each bot a user of its own lets it write to, so no other bot can answer for it.
    private let replyTag: String
    private let pending = PendingReplies()
    private var router: Task<Void, Never>?
    private var gapWatcher: Task<Void, Never>?
    private var sequence = 0
    private var observers: [UUID: AsyncStream<(String, BotTelemetry)>.Continuation] = [:]

    /// `messageBuffer` bounds the messages waiting to be folded in; past it they are dropped and counted.
    public init(settings: MQTTSettings, namespace: String = "hbot", messageBuffer: Int = 50_000) {
        self.client = MQTTClient(settings: settings, bufferSize: messageBuffer)
        self.hub = TelemetryHub(namespace: namespace)
        self.namespace = namespace
        self.replyTag =
            "hbdeck-"
            + String(
                settings.clientID.unicodeScalars.filter {
                    $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
                })
    }

    public func start() async throws {
        guard router == nil else { return }
        try await client.start()
        for topic in BotTopic.subscriptions(namespace: namespace) {
            try await client.subscribe(topic, qos: 0)
        }
        try await client.subscribe("\(namespace)/+/reply/\(replyTag)/#", qos: 1)
        let client = client
        router = Task { [weak self] in
            for await _ in client.arrivals {
                await self?.route(client.takeMessages())
                // Messages that come meanwhile are taken together: a few wake-ups a second, not one per message.
                try? await Task.sleep(nanoseconds: Self.gatherNanoseconds)
            }
        }
        // After a lost connection, what was heard before the gap is uncertain (open orders above all).
        let changes = client.stateChanges
        let hub = hub
        gapWatcher = Task {
            var lostSince: Double?
            for await state in changes {
                switch state {
                case .disconnected(_, let since): if lostSince == nil { lostSince = since }
                case .connected:
                    if let gapStart = lostSince { await hub.linkGap(from: gapStart) }
                    lostSince = nil
                default: break
                }
            }
        }
    }

    /// Waits until the broker accepted the connection; false after `seconds`.
    public func waitUntilConnected(seconds: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !client.state.isConnected {
            if Date() >= deadline || Task.isCancelled { return false }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        return true
    }

    /// Decoded telemetry as it arrives, for watchers. Bounded: a slow watcher loses the oldest.
    public func telemetry() -> AsyncStream<(String, BotTelemetry)> {
        observe().stream
    }

    /// A telemetry stream and its id, to end it with `removeObserver` even when nobody ever iterates it.
    private func observe() -> (stream: AsyncStream<(String, BotTelemetry)>, id: UUID) {
        let (stream, continuation) = AsyncStream.makeStream(
            of: (String, BotTelemetry).self, bufferingPolicy: .bufferingNewest(2_000))
        let id = UUID()
        observers[id] = continuation
        continuation.onTermination = { _ in Task { await self.removeObserver(id) } }
        return (stream, id)
    }

    /// Sends a command at QoS 1 and waits for the bot's reply.
    public func send(_ command: BotCommand, to instanceID: String, timeout: Double? = nil) async throws -> BotReply {
        guard await isConnected(within: Self.reconnectGrace) else {
            let reason: String
            if case .disconnected(let why, _) = client.state { reason = why } else { reason = "connecting" }
            throw BotCommandError.brokerUnavailable(address: client.settings.address, reason: reason)
        }
        sequence += 1
        let replyTopic = "\(namespace)/\(instanceID)/reply/\(replyTag)/\(sequence)-\(UInt32.random(in: 0...UInt32.max))"
        let envelope: JSONValue = .object([
            "header": .object([
                "reply_to": .string(replyTopic),
                "timestamp": .number((Date().timeIntervalSince1970 * 1000).rounded()),
            ]),
            "data": command.data,
        ])
        let seconds = timeout ?? command.defaultTimeout
        await pending.expect(replyTopic)
        do {
            try await client.publish(
                "\(namespace)/\(instanceID)/\(command.topicSuffix)", payload: try JSONValueEncoding.encode(envelope),
                qos: 1)
        } catch {
            await pending.expire(replyTopic)
            throw error
        }
        guard let answered = await pending.wait(on: replyTopic, seconds: seconds) else {
            throw BotCommandError.noReply(instance: instanceID, command: command.topicSuffix, seconds: seconds)
        }
        return answered
    }

    /// Asks the bot to stop, then waits up to `windDownLimit` seconds for its own sign that it wound down
    /// (`Hummingbot stopped.` on its log, which comes after it cancelled its orders). `replied` is told
    /// the answer as soon as it comes, for progress. Throws as `send` does when nothing answers.
    public func stop(
        _ instanceID: String, skipOrderCancellation: Bool = false, windDownLimit: Double, timeout: Double? = nil,
        replied: @Sendable (BotReply) -> Void = { _ in }
    ) async throws -> StopOutcome {
        let (heard, observer) = observe()
        defer { removeObserver(observer) }
        let reply = try await send(
            .stop(skipOrderCancellation: skipOrderCancellation), to: instanceID, timeout: timeout)
        guard reply.succeeded else { return StopOutcome(reply: reply, woundDownAfter: nil) }
        replied(reply)
        let answered = Date()
        let woundDown = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await (instance, telemetry) in heard where instance == instanceID {
                    if case .log(let record) = telemetry, record.message == StopOutcome.woundDownLine { return true }
                }
                return false
            }
            group.addTask {
                try? await Task.sleep(nanoseconds: UInt64(max(0, windDownLimit) * 1_000_000_000))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        return StopOutcome(reply: reply, woundDownAfter: woundDown ? Date().timeIntervalSince(answered) : nil)
    }

    public func close() async {
        router?.cancel()
        router = nil
        gapWatcher?.cancel()
        gapWatcher = nil
        await pending.cancelAll()
        await client.close()
        for continuation in observers.values { continuation.finish() }
        observers.removeAll()
    }

    /// How long the router gathers messages after taking some: replies and telemetry wait at most this.
    static let gatherNanoseconds: UInt64 = 200_000_000

    private func route(_ messages: [MQTTMessage]) async {
        var telemetry: [MQTTMessage] = []
        for message in messages {
            if isReply(message.topic) {
                if let reply = BotReply(payload: message.payload) {
                    await pending.resolve(message.topic, with: reply)
                }
            } else {
                telemetry.append(message)
            }
        }
        guard !telemetry.isEmpty else { return }
        for decoded in await hub.ingest(telemetry) {
            for continuation in observers.values { continuation.yield(decoded) }
        }
    }

    /// How long a command waits for a link that is down to come back before it is refused: libmosquitto
    /// reconnects within seconds after the broker restarts or a network it was reached through goes away,
    /// and a stop refused then would end a bot without cancelling its orders.
    static let reconnectGrace = 10.0

    private func isConnected(within seconds: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !client.state.isConnected {
            if case .closed = client.state { return false }
            guard Date() < deadline else { return false }
            try? await Task.sleep(nanoseconds: 100_000_000)
        }
        return true
    }

    private func isReply(_ topic: String) -> Bool {
        let parts = topic.split(separator: "/", maxSplits: 4, omittingEmptySubsequences: false)
        return parts.count == 5 && parts[0] == namespace && parts[2] == "reply" && parts[3] == replyTag
    }

    private func removeObserver(_ id: UUID) {
        observers.removeValue(forKey: id)?.finish()
    }
}
