import Docker
import HBModel

/// Reads the `data/bot/` files of the running bots that the client's `hbot` CLI runs.
protocol StatusFileCollector: Sendable {
    func read(_ bots: [ContainerDetails], engine: any FleetEngine, previous: [ContainerID: StatusFileReader.Reading])
        async -> [ContainerID: StatusFileReader.Reading]
}

/// From the bots folder when the engine is on this machine, else through the engine; eight bots at a time.
struct StatusFiles: StatusFileCollector {
    let local: Bool

    func read(_ bots: [ContainerDetails], engine: any FleetEngine, previous: [ContainerID: StatusFileReader.Reading])
        async -> [ContainerID: StatusFileReader.Reading]
    {
        let read =
            (try? await concurrentMap(bots, limit: 8) { found -> (ContainerID, StatusFileReader.Reading) in
                let id = ContainerID(found.id)
                // Read before the tuple is built: see `EngineOptions.withEngines` for the compiler's bug.
                let reading = await StatusFileReader.read(found, local: local, client: engine, previous: previous[id])
                return (id, reading)
            }) ?? []
        return Dictionary(read, uniquingKeysWith: { $1 })
    }
}
