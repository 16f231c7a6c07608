import BotLink
import Docker
import Foundation
import HBModel


/// The followed instance's log for the log pane: the container log (stdout and stderr), the bot's
/// `errors.log`, and MQTT log lines the container log did not already carry. Bounded.
public actor LogFeed {
    public nonisolated let lines: LatestValue<(name: String?, lines: [LogLine])>
    private let capacity: Int
    private var buffer: RingBuffer<LogLine>
    private var task: Task<Void, Never>?
    private var name: String?
    private var recentContainer = RecentMessages()
    private var recentMQTT = RecentMessages()

    public init(capacity: Int) {
        self.capacity = capacity
        buffer = RingBuffer(capacity: capacity)
        lines = LatestValue((nil, []))
    }

    /// Follows `name` from now on (the last 500 lines first); nil stops following. `again` starts over
    /// for the same instance, after its container restarted.
    public func follow(_ name: String?, monitor: FleetMonitor, again: Bool = false) async {
        guard name != self.name || again else { return }
        task?.cancel()
        self.name = name
        buffer = RingBuffer(capacity: capacity)
        recentContainer = RecentMessages()
        recentMQTT = RecentMessages()
        lines.set((name, []))
        guard let name else { return }
        let client = await monitor.client
        let bots = monitor.bots
        task = Task { [weak self] in
            await withTaskGroup(of: Void.self) { group in
                if let client {
                    group.addTask { await self?.followContainer(name, client: client) }
                }
                if let bots {
                    group.addTask { await self?.followBot(name, bots: bots) }
                }
            }
        }
    }

    private func followContainer(_ name: String, client: DockerClient) async {
        do {
            let details = try await client.inspectContainer(name)
            if let folder = SnapshotBuilder.logsFolder(details) {
                let errors = ErrorsLog.tail(inLogsFolder: folder, count: 20).map { LogLine.parse($0, source: .errorsFile) }
                append(errors)
            }
            var out = LineSplitter(maxLineBytes: 64 << 10)
            var err = LineSplitter(maxLineBytes: 64 << 10)
            let stream = try await client.logs(name, options: LogOptions(follow: true, tail: 500), tty: details.config.tty)
            for try await chunk in stream {
                let isError = chunk.source == .stderr
                let pieces = isError ? err.feed(chunk.bytes) : out.feed(chunk.bytes)
                let parsed = pieces.map { LogLine.parse(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .controlCharacters), source: isError ? .stderr : .container) }
                appendContainer(parsed)
            }
            append([LogLine(timestamp: Date().timeIntervalSince1970, level: .info, message: "— the container's log ended (it stopped) —", source: .container)])
        } catch is CancellationError {
        } catch {
            append([LogLine(timestamp: nil, level: .warning, message: "log unavailable: \(error)", source: .container)])
        }
    }

    private func followBot(_ name: String, bots: BotConnection) async {
        for await (instance, telemetry) in await bots.telemetry() {
            guard instance == name, case .log(let record) = telemetry else { continue }
            if recentContainer.contains(record.message) { continue }
            recentMQTT.insert(record.message)
            append([LogLine(timestamp: record.timestamp, level: LogLine.level(named: record.levelName), logger: record.logger, message: record.message, source: .mqtt)])
        }
    }

    private func appendContainer(_ parsed: [LogLine]) {
        var fresh: [LogLine] = []
        for line in parsed {
            recentContainer.insert(line.message)
            if !recentMQTT.contains(line.message) { fresh.append(line) }
        }
        append(fresh)
    }

    private func append(_ new: [LogLine]) {
        guard !new.isEmpty else { return }
        for line in new { buffer.append(line) }
        lines.set((name, buffer.elements))
    }
}

/// The last few hundred messages one source delivered, to drop the copy the other source sends.
struct RecentMessages {
    private var order = RingBuffer<String>(capacity: 500)
    private var counts: [String: Int] = [:]

    mutating func insert(_ message: String) {
        if order.count == order.capacity, let oldest = order.first {
            counts[oldest, default: 1] -= 1
            if counts[oldest] == 0 { counts[oldest] = nil }
        }
        order.append(message)
        counts[message, default: 0] += 1
    }

    func contains(_ message: String) -> Bool { counts[message] != nil }
}
