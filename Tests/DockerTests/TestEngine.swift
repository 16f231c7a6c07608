import Docker
import Foundation
import HBModel
import Testing

/// The private test engine started by `scripts/testenv.sh up` (`make test` sets HBDECK_TEST_DOCKER_HOST).
enum TestEngine {
    static let host = ProcessInfo.processInfo.environment["HBDECK_TEST_DOCKER_HOST"]
    static var isConfigured: Bool { host != nil }

    static let baseImage = "hbdeck-test/debian:bookworm"
    static let botImage = "hbdeck-test/hummingbot:latest"
    static let testLabel = "hbdeck.test"

    static func client() async throws -> DockerClient {
        let host = try #require(host, "HBDECK_TEST_DOCKER_HOST is not set: run the tests with `make test`")
        return try await DockerClient.connect(to: try DockerEndpoint(parsing: host))
    }

    static func uniqueName(_ stem: String) -> String {
        "hbt-\(stem)-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// A spec for a short-lived test container with no network.
    static func spec(_ command: [String], image: String = baseImage, tty: Bool = false, memory: Int64? = nil, logDriver: LogConfig? = nil) -> ContainerSpec {
        ContainerSpec(
            image: image, cmd: command, labels: [testLabel: "1"], tty: tty,
            hostConfig: .init(networkMode: "none", memory: memory, logConfig: logDriver))
    }

    /// Creates and starts a container, runs `body`, and removes the container whatever happened.
    static func withContainer<T>(
        _ client: DockerClient, _ stem: String, _ spec: ContainerSpec, start: Bool = true,
        _ body: (String) async throws -> T
    ) async throws -> T {
        let name = uniqueName(stem)
        let id = try await client.createContainer(name: name, spec: spec)
        do {
            if start { try await client.startContainer(id) }
            let result = try await body(id)
            try? await client.removeContainer(id, force: true)
            return result
        } catch {
            try? await client.removeContainer(id, force: true)
            throw error
        }
    }

    /// Runs the docker CLI against the test engine and returns its stdout.
    static func dockerCLI(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["docker"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["DOCKER_HOST"] = host
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Collects a log stream's bytes per source until `until` says enough, or `seconds` pass.
actor LogCollector {
    private(set) var bySource: [LogSource: [UInt8]] = [:]
    private(set) var arrivals: [(Date, [UInt8])] = []

    func add(_ chunk: LogChunk) {
        bySource[chunk.source, default: []] += chunk.bytes
        arrivals.append((Date(), chunk.bytes))
    }

    func text(_ source: LogSource) -> String {
        String(decoding: bySource[source] ?? [], as: UTF8.self)
    }

    func bytes(_ source: LogSource) -> [UInt8] { bySource[source] ?? [] }
}

/// Polls `condition` every 50 ms until true or `seconds` pass.
func eventually(within seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(nanoseconds: 50_000_000)
    }
    return try await condition()
}
