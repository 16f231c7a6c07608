import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends one request to the engine and turns HTTP failures into `DockerError`.
struct DockerRequester: Sendable {
    /// The engine, as errors name it.
    let endpoint: DockerEndpoint
    /// Where requests go: the endpoint itself, or the socket of an ssh engine's dialer.
    let wire: DockerEndpoint
    let http: HTTPClient
    let prefix: String

    static let maxBodyBytes = 64 << 20

    func request(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], json: Data? = nil,
        body: HTTPClientRequest.Body? = nil
    ) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: wire.baseURL + prefix + path + Self.encode(query))
        request.method = method
        // AsyncHTTPClient sends no Host header on unix-socket URLs and the engine refuses requests without one.
        request.headers.replaceOrAdd(name: "Host", value: wire.hostHeader)
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json))
        } else if let body {
            request.body = body
        }
        return request
    }

    /// Sends a request and reads its whole body; non-2xx statuses become typed errors.
    func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], json: Data? = nil,
        timeout: Double, operation: String
    ) async throws -> ByteBuffer {
        let req = request(method, path, query: query, json: json)
        return try await withDeadline(timeout, operation: operation) {
            let response = try await self.http.execute(req, timeout: .milliseconds(Int64(timeout * 1000)))
            let body = try await response.body.collect(upTo: Self.maxBodyBytes)
            try Self.check(status: response.status, body: body)
            return body
        }
    }

    func decode<T: Decodable>(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], json: Data? = nil,
        timeout: Double, operation: String
    ) async throws -> T {
        let body = try await send(method, path, query: query, json: json, timeout: timeout, operation: operation)
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch {
            throw DockerError.invalidResponse("\(operation): \(error)")
        }
    }

    /// Opens a streaming response: returns once the engine has answered with a 2xx head.
    func open(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], json: Data? = nil,
        timeout: Double, operation: String
    ) async throws -> HTTPClientResponse.Body {
        let req = request(method, path, query: query, json: json)
        return try await withDeadline(timeout, operation: operation) {
            let response = try await self.http.execute(req, timeout: .milliseconds(Int64(timeout * 1000)))
            if !(200..<300).contains(response.status.code) {
                let body = try await response.body.collect(upTo: Self.maxBodyBytes)
                try Self.check(status: response.status, body: body)
            }
            return response.body
        }
    }

    /// Runs `work`, mapping transport errors, and gives up after `seconds`.
    func withDeadline<T: Sendable>(
        _ seconds: Double, operation: String, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        do {
            return try await withThrowingTaskGroup(of: T.self) { group in
                group.addTask { try await work() }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                    throw DockerError.timedOut(endpoint: endpoint.description, operation: operation, seconds: seconds)
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else { throw CancellationError() }
                return first
            }
        } catch {
            throw map(error, operation: operation, seconds: seconds)
        }
    }

    func map(_ error: any Error, operation: String, seconds: Double) -> any Error {
        if error is DockerError || error is CancellationError { return error }
        if let client = error as? HTTPClientError {
            if client == .deadlineExceeded || client == .readTimeout {
                return DockerError.timedOut(endpoint: endpoint.description, operation: operation, seconds: seconds)
            }
            if client == .cancelled { return CancellationError() }
            if client == .connectTimeout {
                return DockerError.unreachable(endpoint: endpoint.description, reason: "connection timed out")
            }
            if client == .remoteConnectionClosed {
                return DockerError.unreachable(
                    endpoint: endpoint.description, reason: "the engine closed the connection")
            }
        }
        return DockerError.unreachable(endpoint: endpoint.description, reason: Self.describe(error))
    }

    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("No such file or directory") || text.contains("ENOENT") { return "no socket there" }
        if text.contains("Connection refused") || text.contains("ECONNREFUSED") { return "connection refused" }
        if text.contains("Permission denied") || text.contains("EACCES") { return "permission denied" }
        return text
    }

    static func check(status: HTTPResponseStatus, body: ByteBuffer) throws {
        let code = Int(status.code)
        if (200..<300).contains(code) { return }
        let message = engineMessage(body) ?? status.reasonPhrase
        switch code {
        case 304: throw DockerError.notModified
        case 400: throw DockerError.badRequest(message: message)
        case 404: throw DockerError.notFound(message: message)
        case 409: throw DockerError.conflict(message: message)
        default: throw DockerError.server(status: code, message: message)
        }
    }

    static func engineMessage(_ body: ByteBuffer) -> String? {
        struct Message: Decodable { let message: String }
        let data = Data(body.readableBytesView)
        if let decoded = try? JSONDecoder().decode(Message.self, from: data) {
            return decoded.message.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    static func encode(_ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return "" }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return "?"
            + query.map { key, value in
                key + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
            }.joined(separator: "&")
    }
}
