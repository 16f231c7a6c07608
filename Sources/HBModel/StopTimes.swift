/// How long each step of a safe stop may take: the procedures wait these, and the confirmations that
/// describe them say these, from this one place.
public enum StopTimes {
    /// How long a bot may take to wind down after it accepted its MQTT stop (cancelling orders included).
    public static let windDownLimit = 30
    /// The container's grace period when the bot did not wind down by itself first.
    public static let containerGrace = 30
    /// A bot the client's `hbot` runs winds down on SIGTERM: long enough for one that cancels many orders.
    public static let gracefulGrace = 60
}
