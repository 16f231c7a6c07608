import Docker
import HBModel

/// The monitor's rules as a pure function: what an observation changes in the fleet's state, and what must be
/// read next. No I/O and no clock here: the time comes in as `now`.
enum FleetCore {
    static func reconcile(_ state: FleetState, _ observation: FleetObservation, now: Double) -> (
        FleetState, [FleetEffect]
    ) {
        var next = state
        let effects = next.apply(observation, now: now)
        return (next, effects)
    }
}

extension FleetState {
    fileprivate mutating func apply(_ observation: FleetObservation, now: Double) -> [FleetEffect] {
        switch observation {
        case .listAsked:
            askList()
            return []
        case .listed(let all, let firstFrame):
            engine = .live
            lastGood = now
            replace(
                with: all.filter {
                    BotClassifier.isBot(image: $0.image, labels: $0.labels, command: $0.command)
                        || $0.name == brokerContainer
                })
            // Inspect only what changed since the last look; the first frame waits only for what the list
            // cannot classify truly, and reads it again with the next list.
            let requests = tracked.filter {
                ($0.readFor != Self.detailKey($0.summary) || $0.details == nil)
                    && (!firstFrame || Self.needsInspectionFirst($0.summary))
            }
            .map {
                ask(
                    InspectRequest(
                        id: $0.id, key: firstFrame ? nil : Self.detailKey($0.summary), readsEnding: !firstFrame))
            }
            return requests.isEmpty ? [] : [.inspect(requests)]
        case .inspected(let inspections, let list):
            for inspection in inspections {
                update(inspection.request.id) {
                    // Read before an event or a newer inspect told more: what it says is older than what is known.
                    guard inspection.request.asked > $0.learnedAt else { return }
                    $0.details = inspection.details
                    $0.readFor = inspection.request.key
                    $0.ending = inspection.ending
                    $0.learnedAt = inspection.request.asked
                }
            }
            if let list { settle(upTo: list) }
            return []
        case .event(let event):
            return apply(event)
        case .engineLost(let reason):
            engine = .offline(reason: reason, lastGood: lastGood)
            return []
        case .actionBegan(let name, let marker):
            begin(marker, on: name)
            return []
        case .actionEnded(let name):
            end(on: name)
            // The engine is read again at once: the row then says what the action left.
            return [.list]
        case .stopNoted(let name, let how):
            guard let found = container(named: name), let run = found.details?.state.startedAt else { return [] }
            update(found.id) { $0.stoppedHere = TrackedContainer.StoppedHere(run: run, how: how) }
            return []
        }
    }

    /// Applies what an engine event carries at once (a `die` with its exit code: the row says Exited before
    /// anything is read) and asks for the one inspect that confirms it, instead of listing everything again.
    private mutating func apply(_ event: DockerEvent) -> [FleetEffect] {
        if event.type == "network" {
            // A container attached to a network or detached from it: the list's networks say which.
            return ["connect", "disconnect"].contains(event.action) ? [.list] : []
        }
        let change = ContainerChange(event)
        let id = ContainerID(event.actor.id)
        switch change {
        case .nothing: return []
        case .created, .renamed: return [.list]
        case .destroyed:
            guard containers[id] != nil else { return [] }
            forget(id)
            return [.publish]
        default:
            guard containers[id] != nil else { return change == .outOfMemory ? [] : [.list] }
            let time = Double(event.timeNano) / 1_000_000_000
            update(id) {
                $0.summary = $0.summary.after(change)
                $0.details = $0.details?.after(change, at: time)
            }
            learn(about: id)
            guard change != .outOfMemory, let tracked = containers[id] else { return [.publish] }
            return [
                .publish,
                .inspect([ask(InspectRequest(id: id, key: Self.detailKey(tracked.summary), readsEnding: true))]),
            ]
        }
    }
}
