/// Commands waiting for their reply, by reply topic. Each is answered once: by its reply or by its
/// timeout. A reply that arrives before its caller starts waiting is kept for it.
actor PendingReplies {
    private enum Slot {
        case expecting
        case arrived(BotReply)
        case waiting(CheckedContinuation<BotReply?, Never>)
    }

    private var slots: [String: Slot] = [:]

    func expect(_ topic: String) {
        slots[topic] = .expecting
    }

    func wait(on topic: String, seconds: Double) async -> BotReply? {
        switch slots[topic] {
        case .arrived(let reply)?:
            slots[topic] = nil
            return reply
        case .expecting?:
            return await withCheckedContinuation { continuation in
                slots[topic] = .waiting(continuation)
                Task {
                    try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                    self.expire(topic)
                }
            }
        default:
            return nil
        }
    }

    func resolve(_ topic: String, with reply: BotReply) {
        switch slots[topic] {
        case .expecting?:
            slots[topic] = .arrived(reply)
        case .waiting(let continuation)?:
            slots[topic] = nil
            continuation.resume(returning: reply)
        default:
            break  // late or unknown: its caller already gave up
        }
    }

    func expire(_ topic: String) {
        if case .waiting(let continuation)? = slots[topic] {
            slots[topic] = nil
            continuation.resume(returning: nil)
        } else {
            slots[topic] = nil
        }
    }

    func cancelAll() {
        for case .waiting(let continuation) in slots.values { continuation.resume(returning: nil) }
        slots.removeAll()
    }
}
