import Docker
import Foundation

extension BrokerOptions {
    /// These options pointed at `host`'s broker as the console reaches it (`contexts:` and `context_brokers:` of
    /// the config file; through an ssh tunnel for an ssh context), with that tunnel, to close when done.
    func reaching(host: String, settings: ConsoleSettings) throws -> (BrokerOptions, SSHTunnel?) {
        let endpoint = try DockerContexts().endpoint(of: host)
        let (address, port, tunnel) = try settings.broker(
            of: host, endpoint: endpoint, first: settings.contexts.first == host)
        var options = self
        options.mqttHost = address
        options.mqttPort = port
        return (options, tunnel)
    }
}
