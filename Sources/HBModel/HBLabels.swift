/// The container labels hbdeck writes and reads.
public enum HBLabels {
    /// `bot` or `broker`.
    public static let role = "hbdeck.role"
    /// The instance name, also on containers renamed by hand.
    public static let instance = "hbdeck.instance"

    public static let botRole = "bot"
    public static let brokerRole = "broker"
    /// A throwaway container hbdeck runs the bot image's own code in (password checks, `hbot --version`).
    public static let helperRole = "helper"
    /// The bridge network of one isolated bot (`hbdeck-NAME`), which only it and the broker are on.
    public static let botNetworkRole = "bot-network"

    /// The name of an isolated bot's own network.
    public static func isolatedNetwork(of instance: String) -> String { "hbdeck-\(instance)" }
}

extension HBLabels {
    /// The credentials profile an instance was deployed with (its `conf/` is a copy of it).
    public static let profile = "hbdeck.profile"
}
