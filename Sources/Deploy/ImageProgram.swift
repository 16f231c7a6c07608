import Docker
import HBModel

/// Runs a short Python program with a bot image's own Hummingbot code, in a throwaway container with no
/// network that sees only the folders it is given: hbdeck never re-implements the client's cryptography.
public struct ImageProgram: Sendable {
    public let image: String
    public let program: String

    public init(image: String, program: String) {
        self.image = image
        self.program = program
    }

    /// The program's exit code. `password` goes in as `CONFIG_PASSWORD`, the program's to read and drop.
    public func run(binds: [String], password: Secret, client: DockerClient, timeout: Double = 120) async throws -> Int
    {
        let spec = ContainerSpec(
            image: image, cmd: ImageCommand.wrapping(["python", "-c", program]),
            env: ["CONFIG_PASSWORD=\(password.value)"],
            labels: [HBLabels.role: HBLabels.helperRole],
            hostConfig: .init(binds: binds, networkMode: "none"))
        return try await Self.runOnce(spec, client: client, timeout: timeout)
    }

    /// Runs a throwaway container to its end and returns its exit code; the container is removed whatever happens.
    static func runOnce(_ spec: ContainerSpec, client: DockerClient, timeout: Double) async throws -> Int {
        try await runCapturing(spec, client: client, timeout: timeout, maxBytes: 0).exitCode
    }

    /// Runs a throwaway container to its end and returns what it printed and its exit code; removed whatever happens.
    static func runCapturing(_ spec: ContainerSpec, client: DockerClient, timeout: Double, maxBytes: Int = 1 << 20)
        async throws -> ExecResult
    {
        let id = try await client.createContainer(name: nil, spec: spec)
        do {
            try await client.startContainer(id)
            let result = try await client.waitContainer(id, timeout: timeout)
            var output = BoundedOutput(maxBytes: maxBytes)
            // With nothing to keep, its log is not even read.
            if maxBytes > 0 {
                for try await chunk in try await client.logs(id, options: LogOptions(), tty: false) {
                    output.take(chunk)
                }
            }
            try? await client.removeContainer(id, force: true)
            return output.result(exitCode: result.statusCode)
        } catch {
            try? await client.removeContainer(id, force: true)
            throw error
        }
    }

    /// The import every program starts with; exit code 5 when the image has no Hummingbot client.
    static let importCrypt = """
        import os, sys
        try:
            from hummingbot.client.config.config_crypt import ETHKeyFileSecretManger, PASSWORD_VERIFICATION_PATH, store_password_verification, validate_password
        except Exception:
            sys.exit(5)
        """

    static func describe(exitCode: Int) -> String {
        exitCode == 5
            ? "the image has no Hummingbot client to do it with"
            : "the program in the image ended with exit code \(exitCode)"
    }
}
