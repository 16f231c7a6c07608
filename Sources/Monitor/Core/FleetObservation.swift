import Docker
import HBModel

/// What the monitor's shell saw or did, fed to `FleetCore.reconcile`.
enum FleetObservation: Sendable {
    /// A list of the engine is about to be asked for: actions that ended before it are settled by it.
    case listAsked
    /// The engine's list (image names resolved); `firstFrame`: only what the list cannot say is inspected.
    case listed([ContainerSummary], firstFrame: Bool)
    /// Inspects asked for by `FleetEffect.inspect`; `list`: the list they followed (its `listsBegun`).
    case inspected([Inspection], list: Int?)
    /// A container event from the engine's event stream.
    case event(DockerEvent)
    case engineLost(reason: String)
    case actionBegan(ContainerName, PendingAction)
    case actionEnded(ContainerName)
    /// This console stopped the instance's current run, and how.
    case stopNoted(ContainerName, how: String)
}

/// One container's inspect, and the tail of its errors.log when it had ended.
struct Inspection: Sendable {
    let request: InspectRequest
    let details: ContainerDetails
    let ending: ErrorsLog.Ending?
}

/// A container to inspect, with the row the answer is for.
struct InspectRequest: Sendable, Equatable {
    let id: ContainerID
    /// `FleetState.detailKey` of the row asked about; nil: the answer is provisional (the first frame) and the
    /// container is read again at the next list.
    let key: String?
    /// Whether to read its errors.log when it has ended.
    let readsEnding: Bool
    /// When it was asked, in the order of what the core learns (`FleetState.learned`): an answer to an older
    /// request never replaces what a newer one or an event said.
    var asked = 0
}

/// What the core asks the shell to do.
enum FleetEffect: Sendable, Equatable {
    /// An event changed what the rows say: show it now.
    case publish
    case inspect([InspectRequest])
    /// An event said something only a list gives (a new container, a new name).
    case list
}
