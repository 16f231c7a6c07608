import Foundation

/// The broker hbdeck makes when there is none: Hummingbot's (`emqx:5`) or any MQTT 3.1.1 broker image
/// hbdeck knows how to configure (EMQX and mosquitto), listening only on `bind` unless told otherwise,
/// with a user and password when one is set.
public struct BrokerPlan: Sendable {
    public enum Flavor: String, Sendable {
        case emqx, mosquitto

        /// The flavor an image's name says, nil for images hbdeck cannot configure.
        public static func of(image: String) -> Flavor? {
            let name = image.lowercased().split(separator: "/").last.map(String.init) ?? image
            if name.hasPrefix("emqx") { return .emqx }
            if name.hasPrefix("mosquitto") || name.hasPrefix("eclipse-mosquitto") { return .mosquitto }
            return nil
        }
    }

    public var name: String
    public var image: String
    public var port: Int
    /// The address the MQTT port is reachable on from the host: 127.0.0.1 keeps it off the network.
    public var bind: String
    /// `host`, or a network the port is published from (Hummingbot's compose uses a bridge).
    public var network: String
    public var username: String?
    public var password: Secret?
    /// Where hbdeck keeps the broker's own files (its config, its password file).
    public var folder: URL
    /// The engine's health check, overriding the flavor's own.
    public var healthCommand: [String]?
    /// The bots' MQTT namespace: with a login, each bot's own user may use `<namespace>/<its name>/…` only.
    public var namespace = "hbot"

    public init(
        name: String, image: String, port: Int, bind: String = "127.0.0.1", network: String = "bridge",
        username: String? = nil, password: Secret? = nil, folder: URL, healthCommand: [String]? = nil
    ) {
        self.name = name
        self.image = image
        self.port = port
        self.bind = bind
        self.network = network
        self.username = username
        self.password = password
        self.folder = folder
        self.healthCommand = healthCommand
    }

    public var flavor: Flavor? { Flavor.of(image: image) }
    public var hostNetwork: Bool { network == "host" }
}
