/// One message as received: topic and payload copied out of libmosquitto's buffers.
public struct MQTTMessage: Sendable, Equatable {
    public let topic: String
    public let payload: [UInt8]

    public init(topic: String, payload: [UInt8]) {
        self.topic = topic
        self.payload = payload
    }
}
