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

    private init(endpoint: DockerEndpoint, http: HTTPClient, apiVersion: DockerAPIVersion, timeout: Double) {
        self.endpoint = endpoint
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
        to endpoint: DockerEndpoint, timeout: Double = 10, alongside work: @escaping @Sendable (DockerClient) async throws -> T
    ) async throws -> (client: DockerClient, result: T) {
        if case .unixSocket(let path) = endpoint.transport, !FileManager.default.fileExists(atPath: path) {
            throw DockerError.unreachable(endpoint: endpoint.description, reason: "no socket there")
        }
        let http = try HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration(for: endpoint))
        do {
            async let early = work(DockerClient(endpoint: endpoint, http: http, apiVersion: .minimum, timeout: timeout))
            let probe = DockerRequester(endpoint: endpoint, http: http, prefix: "")
            let version: VersionInfo = try await probe.decode(.GET, "/version", timeout: timeout, operation: "version")
            guard let server = DockerAPIVersion(version.apiVersion), server >= .minimum else {
                throw DockerError.unsupportedVersion(endpoint: endpoint.description, apiVersion: version.apiVersion)
            }
            let client = DockerClient(endpoint: endpoint, http: http, apiVersion: min(server, .newestKnown), timeout: timeout)
            return (client, try await early)
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// Releases the connection pool. Call once, when done with the client.
    public func close() async {
        try? await http.shutdown()
    }

    var requester: DockerRequester {
        DockerRequester(endpoint: endpoint, http: http, prefix: "/v\(apiVersion)")
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
