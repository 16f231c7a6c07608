import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A connection to one Docker engine. Holds no global state, so a process can keep one per engine.
///
/// Every call has a deadline; streams end when the task that reads them is cancelled.
public final class DockerClient: Sendable {
    public let endpoint: DockerEndpoint
    public let apiVersion: DockerAPIVersion
    let http: HTTPClient
    let defaultTimeout: Double
    /// An ssh engine's connections: requests go to its socket.
    let dialer: SSHDialer?

    private init(
        endpoint: DockerEndpoint, dialer: SSHDialer?, http: HTTPClient, apiVersion: DockerAPIVersion, timeout: Double
    ) {
        self.endpoint = endpoint
        self.dialer = dialer
        self.http = http
        self.apiVersion = apiVersion
        self.defaultTimeout = timeout
    }

    /// Connects and negotiates the API version from `/version`.
    public static func connect(to endpoint: DockerEndpoint, timeout: Double = 10) async throws -> DockerClient {
        try await connect(to: endpoint, timeout: timeout) { _ in () }.client
    }

    /// Connects, running `work` beside the `/version` probe on a client that speaks the oldest API version
    /// hbdeck supports (which every engine it can talk to answers): a first screen then waits for one
    /// round trip to the engine, not two.
    public static func connect<T: Sendable>(
        to endpoint: DockerEndpoint, timeout: Double = 10,
        alongside work: @escaping @Sendable (DockerClient) async throws -> T
    ) async throws -> (client: DockerClient, result: T) {
        if case .unixSocket(let path) = endpoint.transport, !FileManager.default.fileExists(atPath: path) {
            throw DockerError.unreachable(endpoint: endpoint.description, reason: "no socket there")
        }
        let dialer: SSHDialer? = try {
            guard case .ssh(let user, let host, let port) = endpoint.transport else { return nil }
            return try SSHDialer(user: user, host: host, port: port)
        }()
        let wire = dialer.map { DockerEndpoint(transport: .unixSocket(path: $0.socketPath)) } ?? endpoint
        let http = try HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration(for: endpoint))
        do {
            async let early = work(
                DockerClient(endpoint: endpoint, dialer: dialer, http: http, apiVersion: .minimum, timeout: timeout))
            let probe = DockerRequester(endpoint: endpoint, wire: wire, http: http, prefix: "")
            let version: VersionInfo
            do {
                version = try await probe.decode(.GET, "/version", timeout: timeout, operation: "version")
            } catch let error as DockerError {
                // ssh's own words say more than a closed connection does.
                if case .unreachable = error, let said = await dialer?.errorOnceEnded() {
                    throw DockerError.unreachable(
                        endpoint: endpoint.description, reason: said.hasPrefix("ssh:") ? said : "ssh: \(said)")
                }
                throw error
            }
            guard let server = DockerAPIVersion(version.apiVersion), server >= .minimum else {
                throw DockerError.unsupportedVersion(endpoint: endpoint.description, apiVersion: version.apiVersion)
            }
            let client = DockerClient(
                endpoint: endpoint, dialer: dialer, http: http, apiVersion: min(server, .newestKnown), timeout: timeout)
            let alongside = try await early
            return (client, alongside)
        } catch {
            try? await http.shutdown()
            dialer?.close()
            throw error
        }
    }

    /// Releases the connection pool. Call once, when done with the client.
    public func close() async {
        try? await http.shutdown()
        dialer?.close()
    }

    var requester: DockerRequester {
        DockerRequester(
            endpoint: endpoint,
            wire: dialer.map { DockerEndpoint(transport: .unixSocket(path: $0.socketPath)) } ?? endpoint, http: http,
            prefix: "/v\(apiVersion)")
    }

    private static func configuration(for endpoint: DockerEndpoint) throws -> HTTPClient.Configuration {
        var config = HTTPClient.Configuration()
        config.timeout = .init(connect: .seconds(5))
        config.connectionPool = .init(idleTimeout: .seconds(30))
        config.decompression = .disabled
        if let files = endpoint.tls {
            config.tlsConfiguration = try TLSSetup.configuration(for: files)
        }
        return config
    }
}
