/// Decodes the engine's multiplexed log format (containers without a TTY):
/// each frame is an 8-byte header — stream type, three zero bytes, big-endian length — then the payload.
/// Frames may be split across chunks at any byte, header included.
public struct LogFrameDecoder: StreamDecoder {
    private var buffer: [UInt8] = []
    private var start = 0

    public init() {}

    public mutating func decode(_ chunk: [UInt8]) throws -> [LogChunk] {
        buffer.append(contentsOf: chunk)
        var out: [LogChunk] = []
        while buffer.count - start >= 8 {
            let header = buffer[start..<start + 8]
            guard let source = LogSource(rawValue: header[start]), source != .tty,
                header[start + 1] == 0, header[start + 2] == 0, header[start + 3] == 0
            else {
                throw DockerError.invalidResponse("log stream: bad frame header \(Array(header))")
            }
            let length =
                Int(header[start + 4]) << 24 | Int(header[start + 5]) << 16
                | Int(header[start + 6]) << 8 | Int(header[start + 7])
            guard buffer.count - start - 8 >= length else { break }
            let payloadStart = start + 8
            if length > 0 {
                out.append(LogChunk(source: source, bytes: Array(buffer[payloadStart..<payloadStart + length])))
            }
            start = payloadStart + length
        }
        compact()
        return out
    }

    public mutating func finish() throws -> [LogChunk] {
        guard buffer.count == start else {
            throw DockerError.invalidResponse("log stream ended inside a frame (\(buffer.count - start) bytes left)")
        }
        return []
    }

    private mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 16)
            start = 0
        } else if start > 1 << 16 {
            buffer.removeFirst(start)
            start = 0
        }
    }
}
