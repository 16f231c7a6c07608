import HBModel

/// The fleet's open orders in one table (`O`): sorted and filtered like the instances table.
public struct OrdersView: Sendable, Equatable {
    public enum SortKey: String, Sendable, CaseIterable { case age, bot, exchange, pair, side, price }

    public var sort: SortKey = .age
    public var filter = ""
    public var editingFilter = false
    public var scroll = 0

    public init() {}

    /// One open order and the bot it belongs to.
    public struct Row: Sendable, Equatable {
        public let bot: String
        public let order: OrderFigures
        /// The bot was not heard for all of its run: more orders may be open than listed.
        public let partial: Bool
    }

    /// The rows shown: the filter matched against bot, exchange, pair and side; newest first unless sorted otherwise.
    public func rows(_ snapshot: FleetSnapshot) -> [Row] {
        let needle = filter.lowercased()
        let all = snapshot.instances.flatMap { instance in
            instance.orders.map { Row(bot: instance.name, order: $0, partial: instance.ordersAreLowerBound) }
        }
        let shown =
            needle.isEmpty
            ? all
            : all.filter {
                $0.bot.lowercased().contains(needle) || ($0.order.exchange ?? "").lowercased().contains(needle)
                    || ($0.order.tradingPair ?? "").lowercased().contains(needle)
                    || ($0.order.side ?? "").lowercased().contains(needle)
            }
        switch sort {
        case .age: return shown.sorted { ($0.order.createdAt, $0.order.id) > ($1.order.createdAt, $1.order.id) }
        case .bot: return shown.sorted { ($0.bot, -$0.order.createdAt) < ($1.bot, -$1.order.createdAt) }
        case .exchange:
            return shown.sorted {
                ($0.order.exchange ?? "", $0.bot, -$0.order.createdAt) < (
                    $1.order.exchange ?? "", $1.bot, -$1.order.createdAt
                )
            }
        case .pair: return shown.sorted { ($0.order.tradingPair ?? "", $0.bot) < ($1.order.tradingPair ?? "", $1.bot) }
        case .side: return shown.sorted { ($0.order.side ?? "", $0.bot) < ($1.order.side ?? "", $1.bot) }
        case .price:
            return shown.sorted { ($0.order.price ?? -.infinity, $0.bot) > ($1.order.price ?? -.infinity, $1.bot) }
        }
    }

    public mutating func cycleSort() {
        let all = SortKey.allCases
        sort = all[(all.firstIndex(of: sort)! + 1) % all.count]
        scroll = 0
    }
}
