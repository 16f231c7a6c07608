import HBModel

/// What a deploy through the API asks for: a V2 script with its config, or `v2_with_controllers` over
/// controller configs, with the credentials of an account (`credentials_profile`).
public struct APIDeployment: Encodable, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case script
        case controllers
    }

    public let kind: Kind
    /// The API adds `-YYYYMMDD-HHMMSS` to it; only letters, digits, `_` and `-`.
    public let instanceName: String
    public let credentialsProfile: String
    public let image: String
    public let script: String?
    public let scriptConfig: String?
    public let controllersConfig: [String]?
    public let headless: Bool

    enum CodingKeys: String, CodingKey {
        case instanceName = "instance_name"
        case credentialsProfile = "credentials_profile"
        case image, script, headless
        case scriptConfig = "script_config"
        case controllersConfig = "controllers_config"
    }

    public static func controllers(
        _ instanceName: String, account: String, configs: [String], image: String, headless: Bool = true
    ) -> APIDeployment {
        APIDeployment(
            kind: .controllers, instanceName: instanceName, credentialsProfile: account, image: image, script: nil,
            scriptConfig: nil, controllersConfig: configs, headless: headless)
    }

    public static func script(
        _ instanceName: String, account: String, script: String, config: String?, image: String, headless: Bool = true
    ) -> APIDeployment {
        APIDeployment(
            kind: .script, instanceName: instanceName, credentialsProfile: account, image: image, script: script,
            scriptConfig: config, controllersConfig: nil, headless: headless)
    }

    /// The API's own rule for names it makes folders of (`^[A-Za-z0-9_-]+$`), checked before anything is sent:
    /// the API itself answers a bad name with a bare 500.
    public static func isSafeName(_ name: String) -> Bool {
        QualifiedName.isPlain(name, dots: false)
    }
}

/// The reply to a deploy: `{"success": true, "message": …, "unique_instance_name": …}`.
public struct APIDeployReply: Decodable, Sendable, Equatable {
    public let success: Bool
    public let message: String
    public let uniqueInstanceName: String?

    enum CodingKeys: String, CodingKey {
        case success, message
        case uniqueInstanceName = "unique_instance_name"
    }
}

/// Which config folder an upload goes to.
public enum APIConfigKind: String, Sendable {
    case scripts
    case controllers
}

struct APIStartBot: Encodable {
    let botName: String

    enum CodingKeys: String, CodingKey {
        case botName = "bot_name"
    }
}

struct APIStopBot: Encodable {
    let botName: String
    let skipOrderCancellation: Bool
    let asyncBackend: Bool

    enum CodingKeys: String, CodingKey {
        case botName = "bot_name"
        case skipOrderCancellation = "skip_order_cancellation"
        case asyncBackend = "async_backend"
    }
}
