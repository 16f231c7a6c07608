/// A command's two outputs as they arrive in log frames, each kept up to `maxBytes`.
public struct BoundedOutput: Sendable {
    public let maxBytes: Int
    public private(set) var stdout: [UInt8] = []
    public private(set) var stderr: [UInt8] = []
    /// More came than was kept.
    public private(set) var truncated = false

    public init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    public mutating func take(_ chunk: LogChunk) {
        if chunk.source == .stderr {
            stderr += chunk.bytes.prefix(max(0, maxBytes - stderr.count))
            truncated = truncated || stderr.count >= maxBytes
        } else {
            stdout += chunk.bytes.prefix(max(0, maxBytes - stdout.count))
            truncated = truncated || stdout.count >= maxBytes
        }
    }

    /// The result of a command that ended with `exitCode`.
    public func result(exitCode: Int) -> ExecResult {
        ExecResult(
            exitCode: exitCode, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self), truncated: truncated)
    }
}
