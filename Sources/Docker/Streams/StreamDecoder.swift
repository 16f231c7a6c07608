/// Turns the chunks of a streaming response body into values. Chunks may split values anywhere.
public protocol StreamDecoder: Sendable {
    associatedtype Output: Sendable
    mutating func decode(_ chunk: [UInt8]) throws -> [Output]
    /// Called once the body has ended; returns what is left or throws if the stream was cut mid-value.
    mutating func finish() throws -> [Output]
}
