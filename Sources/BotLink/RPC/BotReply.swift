/// A bot's answer to a command: `status` 200 or 400 and the bot's own `msg`, plus command-specific fields.
public struct BotReply: Sendable, Equatable {
    public let status: Int
    public let message: String
    /// The whole `data` object of the reply.
    public let data: JSONValue

    public var succeeded: Bool { status == 200 }

    /// `history`: the bot's trades.
    public var trades: [JSONValue] { data["trades"]?.arrayValue ?? [] }

    /// `status` with `async_backend: false`: the status text.
    public var statusText: String? { data["data"]?.stringValue }

    init?(payload: [UInt8]) {
        guard let envelope = try? JSONParser.parse(payload), let data = envelope["data"],
            let status = data["status"]?.intValue
        else { return nil }
        self.status = status
        self.message = data["msg"]?.stringValue ?? ""
        self.data = data
    }
}
