import Docker
import Foundation

/// Where a bot's own word that it wound down is read. MQTT's `Hummingbot stopped.` is not enough: anyone
/// on the broker can publish it on the bot's topics, and a container ended on a false word is killed with
/// its orders open. What the bot's own process writes, no other client of the broker can.
public protocol WindDownWitness: Sendable {
    /// Starts reading `name`'s own output from now on.
    func watchWindDown(of name: String) async -> WindDownWatch
}

/// A watch on one bot's own output for its wind-down, begun before its stop is sent.
public struct WindDownWatch: Sendable {
    /// What is read, for the stop's report: "its container's output".
    public let source: String
    /// Yields once when the bot's own output says it wound down; finishes when it can say no more.
    public let seen: AsyncStream<Void>
    /// Why the output could not be read at all; nil when it is being read.
    public let unreadable: String?
    public let cancel: @Sendable () -> Void

    public init(
        source: String, seen: AsyncStream<Void>, unreadable: String? = nil, cancel: @escaping @Sendable () -> Void = {}
    ) {
        self.source = source
        self.seen = seen
        self.unreadable = unreadable
        self.cancel = cancel
    }

    static func unreadable(_ source: String, because reason: String) -> WindDownWatch {
        WindDownWatch(source: source, seen: AsyncStream { $0.finish() }, unreadable: reason)
    }

    /// Whether a line of the client's stdout is its own `Hummingbot stopped.`, in its console format
    /// (`HH:MM:SS - <logger> - Hummingbot stopped.`).
    public static func isWindDownLine(_ line: Substring) -> Bool {
        let parts = line.split(separator: " - ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 8, parts[0].allSatisfy({ $0.isNumber || $0 == ":" }),
            !parts[1].contains(" ")
        else { return false }
        return parts[2].trimmingCharacters(in: .whitespacesAndNewlines) == "Hummingbot stopped."
    }
}

extension DockerClient: WindDownWitness {
    /// The container's stdout from now on (`tail=0`, so no clock of the engine's is compared with ours).
    public func watchWindDown(of name: String) async -> WindDownWatch {
        let source = "its container's output"
        let stream: DockerStream<LogDecoder>
        do {
            let tty = try await inspectContainer(name).config.tty
            stream = try await logs(name, options: LogOptions(follow: true, tail: 0), tty: tty)
        } catch {
            return .unreadable(source, because: "\(error)")
        }
        let (seen, continuation) = AsyncStream<Void>.makeStream()
        let reading = Task {
            var splitter = LineSplitter(maxLineBytes: 64 << 10)
            do {
                for try await batch in stream.batches {
                    for chunk in batch where chunk.source != .stderr {
                        for line in splitter.feed(chunk.bytes)
                        where WindDownWatch.isWindDownLine(Substring(decoding: line, as: UTF8.self)) {
                            continuation.yield()
                            continuation.finish()
                            return
                        }
                    }
                }
            } catch {}
            continuation.finish()
        }
        return WindDownWatch(source: source, seen: seen, cancel: { reading.cancel() })
    }
}
