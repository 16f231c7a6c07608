/// Delivers one message to one target; behind a protocol so that the dispatcher's queueing, rate limit and
/// backoff are tested without a network.
public protocol AlertTransport: Sendable {
    func deliver(_ notice: AlertNotice, to target: AlertTarget, heldBack: Int) async throws(AlertDeliveryFailure)
}

/// Why a message did not go, in words that never hold the target's address; `permanent` when sending it again
/// cannot help (the target refused it).
public struct AlertDeliveryFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var permanent: Bool

    public init(_ reason: String, permanent: Bool = false) {
        self.reason = reason
        self.permanent = permanent
    }

    public var description: String { reason }
}
