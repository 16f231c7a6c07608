/// One controller's performance as the bot last reported it (Hummingbot's `performance` topic).
public struct ControllerFigures: Sendable, Equatable {
    public var name: String
    public var pnl: Double?
    public var pnlPercent: Double?
    public var realized: Double?
    public var unrealized: Double?
    public var volume: Double?

    public init(
        name: String, pnl: Double? = nil, pnlPercent: Double? = nil, realized: Double? = nil, unrealized: Double? = nil,
        volume: Double? = nil
    ) {
        self.name = name
        self.pnl = pnl
        self.pnlPercent = pnlPercent
        self.realized = realized
        self.unrealized = unrealized
        self.volume = volume
    }
}
