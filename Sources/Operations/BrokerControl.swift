import Docker
import HBModel
import Monitor

/// Starting, stopping and restarting the broker container: one rule set and one set of words for the CLI
/// and the console. A broker already in the state asked for is left alone and that is said.
public enum BrokerControl {
    /// Nothing was done, and why (a broker that is not there).
    public struct Missing: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "no broker container named \(name): hbdeck broker create makes one" }
    }

    public static func start(_ name: String, engine: any FleetEngine, progress: (String) -> Void = { _ in })
        async throws -> String
    {
        let found = try await find(name, engine: engine)
        if found.state.running { return "broker \(name) is already running: nothing changed" }
        progress("starting the broker \(name)…")
        try await engine.startContainer(name)
        return "broker \(name): started"
    }

    public static func stop(_ name: String, engine: any FleetEngine, progress: (String) -> Void = { _ in }) async throws
        -> String
    {
        let found: ContainerDetails
        do {
            found = try await find(name, engine: engine)
        } catch is Missing {
            return "no broker container named \(name): nothing to stop"
        }
        if !found.state.running { return "broker \(name) is not running: nothing changed" }
        progress("stopping the broker \(name)…")
        try await engine.stopContainer(name, timeout: grace)
        return "broker \(name): stopped"
    }

    public static func restart(_ name: String, engine: any FleetEngine, progress: (String) -> Void = { _ in })
        async throws -> String
    {
        _ = try await find(name, engine: engine)
        progress("restarting the broker \(name)…")
        try await engine.restartContainer(name, timeout: grace)
        return "broker \(name): restarted"
    }

    /// The broker keeps nothing the bots need across a stop: a short grace.
    static let grace = 10

    private static func find(_ name: String, engine: any FleetEngine) async throws -> ContainerDetails {
        do {
            return try await engine.inspectContainer(name)
        } catch DockerError.notFound {
            throw Missing(name: name)
        }
    }
}
