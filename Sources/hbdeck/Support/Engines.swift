import Docker
import HBModel

/// An engine connected for a command, with the name the operator knows it by (its Docker context).
struct ConnectedEngine: Sendable {
    let name: String
    let client: DockerClient
}

/// An instance found on one of the engines.
struct LocatedInstance: Sendable {
    let engine: ConnectedEngine
    let summary: ContainerSummary
    /// `HOST/NAME` where several engines are in use, else the name.
    let shown: String
}

/// The engines a command was asked to work on that answered.
struct EngineSet: Sendable {
    let connected: [ConnectedEngine]
    /// More than one engine was asked for (answering or not): hosts are then shown.
    let several: Bool

    /// Finds each named instance on its engine, in the order given. A bare name must be on exactly one engine.
    func locate(_ names: [String]) async throws -> [LocatedInstance] {
        let engines = connected
        let parsed = names.map(QualifiedName.init)
        for (text, name) in zip(names, parsed) {
            if let host = name.host, !engines.contains(where: { $0.name == host }) {
                throw CommandFailure(
                    "\(InstanceName.shown(text)): no engine named \(InstanceName.shown(host)) answers (engines: \(engines.map(\.name).joined(separator: ", ")))"
                )
            }
        }
        try Fleet.validate(parsed.map(\.name))
        var bots: [String: [ContainerSummary]] = [:]
        for engine in engines { bots[engine.name] = try await Fleet(client: engine.client).bots() }
        return try parsed.map { wanted in
            let holders = engines.filter { engine in
                (wanted.host == nil || wanted.host == engine.name)
                    && (bots[engine.name] ?? []).contains { $0.name == wanted.name }
            }
            guard let engine = holders.first else {
                throw CommandFailure("no such instance: \(wanted.host.map { "\($0)/" } ?? "")\(wanted.name)")
            }
            guard holders.count == 1 else {
                throw CommandFailure(
                    "\(wanted.name) is on \(holders.map(\.name).joined(separator: " and ")): say which, as \(holders[0].name)/\(wanted.name)"
                )
            }
            let summary = bots[engine.name]!.first { $0.name == wanted.name }!
            return LocatedInstance(
                engine: engine, summary: summary, shown: several ? "\(engine.name)/\(wanted.name)" : wanted.name)
        }
    }
}
