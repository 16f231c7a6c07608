/// Either log format, chosen from the container's `Config.Tty`: the engine's answer does not say which it is.
public struct LogDecoder: StreamDecoder {
    public let tty: Bool
    private var frames = LogFrameDecoder()

    public init(tty: Bool) {
        self.tty = tty
    }

    public mutating func decode(_ chunk: [UInt8]) throws -> [LogChunk] {
        if tty { return chunk.isEmpty ? [] : [LogChunk(source: .tty, bytes: chunk)] }
        return try frames.decode(chunk)
    }

    public mutating func finish() throws -> [LogChunk] {
        tty ? [] : try frames.finish()
    }
}
