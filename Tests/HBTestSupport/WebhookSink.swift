import Foundation
import Synchronization

/// A small HTTP server of the test's own on 127.0.0.1: it answers every request 200 and keeps each POST's path
/// and body, for tests of what hbdeck sends to a webhook.
public final class WebhookSink: Sendable {
    public struct Received: Sendable {
        public let path: String
        public let body: String
    }

    public let port: Int
    private let listener: Int32
    private let received = Mutex<[Received]>([])

    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else {
            Foundation.close(fd)
            throw SinkError()
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    struct SinkError: Error {}

    /// Every POST so far, oldest first.
    public var posts: [Received] { received.withLock { $0 } }

    public func close() { shutdown(listener, Int32(SHUT_RDWR)) }

    private func serve() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            var data = [UInt8]()
            var chunk = [UInt8](repeating: 0, count: 4096)
            // Headers, then as many bytes as Content-Length says.
            while true {
                let n = read(client, &chunk, chunk.count)
                if n <= 0 { break }
                data += chunk.prefix(n)
                let text = String(decoding: data, as: UTF8.self)
                guard let end = text.range(of: "\r\n\r\n") else { continue }
                let head = text[..<end.lowerBound]
                let length =
                    head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                let bodyStart = text.utf8.distance(from: text.startIndex, to: end.upperBound)
                if data.count - bodyStart >= length {
                    let path = head.split(separator: " ").dropFirst().first.map(String.init) ?? ""
                    let body = String(decoding: data[bodyStart..<(bodyStart + length)], as: UTF8.self)
                    received.withLock { $0.append(Received(path: path, body: body)) }
                    break
                }
            }
            let reply = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
            _ = reply.withCString { write(client, $0, strlen($0)) }
            Foundation.close(client)
        }
    }
}
