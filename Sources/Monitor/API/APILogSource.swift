import BackendAPI
import BotLink
import Docker
import Foundation
import HBModel

/// A bot's log as hummingbot-api holds it (the last 100 records it heard over MQTT, and the last 100 errors),
/// for the log pane: read every `interval`, each record once, written as the client writes its stdout
/// (`HH:MM:SS - logger - message`) and stamped with the bot's own time for it (the time it was read when the
/// bot's is not a plausible time), so that the history shown first keeps its times.
public struct APILogSource: ContainerLogSource {
    let api: any FleetAPI
    let interval: Double

    public init(api: any FleetAPI, interval: Double = 2) {
        self.api = api
        self.interval = interval
    }

    public func errorsLog(of name: String, count: Int) async throws -> [String] {
        []
    }

    public func follow(_ name: String, tail: Int?, since: Double?) async throws -> any AsyncSequence<
        [LogChunk], any Error
    > & Sendable {
        let (api, interval) = (api, interval)
        // Read once here, so that a bot the API does not know fails the follow at once; the loop starts from it.
        let opening = try await api.botStatus(name)
        return AsyncThrowingStream<[LogChunk], any Error> { continuation in
            let reading = Task {
                var seen = Set<String>()
                var first = true
                var pending: APIBotStatus? = opening
                while !Task.isCancelled {
                    do {
                        let status: APIBotStatus
                        if let pending { status = pending } else { status = try await api.botStatus(name) }
                        pending = nil
                        var records = status.generalLogs + status.errorLogs
                        records.sort { ($0.timestamp ?? 0) < ($1.timestamp ?? 0) }
                        // The API keeps the last 100 of each: what left its lists cannot come back, so only the
                        // records listed now are remembered.
                        let keys = records.map { "\($0.timestamp ?? 0)|\($0.msg)" }
                        let fresh = zip(records, keys).filter { !seen.contains($0.1) }.map(\.0)
                        seen = Set(keys)
                        let shown = first ? Array(fresh.suffix(tail ?? fresh.count)) : fresh
                        first = false
                        if !shown.isEmpty {
                            let read = Date().timeIntervalSince1970
                            let text = shown.map { record in
                                let own = record.timestamp.flatMap { WireNumber.time(.number($0)) }
                                return Self.line(record, stamp: Formatting.iso8601(own ?? read))
                            }.joined()
                            continuation.yield([LogChunk(source: .stdout, bytes: Array(text.utf8))])
                        }
                    } catch {
                        continuation.finish(throwing: error)
                        return
                    }
                    try? await Task.sleep(for: .milliseconds(Int(interval * 1000)))
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in reading.cancel() }
        }
    }

    /// One record as the client's stdout shows it, each of its lines stamped.
    static func line(_ record: APIBotStatus.LogEntry, stamp: String) -> String {
        let clock = record.timestamp.flatMap { WireNumber.time(.number($0)) }.map { Formatting.clock($0) } ?? "--:--:--"
        let logger = (record.loggerName ?? "").split(separator: ".").last.map(String.init) ?? ""
        let message = TextCut.cut(record.msg, toBytes: 16 << 10)
        let level = record.levelName == "INFO" ? "" : "\(record.levelName) - "
        return message.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, part in
            index == 0 ? "\(stamp) \(clock) - \(logger) - \(level)\(part)\n" : "\(stamp) \(part)\n"
        }.joined()
    }
}
