/// `/bot-orchestration/mqtt`: the API's own link to the broker.
public struct APIMQTTStatus: Decodable, Sendable, Equatable {
    public let mqttConnected: Bool
    public let discoveredBots: [String]
    public let activeBots: [String]
    public let brokerHost: String
    public let brokerPort: Int
    public let clientState: String

    enum CodingKeys: String, CodingKey {
        case mqttConnected = "mqtt_connected"
        case discoveredBots = "discovered_bots"
        case activeBots = "active_bots"
        case brokerHost = "broker_host"
        case brokerPort = "broker_port"
        case clientState = "client_state"
    }

    public init(
        mqttConnected: Bool, discoveredBots: [String], activeBots: [String], brokerHost: String, brokerPort: Int,
        clientState: String
    ) {
        self.mqttConnected = mqttConnected
        self.discoveredBots = discoveredBots
        self.activeBots = activeBots
        self.brokerHost = brokerHost
        self.brokerPort = brokerPort
        self.clientState = clientState
    }
}
