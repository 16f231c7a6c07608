/// The fleet-wide stop's chooser (`X`): the ways to choose among the running bots, each with the bots it takes
/// and the open orders at stake, as the loop planned them when it opened.
public struct FleetStopChooser: Sendable, Equatable {
    public struct Choice: Sendable, Equatable {
        /// What the loop stops: `exchange:binance`, `host:hostb`, `strategy:pmm.yml` or `all`.
        public let key: String
        /// `every running bot trading on binance`.
        public let label: String
        public let bots: [String]
        /// `binance_paper_trade: 10 open orders, 625.34 notional`, one line an exchange.
        public let stake: [String]

        public init(key: String, label: String, bots: [String], stake: [String]) {
            self.key = key
            self.label = label
            self.bots = bots
            self.stake = stake
        }
    }

    public let choices: [Choice]
    public var selected = 0
    /// Bots stopped at once (`stop_concurrency`).
    public let concurrency: Int

    public init(choices: [Choice], concurrency: Int) {
        self.choices = choices
        self.concurrency = concurrency
    }

    public var current: Choice? { choices.indices.contains(selected) ? choices[selected] : nil }

    public mutating func move(by step: Int) {
        guard !choices.isEmpty else { return }
        selected = min(max(0, selected + step), choices.count - 1)
    }

    /// `names` after `lead`, on at most `lines` lines of `width`, the rest counted.
    static func wrapped(_ lead: String, _ names: [String], width: Int, lines: Int) -> [String] {
        var out: [String] = []
        var line = lead
        for (index, name) in names.enumerated() {
            let piece = name + (index == names.count - 1 ? "" : ", ")
            if line.count + piece.count > width, line != lead {
                if out.count == lines - 1 {
                    out.append(line + "and \(names.count - index) more")
                    return out
                }
                out.append(line)
                line = "  "
            }
            line += piece
        }
        return out + [line]
    }

    /// The one confirmation: the bots by name, what is at stake, and how they are stopped.
    public func confirmation(for choice: Choice) -> Confirmation {
        let count = choice.bots.count
        var steps = Self.wrapped("Bots (\(count)): ", choice.bots, width: 96, lines: 4)
        steps += choice.stake.map { "At stake: \($0)" }
        steps += [
            "1. Each bot is asked over MQTT to stop and cancel its orders, \(concurrency) at a time;",
            "   its own wind-down is awaited, then its container is stopped (not started again by its policy).",
            "2. A bot that does not answer gets the container stop with its grace: its orders stay open.",
            "A live report shows each bot as it ends; every row goes to the audit log.",
        ]
        return Confirmation(
            title: "Stop \(choice.label): \(count) bot\(count == 1 ? "" : "s")?", steps: steps,
            action: .fleetStop(key: choice.key, label: choice.label, bots: choice.bots))
    }
}
