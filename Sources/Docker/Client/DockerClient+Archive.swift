import AsyncHTTPClient
import NIOCore

extension DockerClient {
    /// The last `maxBytes` of a regular file inside a container (running or not), read through the
    /// engine's archive endpoint: for files whose folder is not reachable on this machine (a remote engine,
    /// no bind mount, hbdeck itself in a container). Nil when the file does not exist. At most `readLimit`
    /// bytes of the archive are read.
    public func tailOfFile(_ idOrName: String, path: String, maxBytes: Int = 65_536, readLimit: Int = 16 << 20)
        async throws -> [UInt8]?
    {
        let body: HTTPClientResponse.Body
        do {
            body = try await requester.open(
                .GET, "/containers/\(Self.pathComponent(idOrName))/archive", query: [("path", path)],
                timeout: defaultTimeout, operation: "read \(path) in \(idOrName)")
        } catch DockerError.notFound {
            return nil
        }
        var reader = TarFileTail(maxBytes: maxBytes)
        var read = 0
        for try await chunk in body {
            read += chunk.readableBytes
            reader.feed(Array(chunk.readableBytesView))
            if reader.done || read > readLimit { break }
        }
        return reader.content
    }
}

/// The first file of a tar stream, keeping only its last `maxBytes`.
struct TarFileTail {
    let maxBytes: Int
    private var header: [UInt8] = []
    private var remaining: Int?
    private(set) var content: [UInt8] = []
    var done: Bool { remaining == 0 }

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    mutating func feed(_ bytes: [UInt8]) {
        var bytes = bytes[...]
        if remaining == nil {
            let needed = 512 - header.count
            header += bytes.prefix(needed)
            bytes = bytes.dropFirst(needed)
            guard header.count == 512 else { return }
            // The size: octal digits at offset 124, 12 bytes.
            let size = header[124..<136].reduce(0) { value, byte in
                (48...55).contains(byte) ? value * 8 + Int(byte - 48) : value
            }
            remaining = size
        }
        guard let left = remaining, left > 0 else { return }
        let taken = bytes.prefix(left)
        content += taken
        remaining = left - taken.count
        if content.count > maxBytes { content.removeFirst(content.count - maxBytes) }
    }
}
