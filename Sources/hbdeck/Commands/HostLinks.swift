import BotLink
import Docker

/// The bot links of a command that acts on bots of one or several engines: each host's broker reached once, as
/// the console reaches it (through an ssh tunnel for an ssh context), and all closed at the end.
struct HostLinks {
    let broker: BrokerOptions
    let settings: ConsoleSettings
    /// The first engine asked for: its broker is the one the options name.
    let first: String?
    private var links: [String: (BotConnection?, SSHTunnel?)] = [:]

    init(broker: BrokerOptions, settings: ConsoleSettings, first: String?) {
        self.broker = broker
        self.settings = settings
        self.first = first
    }

    /// The link to `host`'s broker, nil (said on stderr) when it does not answer.
    mutating func link(for host: String) async throws -> BotConnection? {
        if let known = links[host] { return known.0 }
        let (options, tunnel) = host == first ? (broker, nil) : try broker.reaching(host: host, settings: settings)
        let link = await options.connectIfReachable()
        links[host] = (link, tunnel)
        return link
    }

    func close() async {
        for (link, tunnel) in links.values {
            await link?.close()
            tunnel?.close()
        }
    }
}
