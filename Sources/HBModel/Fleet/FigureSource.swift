/// Where one of a bot's trading figures was taken from, for the details screen to say.
public enum FigureSource: String, Sendable, Equatable {
    /// The bot's MQTT performance report (its controllers' own figures).
    case performanceReport = "performance report"
    /// The order events the console heard over MQTT.
    case eventsHeard = "order events heard"
    /// The bot's own trade database (`data/<config>.sqlite`).
    case tradeDatabase = "trade database"
    /// hummingbot-api's copy of the bot's performance reports, as it was read.
    case apiCopy = "the API's copy"
}
