/// How a bot runs in its container: the image's quickstart command (bash as PID 1, controlled over MQTT),
/// or the client's own CLI, `hbot start CONFIG --foreground` (the bot as PID 1, its state in `data/bot/`).
public enum BotEngine: String, Sendable, Equatable {
    case quickstart
    case hbot

    /// The engine a container's command names: `hbot start|deploy … --foreground` is the client's CLI.
    public static func of(command: [String]) -> BotEngine {
        guard let at = command.firstIndex(where: { $0 == "hbot" || $0.hasSuffix("/hbot") }), command.count > at + 1
        else { return .quickstart }
        return ["start", "deploy"].contains(command[at + 1]) && command.contains("--foreground") ? .hbot : .quickstart
    }

    /// The config `hbot start|deploy CONFIG` names, nil when the command names none.
    public static func config(in command: [String]) -> String? {
        guard let at = command.firstIndex(where: { $0 == "start" || $0 == "deploy" }), command.count > at + 1,
            !command[at + 1].hasPrefix("-")
        else { return nil }
        return command[at + 1]
    }

    /// As `of(command:)`, from the one-line command the engine's list shows.
    public static func of(listedCommand: String?) -> BotEngine {
        of(command: (listedCommand ?? "").split(separator: " ").map(String.init))
    }
}
