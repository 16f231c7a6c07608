/// Which output of a container a piece of log came from.
public enum LogSource: UInt8, Sendable, Equatable, Codable {
    case stdin = 0
    case stdout = 1
    case stderr = 2
    case system = 3
    /// A TTY container: stdout and stderr are one stream and cannot be told apart.
    case tty = 255
}

/// Bytes from one of a container's outputs, exactly as the engine sent them.
public struct LogChunk: Sendable, Equatable {
    public let source: LogSource
    public let bytes: [UInt8]

    public init(source: LogSource, bytes: [UInt8]) {
        self.source = source
        self.bytes = bytes
    }
}
