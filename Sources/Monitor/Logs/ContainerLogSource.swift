import Docker
import Foundation

/// What the log feed needs of the engine: a container's log as it is written, and where its logs folder is.
/// `DockerLogSource` is the real one; tests give a fake.
public protocol ContainerLogSource: Sendable {
    /// The last `count` lines of the instance's `errors.log` (where the client writes its stderr).
    func errorsLog(of name: String, count: Int) async throws -> [String]
    /// The container's log from `since` (unix seconds) or its last `tail` lines, then as it is written,
    /// in batches as they arrive, with the engine's timestamp in front of every line. Ends when the container stops.
    func follow(_ name: String, tail: Int?, since: Double?) async throws -> any AsyncSequence<[LogChunk], any Error>
        & Sendable
}

/// An engine's container logs: the one the monitor is connected to now (none while it is offline), or a
/// given client.
public struct DockerLogSource: ContainerLogSource {
    private let current: @Sendable () async -> DockerClient?
    private let endpoint: String

    public init(monitor: FleetMonitor) {
        current = { await monitor.client as? DockerClient }
        endpoint = monitor.config.endpoint.description
    }

    public init(client: DockerClient) {
        current = { client }
        endpoint = client.endpoint.description
    }

    private func client() async throws -> DockerClient {
        guard let client = await current() else {
            throw DockerError.unreachable(endpoint: endpoint, reason: "the engine is offline")
        }
        return client
    }

    public func errorsLog(of name: String, count: Int) async throws -> [String] {
        let client = try await client()
        return await ErrorsLog.tail(of: try await client.inspectContainer(name), client: client, count: count)
    }

    /// Read with backpressure: the engine is read only as fast as the feed takes lines in.
    public func follow(_ name: String, tail: Int?, since: Double?) async throws -> any AsyncSequence<
        [LogChunk], any Error
    > & Sendable {
        let client = try await client()
        let tty = try await client.inspectContainer(name).config.tty
        return try await client.logs(
            name, options: LogOptions(follow: true, tail: tail, since: since, timestamps: true), tty: tty
        ).batches
    }
}
