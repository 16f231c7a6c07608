import Foundation

/// How to reach the MQTT broker the bots talk through.
public struct MQTTSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String?
    /// Never printed or logged.
    public var password: String?
    /// A CA certificate file: set to connect with TLS.
    public var caFile: String?
    public var keepAliveSeconds: Int
    public var clientID: String
    /// Capped exponential backoff between reconnect attempts.
    public var reconnectDelay: ClosedRange<Int>

    public init(
        host: String = "127.0.0.1", port: Int = 1883, username: String? = nil, password: String? = nil,
        caFile: String? = nil, keepAliveSeconds: Int = 60, clientID: String = MQTTSettings.defaultClientID(),
        reconnectDelay: ClosedRange<Int> = 1...30
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.caFile = caFile
        self.keepAliveSeconds = keepAliveSeconds
        self.clientID = clientID
        self.reconnectDelay = reconnectDelay
    }

    /// `hbdeck-<host>-<pid>`: never `hbot.*`, which would kick a bot off the broker.
    public static func defaultClientID() -> String {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
        return "hbdeck-\(host)-\(ProcessInfo.processInfo.processIdentifier)"
    }

    public var address: String { "\(host):\(port)" }
}
