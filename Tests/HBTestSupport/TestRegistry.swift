import Foundation

/// Debian's `docker-registry` on a loopback port of its own, its storage in /tmp: a registry the private
/// engine can pull from without any traffic leaving the machine (the engine trusts 127.0.0.0/8 over HTTP).
public final class TestRegistry {
    public let port = Int.random(in: 40_001...50_000)
    let root = URL(fileURLWithPath: "/tmp/hbdeck-tests/registry-\(UInt32.random(in: 0...UInt32.max))")
    var pid: pid_t = 0

    public var host: String { "127.0.0.1:\(port)" }

    public init() throws {
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
        let config = """
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: \(root.path)/data
            http:
              addr: 127.0.0.1:\(port)

            """
        try config.write(to: root.appendingPathComponent("config.yml"), atomically: true, encoding: .utf8)
        pid = try Subprocess.spawn(["docker-registry", "serve", root.appendingPathComponent("config.yml").path])
    }

    /// Waits until the registry answers.
    public func ready() async throws -> Bool {
        try await eventually(within: 30) {
            (try? Subprocess.run(["curl", "-sf", "http://\(host)/v2/"], timeout: 5).status) == 0
        }
    }

    /// Pushes `image` with a layer of 3 MB of its own on top to the registry as `name`, then removes it from
    /// the engine: pulling it downloads that layer for real (the layers below are already there).
    public func publish(_ image: String, as name: String) throws -> String {
        let reference = "\(host)/\(name)"
        let builder = "hbdeck-test-layer-\(UInt32.random(in: 0...UInt32.max))"
        var env = ProcessInfo.processInfo.environment
        env["DOCKER_HOST"] = TestEngine.host
        for arguments in [
            [
                "run", "--name", builder, "--network", "none", "--label", "\(TestEngine.testLabel)=1", image, "sh",
                "-c", "head -c 3000000 /dev/urandom > /opt/layer",
            ],
            ["commit", builder, reference], ["rm", builder], ["push", "-q", reference], ["rmi", reference],
        ] {
            let run = try Subprocess.run(["docker"] + arguments, environment: env, timeout: 300)
            guard run.status == 0 else { throw RegistryFailure(description: "docker \(arguments[0]): \(run.stderr)") }
        }
        return reference
    }

    public func stop() {
        kill(pid, SIGTERM)
        Subprocess.wait(pid)
        try? FileManager.default.removeItem(at: root)
    }
}

public struct RegistryFailure: Error, CustomStringConvertible {
    public let description: String
}
