import Deploy
import Docker
import HBModel

/// Why an action was not begun, or why it ended before it was done, in words for the footer and stdout.
public struct ActionRefused: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(description: String) {
        self.description = description
    }
}

extension FleetMonitor {
    /// One action at a time per instance: marks `name` as under way (the table says so at once) and gives the
    /// engine to act on; a second action while the first runs is refused, never queued.
    public func beginAction(on name: String, _ marker: PendingAction) async -> Result<any FleetEngine, ActionRefused> {
        guard let client else {
            return .failure(ActionRefused(description: "the Docker engine is offline: nothing was done"))
        }
        guard state.mayBegin(on: ContainerName(name)) else {
            return .failure(ActionRefused(description: "\(name) is busy with another action: nothing was done"))
        }
        // Another hbdeck on this machine (a console, a command) acting on it refuses this one too.
        let folder = config.lockFolder ?? InstanceLock.folder(botsFolder: config.botsFolder)
        switch InstanceLock.acquire(name, engine: config.endpoint.description, in: folder) {
        case .failure(let busy): return .failure(ActionRefused(description: busy.description))
        case .success(let lock): locks[ContainerName(name)] = lock
        }
        observe(.actionBegan(ContainerName(name), marker))
        await publish()
        return .success(client)
    }

    /// Ends the action on `name`: still shown as under way until the engine has been read again (a list asked
    /// from now on), so that the row never shows the state from before it.
    public func endAction(on name: String) {
        locks.removeValue(forKey: ContainerName(name))?.release()
        if observe(.actionEnded(ContainerName(name))).contains(.list) { wake() }
    }

    /// Remembers that this console stopped the named instance's current run, and how; shown at once.
    public func noteStopped(_ name: String, how: String) async {
        observe(.stopNoted(ContainerName(name), how: how))
        await publish()
    }
}
