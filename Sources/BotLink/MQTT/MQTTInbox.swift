import Foundation
import Synchronization

/// What libmosquitto's network thread hands to Swift: messages into a stream bounded in count and in
/// bytes, the connection state, and the subscriptions to restore after a reconnect. Shared between that
/// thread and the actor.
final class MQTTInbox: Sendable {
    /// A message larger than this is dropped (and counted) before it is copied: no bot sends one.
    static let maxMessageBytes = 1 << 20
    /// Payload bytes waiting in the stream at most; past it messages are dropped and counted.
    static let maxQueuedBytes = 32 << 20
    let queuedBytes = Atomic<Int>(0)
    let messages: AsyncStream<MQTTMessage>
    private let continuation: AsyncStream<MQTTMessage>.Continuation
    let received = Atomic<Int>(0)
    let dropped = Atomic<Int>(0)
    let state = Mutex<MQTTConnectionState>(.connecting)
    let subscriptions = Mutex<[String: Int32]>([:])
    let stateChanges: AsyncStream<MQTTConnectionState>
    private let stateContinuation: AsyncStream<MQTTConnectionState>.Continuation

    init(bufferSize: Int) {
        (messages, continuation) = AsyncStream.makeStream(of: MQTTMessage.self, bufferingPolicy: .bufferingOldest(bufferSize))
        (stateChanges, stateContinuation) = AsyncStream.makeStream(of: MQTTConnectionState.self, bufferingPolicy: .bufferingNewest(16))
    }

    /// Whether a payload of `size` bytes may be copied in; counts it as dropped when not.
    func admits(size: Int) -> Bool {
        received.wrappingAdd(1, ordering: .relaxed)
        guard size <= Self.maxMessageBytes, queuedBytes.load(ordering: .relaxed) + size <= Self.maxQueuedBytes else {
            dropped.wrappingAdd(1, ordering: .relaxed)
            return false
        }
        return true
    }

    func deliver(_ message: MQTTMessage) {
        queuedBytes.wrappingAdd(message.payload.count, ordering: .relaxed)
        if case .dropped = continuation.yield(message) {
            queuedBytes.wrappingSubtract(message.payload.count, ordering: .relaxed)
            dropped.wrappingAdd(1, ordering: .relaxed)
        }
    }

    /// The reader took `message` out of the stream.
    func taken(_ message: MQTTMessage) {
        queuedBytes.wrappingSubtract(message.payload.count, ordering: .relaxed)
    }

    func setState(_ new: MQTTConnectionState) {
        state.withLock { $0 = new }
        stateContinuation.yield(new)
    }

    func finish() {
        continuation.finish()
        stateContinuation.finish()
    }
}
