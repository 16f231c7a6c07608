import Docker
import Foundation
import HBModel

/// The client's own CLI, `hbot`, in a bot's running container (`docker exec`): asked only when the operator
/// asks, never polled, as each call starts Python and imports the client (about 3 s on the real one).
public struct HbotCLI: Sendable {
    public let client: DockerClient
    public let container: String

    public init(client: DockerClient, container: String) {
        self.client = client
        self.container = container
    }

    /// `hbot ARGUMENTS` run to its end; a non-zero exit becomes the client's own refusal.
    public func run(_ arguments: [String], timeout: Double = 60) async throws -> String {
        let result = try await client.exec(
            container, command: ImageCommand.wrapping(["hbot"] + arguments), timeout: timeout)
        guard result.exitCode == 0 else { throw HbotFailure(stderr: result.stderr, exitCode: result.exitCode) }
        return result.stdout
    }

    /// The strategy config the bot runs, with the client's own field list and live flags.
    public func configListing() async throws -> HbotConfigListing {
        let output = try await run(["config", "--json"])
        guard let listing = HbotConfigListing(json: output) else {
            throw HbotFailure(message: "no strategy config is loaded in \(container)", code: 4)
        }
        return listing
    }

    /// Sets one field through the client (validated by its config class); returns its answer, such as
    /// `live (~10s)` or `on next start` (nil when the bot is not running).
    public func set(_ key: String, to value: String) async throws -> (value: String, applies: String?) {
        let output = try await run(["config", key, value, "--json"])
        struct Record: Decodable {
            let value: HbotValue?
            let applies: String?
        }
        let record = try? JSONDecoder().decode(Record.self, from: Data(output.utf8))
        return (record?.value?.text ?? value, record?.applies)
    }

    /// `hbot doctor --json`: whether the client calls the bot healthy, and its rows as they are.
    public func doctor() async throws -> HbotDoctorReport {
        // Unhealthy is exit 1 with the rows still printed: they are the answer, not a failure.
        let result = try await client.exec(
            container, command: ImageCommand.wrapping(["hbot", "doctor", "--json"]), timeout: 60)
        guard let report = HbotDoctorReport(json: result.stdout) else {
            throw HbotFailure(stderr: result.stderr, exitCode: result.exitCode)
        }
        return report
    }

    /// `hbot status` as the client prints it (Markdown), for the operator to read.
    public func status() async throws -> String {
        try await run(["status"])
    }
}
