import HBModel

/// What `s`, `r` and `d` on a bot of a hummingbot-api fleet will do, step by step, before anything is done.
/// The API's own stop-and-archive waits a fixed 15 s; hbdeck waits for the bot to say it wound down.
enum APIConfirmations {
    static func confirmation(_ action: KeyAction, _ instance: InstanceSnapshot) -> Confirmation? {
        let name = instance.name
        let running = instance.state == .running
        let orders = ordersLine(instance)
        let stopSteps = [
            "Ask the bot to stop through hummingbot-api;\(orders)",
            "Wait for its log, as the API relays it, to say it wound down (up to \(StopTimes.windDownLimit) s); the API's own stop waits a fixed 15 s instead.",
        ]
        switch action {
        case .stop where running:
            return Confirmation(
                title: "Stop \(name) through the API?",
                steps: numbered(stopSteps + ["Then the API stops the container (Docker's 10 s, then kill)."]),
                action: .stop(name, skipBotStop: false),
                alternative: (key: "k", label: "Leave its orders open", action: .stop(name, skipBotStop: true)))
        case .restart where running:
            return Confirmation(
                title: "Restart \(name) through the API?",
                steps: numbered(stopSteps + ["Then the API stops the container and starts it again."]),
                action: .restart(name))
        case .delete where running:
            return Confirmation(
                title: "Archive \(name) through the API?",
                steps: numbered(
                    stopSteps + [
                        "Then the API's stop-and-archive: after its fixed 15 s wait it stops the container, archives bots/instances/\(instance.containerName) on the API's host and removes the container."
                    ]),
                action: .delete(name, skipBotStop: false),
                alternative: (key: "k", label: "Leave its orders open", action: .delete(name, skipBotStop: true)))
        default:
            return nil
        }
    }

    /// Why `action` does nothing on a bot of the API that is not running; nil when it does something.
    static func refusal(_ action: KeyAction, _ instance: InstanceSnapshot) -> String? {
        guard instance.state != .running else { return nil }
        switch action {
        case .stop, .restart: return "\(instance.name) is not running: nothing to stop (s starts it)"
        case .delete:
            return
                "\(instance.name) is not running, and hummingbot-api archives a bot only while it runs (its stop-and-archive): s starts it, then D archives it"
        default: return nil
        }
    }

    private static func ordersLine(_ instance: InstanceSnapshot) -> String {
        guard instance.health == .online else {
            return " the API has not heard from it lately, so it may not hear the stop: its orders would stay open."
        }
        return " it cancels its open orders (the API does not say how many)."
    }

    private static func numbered(_ steps: [String]) -> [String] {
        steps.enumerated().map { "\($0.offset + 1). \($0.element)" }
    }
}
