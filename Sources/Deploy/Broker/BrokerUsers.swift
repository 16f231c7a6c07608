import Docker
import Foundation
import HBModel

/// Each bot's own MQTT user on a mosquitto broker that `hbdeck broker create` made with a login: the user
/// is the bot's instance name, its password random and written only into the bot's `conf_client.yml`; the
/// broker's ACL (`pattern readwrite <namespace>/%u/#`) lets it publish and read its own topics only, so a
/// bot can neither speak for another bot nor read another bot's telemetry. hbdeck's own user reads all.
public struct BrokerUsers: Sendable {
    public let client: DockerClient
    public let folder: BotsFolder
    /// The broker's container, which re-reads its password file on SIGHUP.
    public let broker: String

    public init(client: DockerClient, folder: BotsFolder, broker: String) {
        self.client = client
        self.folder = folder
        self.broker = broker
    }

    /// The folder the broker reads its config from, inside hbdeck's broker folder.
    public static func configFolder(in brokerFolder: URL) -> URL {
        brokerFolder.appendingPathComponent("mosquitto", isDirectory: true)
    }

    var config: URL { Self.configFolder(in: folder.state.appendingPathComponent("broker")) }

    /// Whether the broker gives each bot a user: hbdeck made it with a login and an ACL.
    public var areOn: Bool { FileManager.default.fileExists(atPath: config.appendingPathComponent("acl").path) }

    /// Adds the bot's user with a new random password, returned for its `conf_client.yml`.
    public func add(_ name: InstanceName, hbdeckUser: String?) async throws -> Secret {
        guard name.value != hbdeckUser else {
            throw DeployProblem(
                .name, "\(name.value) is hbdeck's own MQTT user (mqtt_username): a bot cannot have that name")
        }
        var bytes = [UInt8](repeating: 0, count: 24)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
        let password = Secret(bytes.map { String(format: "%02x", $0) }.joined())
        try await run(
            #"mosquitto_passwd -b /hbdeck/passwd "$HBDECK_USER" "$HBDECK_PASS""#,
            ["HBDECK_USER=\(name.value)", "HBDECK_PASS=\(password.value)"])
        return password
    }

    /// Removes the bot's user: nothing can log in as it any more.
    public func remove(_ name: String) async throws {
        try await run(#"mosquitto_passwd -D /hbdeck/passwd "$HBDECK_USER""#, ["HBDECK_USER=\(name)"])
    }

    /// Runs the broker image's own `mosquitto_passwd` on the password file, then has the broker read it again.
    private func run(_ script: String, _ environment: [String]) async throws {
        let image = try await client.inspectContainer(broker).config.image
        let writer = ContainerSpec(
            image: image, cmd: ["sh", "-c", script + " && (chown mosquitto /hbdeck/passwd 2>/dev/null || true)"],
            env: environment,
            labels: [HBLabels.role: HBLabels.helperRole],
            hostConfig: .init(binds: ["\(config.path):/hbdeck"], networkMode: "none"))
        let code = try await ImageProgram.runOnce(writer, client: client, timeout: 60)
        guard code == 0 else {
            throw DeployProblem(.password, "\(image)'s mosquitto_passwd ended with exit code \(code)")
        }
        // A stopped broker reads the file when it starts.
        if try await client.inspectContainer(broker).state.running {
            try await client.killContainer(broker, signal: "SIGHUP")
        }
    }
}
