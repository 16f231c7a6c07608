/// A libmosquitto call that failed, with its own error text.
public struct MQTTError: Error, Sendable, Equatable, CustomStringConvertible {
    public let operation: String
    public let code: Int32
    public let message: String

    public var description: String { "MQTT \(operation) failed: \(message)" }
}
