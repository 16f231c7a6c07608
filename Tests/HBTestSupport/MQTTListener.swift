import Foundation
import Synchronization

/// `mosquitto_sub -v` in the background: every line it prints (`topic payload`), as it comes, and a handler
/// that may act on each. `stop()` ends it.
public final class MQTTListener: Sendable {
    private let process: Mutex<Process?>
    private final class Heard: Sendable {
        let lines = Mutex<[String]>([])
    }

    private let heard = Heard()

    /// `arguments`: mosquitto_sub's, `-v` added; `onLine` runs on the reading thread.
    public init(_ arguments: [String], onLine: @escaping @Sendable (String) -> Void = { _ in }) throws {
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/mosquitto_sub")
        process.arguments = ["-v"] + arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = Mutex(process)
        let handle = output.fileHandleForReading
        Thread.detachNewThread { [heard] in
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { return }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: 10) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...newline)
                    heard.lines.withLock { $0.append(line) }
                    onLine(line)
                }
            }
        }
    }

    public var lines: [String] { heard.lines.withLock { $0 } }

    /// Waits until it hears `ready` published on a topic of its own (subscribed with `-t ready`), so what is
    /// published after is heard.
    public func waitUntilListening(to ready: String, port: Int, credentials: [String] = []) throws -> Bool {
        try eventuallySync(within: 30) {
            _ = try? Subprocess.run(
                ["mosquitto_pub", "-p", String(port)] + credentials + ["-t", ready, "-m", "ping"], timeout: 10)
            return lines.contains { $0.hasPrefix(ready + " ") }
        }
    }

    public func stop() { process.withLock { $0?.terminate() } }
}
