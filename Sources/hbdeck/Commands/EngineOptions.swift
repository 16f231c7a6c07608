import ArgumentParser
import Docker

struct EngineOptions: ParsableArguments {
    @Option(name: [.customShort("H"), .long], help: "Docker engine: unix:///path or tcp://HOST:PORT (default: $DOCKER_HOST, else /var/run/docker.sock).")
    var host: String?

    @Option(help: "Seconds to wait for each engine call.")
    var timeout: Double = 10

    func endpoint() throws -> DockerEndpoint {
        let fromEnvironment = try DockerEndpoint.fromEnvironment()
        guard let host else { return fromEnvironment }
        return try DockerEndpoint(parsing: host, tls: fromEnvironment.tls)
    }

    /// Connects, runs `body`, closes the connection, and turns any failure into one line on stderr.
    /// Checks `names` before anything is done, then connects and runs `body`.
    func withEngine(naming names: [String] = [], _ body: (DockerClient) async throws -> Void) async throws {
        try await reportingFailures {
            try Fleet.validate(names)
            let client = try await DockerClient.connect(to: try endpoint(), timeout: timeout)
            do {
                try await body(client)
            } catch {
                await client.close()
                throw error
            }
            await client.close()
        }
    }
}
