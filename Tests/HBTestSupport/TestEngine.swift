import Docker
import Foundation
import HBModel

/// The private test engine started by `scripts/testenv.sh up` (`make test` sets HBDECK_TEST_DOCKER_HOST).
public enum TestEngine {
    public static let host = ProcessInfo.processInfo.environment["HBDECK_TEST_DOCKER_HOST"]
    public static var isConfigured: Bool { host != nil }

    public static let baseImage = "hbdeck-test/debian:bookworm"
    /// The test bot as the official image is built: the client in conda's `hummingbot` environment.
    public static let botImage = "hbdeck-test/hummingbot:latest"
    /// The test bot in the two other ways real images are built (scripts/testenv.sh): a venv on PATH
    /// through the image's `ENV`, and the image's own Python.
    public static let botImageLayouts = [botImage, "hbdeck-test/hummingbot:venv", "hbdeck-test/hummingbot:system"]
    /// Where `hbot` is in `botImage`: only a login shell's `conda activate` puts it on PATH.
    public static let hbotPath = "/opt/conda/envs/hummingbot/bin/hbot"
    /// The Python of `botImage` that has the client's code.
    public static let clientPython = "/opt/conda/envs/hummingbot/bin/python"
    public static let brokerImage = "hbdeck-test/mosquitto:2"
    public static let testLabel = "hbdeck.test"

    public static func client() async throws -> DockerClient {
        guard let host else { throw TestEnvironmentMissing() }
        return try await DockerClient.connect(to: try DockerEndpoint(parsing: host))
    }

    public static func uniqueName(_ stem: String) -> String {
        "hbt-\(stem)-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// A spec for a short-lived test container with no network.
    public static func spec(
        _ command: [String], image: String = baseImage, tty: Bool = false, memory: Int64? = nil,
        logDriver: LogConfig? = nil
    ) -> ContainerSpec {
        ContainerSpec(
            image: image, cmd: command, labels: [testLabel: "1"], tty: tty,
            hostConfig: .init(networkMode: "none", memory: memory, logConfig: logDriver))
    }

    /// Creates and starts a container, runs `body`, and removes the container whatever happened.
    public static func withContainer<T>(
        _ client: DockerClient, _ stem: String, _ spec: ContainerSpec, start: Bool = true,
        _ body: (String) async throws -> T
    ) async throws -> T {
        let id = try await client.createContainer(name: uniqueName(stem), spec: spec)
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

    /// Runs the docker CLI against the test engine and returns its trimmed stdout.
    @discardableResult
    public static func docker(_ arguments: [String]) throws -> String {
        var env = ProcessInfo.processInfo.environment
        env["DOCKER_HOST"] = host
        return try Subprocess.run(["docker"] + arguments, environment: env).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
    }
}

public struct TestEnvironmentMissing: Error, CustomStringConvertible {
    public var description: String { "HBDECK_TEST_DOCKER_HOST is not set: run the tests with `make test`" }
}

/// Polls `condition` every 50 ms until true or `seconds` pass.
public func eventually(within seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(nanoseconds: 50_000_000)
    }
    return try await condition()
}

/// Polls `condition` every 100 ms until it holds or `seconds` pass, for tests that run processes synchronously.
public func eventuallySync(within seconds: Double, _ condition: () -> Bool) throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(100_000)
    }
    return condition()
}
