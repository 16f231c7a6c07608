import Foundation
import Synchronization

/// What libmosquitto's network thread hands to Swift: messages into a bounded stream, the connection
/// state, and the subscriptions to restore after a reconnect. Shared between that thread and the actor.
final class MQTTInbox: Sendable {
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

    func deliver(_ message: MQTTMessage) {
        received.wrappingAdd(1, ordering: .relaxed)
        if case .dropped = continuation.yield(message) {
            dropped.wrappingAdd(1, ordering: .relaxed)
        }
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
