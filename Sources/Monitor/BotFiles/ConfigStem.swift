/// The name the client gives a config's own files (`data/<stem>.sqlite`, `logs/logs_<stem>.log`): the config's
/// file name without `.yml`.
enum ConfigStem {
    /// Nil for a name that could reach outside the bot's folder (a `/`, or a leading `.`).
    static func of(_ config: String) -> String? {
        guard !config.contains("/"), !config.hasPrefix(".") else { return nil }
        return config.hasSuffix(".yml") ? String(config.dropLast(4)) : config
    }
}
