/// An order the bot created and has not yet completed, cancelled or failed.
public struct OpenOrder: Sendable, Equatable, Codable {
    public let orderID: String
    public let tradingPair: String?
    public let side: String?
    public let price: Double?
    public let amount: Double?
    public var filledAmount: Double
    public let createdAt: Double
    /// When the console's link to the broker broke after this order was heard of: the bot may have
    /// filled or cancelled it unheard. Cleared when an event about the order arrives again.
    public var uncertainSince: Double?
}
