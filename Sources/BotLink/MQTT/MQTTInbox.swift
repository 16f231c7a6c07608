import Foundation
import Synchronization

/// What libmosquitto's network thread hands to Swift: messages waiting in order, bounded in count and in
/// bytes, a doorbell that rings when some are waiting, the connection state, and the subscriptions to
/// restore after a reconnect. Shared between that thread and the actor.
///
/// The reader takes every waiting message at once (`take`): one wake-up for a burst, not one per message.
final class MQTTInbox: Sendable {
    /// A message larger than this is dropped (and counted) before it is copied: no bot sends one.
    static let maxMessageBytes = 1 << 20
    /// Payload bytes waiting at most; past it messages are dropped and counted.
    static let maxQueuedBytes = 32 << 20
    let bufferSize: Int
    private let waiting = Mutex<(messages: [MQTTMessage], bytes: Int)>(([], 0))
    let doorbell: AsyncStream<Void>
    private let ring: AsyncStream<Void>.Continuation
    let received = Atomic<Int>(0)
    let dropped = Atomic<Int>(0)
    let state = Mutex<MQTTConnectionState>(.connecting)
    let subscriptions = Mutex<[String: Int32]>([:])
    let stateChanges: AsyncStream<MQTTConnectionState>
    private let stateContinuation: AsyncStream<MQTTConnectionState>.Continuation

    init(bufferSize: Int) {
        self.bufferSize = bufferSize
        (doorbell, ring) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        (stateChanges, stateContinuation) = AsyncStream.makeStream(
            of: MQTTConnectionState.self, bufferingPolicy: .bufferingNewest(16))
    }

    /// Whether a payload of `size` bytes may be copied in; counts it as dropped when not.
    func admits(size: Int) -> Bool {
        received.wrappingAdd(1, ordering: .relaxed)
        let fits = waiting.withLock { $0.messages.count < bufferSize && $0.bytes + size <= Self.maxQueuedBytes }
        guard size <= Self.maxMessageBytes, fits else {
            dropped.wrappingAdd(1, ordering: .relaxed)
            return false
        }
        return true
    }

    func deliver(_ message: MQTTMessage) {
        waiting.withLock {
            $0.messages.append(message)
            $0.bytes += message.payload.count
        }
        ring.yield(())
    }

    /// Every message waiting, oldest first.
    func take() -> [MQTTMessage] {
        waiting.withLock { waiting in
            defer { waiting = ([], 0) }
            return waiting.messages
        }
    }

    func setState(_ new: MQTTConnectionState) {
        state.withLock { $0 = new }
        stateContinuation.yield(new)
    }

    func finish() {
        ring.finish()
        stateContinuation.finish()
    }
}
