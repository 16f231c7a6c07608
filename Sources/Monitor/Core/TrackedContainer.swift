import Docker
import HBModel

/// One container the monitor follows: what the engine's list said of it, what its last inspect said, and what
/// the monitor learned around it.
struct TrackedContainer: Sendable, Equatable {
    /// The run this console stopped (its `StartedAt`) and how, so that the exit code such a stop leaves (137
    /// after a kill) reads as what it was.
    struct StoppedHere: Sendable, Equatable {
        let run: String
        let how: String
    }

    var summary: ContainerSummary
    /// Its inspect, nil until read; after an engine event, changed as the event says until read again.
    var details: ContainerDetails?
    /// The `FleetState.detailKey` of the row its details were read for; nil: to be read again.
    var readFor: String?
    /// `FleetState.learned` when its details were last set, by an inspect or an event.
    var learnedAt = 0
    /// What its errors.log says, when it has ended.
    var ending: ErrorsLog.Ending?
    var stoppedHere: StoppedHere?

    init(summary: ContainerSummary) {
        self.summary = summary
    }

    var id: ContainerID { summary.containerID }
    var name: ContainerName { summary.containerName }

    /// How this console stopped the current run, nil when it did not.
    var stoppedThisRun: String? {
        stoppedHere.flatMap { $0.run == details?.state.startedAt ? $0.how : nil }
    }
}
