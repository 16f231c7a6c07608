/// The broker the console offers to create when there is none, as the config file describes it.
public struct BrokerOffer: Sendable, Equatable {
    public let image: String
    /// Where its MQTT port is reachable, such as 127.0.0.1:1883.
    public let address: String
    /// The only user let in; nil lets anonymous clients in.
    public let username: String?

    public init(image: String, address: String, username: String?) {
        self.image = image
        self.address = address
        self.username = username
    }
}
