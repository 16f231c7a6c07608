import HBModel

/// The alert rules: from what the fleet looks like now and what was known before, the next book and the
/// messages to send. Pure: no I/O, no clock but `now`.
///
/// A condition is alerted once, when it has held for its threshold, and resolved once, when it is seen to have
/// ended. A condition that cannot be seen (its engine offline, a bot not heard yet) is neither: it keeps what
/// was known.
public struct AlertEvaluator: Sendable {
    public let policy: AlertPolicy

    public init(policy: AlertPolicy) {
        self.policy = policy
    }

    /// Whether a condition holds, does not, or cannot be told now.
    enum Reading: Equatable {
        case holds(String)
        case clear(String)
        case unknown
    }

    public func evaluate(_ book: AlertBook, fleet: FleetSnapshot, now: Double) -> (AlertBook, [AlertNotice]) {
        var next = book
        var notices: [AlertNotice] = []
        var seen = Set<String>()

        func observe(_ rule: AlertRule, _ subject: String, _ reading: Reading, holdFor hold: Double = 0) {
            guard policy.rules.contains(rule) else { return }
            let key = AlertBook.key(rule, subject)
            seen.insert(key)
            switch reading {
            case .unknown:
                return
            case .clear(let detail):
                next.pending[key] = nil
                if next.active.removeValue(forKey: key) != nil {
                    notices.append(
                        AlertNotice(kind: .resolved, rule: rule, subject: subject, detail: detail, time: now))
                }
            case .holds(let detail):
                guard next.active[key] == nil else { return }
                let since = next.pending[key] ?? now
                guard now - since >= hold else {
                    next.pending[key] = since
                    return
                }
                next.pending[key] = nil
                next.active[key] = AlertBook.Active(rule: rule, subject: subject, since: since, detail: detail)
                notices.append(AlertNotice(kind: .fired, rule: rule, subject: subject, detail: detail, time: now))
            }
        }

        let engines =
            fleet.hosts.isEmpty
            ? [(name: fleet.endpoint, engine: fleet.engine, broker: fleet.broker)]
            : fleet.hosts.map { (name: $0.name, engine: $0.engine, broker: $0.broker) }
        for engine in engines {
            let subject = SecretMask.maskURLCredentials(engine.name)
            switch engine.engine {
            case .live: observe(.engine, subject, .clear("answers again"), holdFor: policy.offlineAfter)
            case .offline(let reason, _):
                observe(.engine, subject, .holds("does not answer: \(reason)"), holdFor: policy.offlineAfter)
            case .connecting: observe(.engine, subject, .unknown)
            }
            observe(
                .broker, "broker \(engine.broker.containerName)" + (fleet.hosts.isEmpty ? "" : " on \(engine.name)"),
                engine.engine.isLive ? brokerReading(engine.broker) : .unknown, holdFor: policy.offlineAfter)
        }

        for instance in fleet.instances {
            guard fleet.engineIsLive(for: instance) else {
                // Nothing can be told of a bot on an engine that does not answer: keep all that was known.
                for rule in AlertRule.configurable { seen.insert(AlertBook.key(rule, instance.name)) }
                continue
            }
            let looping = crashLoop(instance, book: &next, now: now)
            observe(.crashLoop, instance.name, looping)
            observe(.oom, instance.name, oomReading(instance))
            observe(.error, instance.name, errorReading(instance, looping: looping), holdFor: policy.errorAfter)
            observe(.unresponsive, instance.name, unresponsiveReading(instance), holdFor: policy.unresponsiveAfter)
            observe(.memory, instance.name, memoryReading(instance))
            observe(.disk, instance.name, diskReading(instance))
            if policy.rules.contains(.logErrors), let notice = newRecords(instance, book: &next, now: now) {
                notices.append(notice)
            }
        }

        // A bot no longer on a live engine (deleted) ends its conditions.
        for (key, active) in next.active where !seen.contains(key) {
            guard active.rule != .engine, active.rule != .broker else { continue }
            next.active[key] = nil
            notices.append(
                AlertNotice(
                    kind: .resolved, rule: active.rule, subject: active.subject, detail: "no longer on the engine",
                    time: now))
        }
        for key in next.pending.keys where !seen.contains(key) { next.pending[key] = nil }
        let names = Set(fleet.instances.map(\.name))
        next.restarts = next.restarts.filter { names.contains($0.key) }
        next.recordsSaid = next.recordsSaid.filter { names.contains($0.key) }
        return (next, notices)
    }

    private func brokerReading(_ broker: BrokerSnapshot) -> Reading {
        if let state = broker.state, state != .running { return .holds("its container is \(state.rawValue)") }
        switch broker.link {
        case .disabled, .connecting: return broker.state == nil ? .unknown : .clear("running")
        case .connected: return .clear("reachable again")
        case .disconnected(let reason): return .holds("hbdeck cannot reach it: \(reason)")
        }
    }

    private func oomReading(_ instance: InstanceSnapshot) -> Reading {
        guard instance.restarts != nil else { return .unknown }
        if instance.oomKilled && instance.state != .running {
            return .holds(instance.reason ?? "OOM-killed")
        }
        return instance.state == .running ? .clear("running again") : .clear(instance.state.rawValue)
    }

    private func errorReading(_ instance: InstanceSnapshot, looping: Reading) -> Reading {
        // Before its container was inspected, its state may be the list's first guess.
        guard instance.restarts != nil else { return .unknown }
        guard instance.state == .error else { return .clear("now \(instance.state.rawValue)") }
        // Said by the rules of their own.
        if instance.oomKilled { return .clear("OOM kill alerted on its own") }
        if case .holds = looping { return .clear("crash loop alerted on its own") }
        if instance.reason?.hasPrefix("restarting in a loop") == true { return .unknown }
        return .holds(instance.reason ?? "Error")
    }

    private func unresponsiveReading(_ instance: InstanceSnapshot) -> Reading {
        guard instance.state == .running else { return .clear("now \(instance.state.rawValue)") }
        switch instance.health {
        case .online: return .clear("heard again")
        case .unresponsive: return .holds("no heartbeat: unresponsive for \(Int(policy.unresponsiveAfter)) s and more")
        case .unknown, nil: return .unknown
        }
    }

    private func memoryReading(_ instance: InstanceSnapshot) -> Reading {
        guard let used = instance.resources.memoryUsed, let limit = instance.resources.memoryLimit, limit > 0 else {
            return instance.state == .running ? .unknown : .clear("not running")
        }
        let percent = Double(used) / Double(limit) * 100
        let said = "\(Formatting.bytes(used)) of its \(Formatting.bytes(limit)) limit (\(Int(percent)) %)"
        if percent > policy.memoryPercent { return .holds(said) }
        // Five points below the threshold before it is said to be over, so that it does not flap.
        return percent < policy.memoryPercent - 5 ? .clear(said) : .unknown
    }

    private func diskReading(_ instance: InstanceSnapshot) -> Reading {
        guard let used = instance.diskUsed, let quota = instance.diskQuota, quota > 0 else { return .unknown }
        let percent = Double(used) / Double(quota) * 100
        let said = "data/ and logs/ take \(Formatting.bytes(used)) of \(Formatting.bytes(quota)) (\(Int(percent)) %)"
        if percent > policy.diskPercent { return .holds(said) }
        return percent < policy.diskPercent - 5 ? .clear(said) : .unknown
    }

    /// Restarts of the bot's container within the window: a crash loop at the threshold, clear once none is left
    /// in the window.
    private func crashLoop(_ instance: InstanceSnapshot, book: inout AlertBook, now: Double) -> Reading {
        guard let count = instance.restarts, let container = instance.containerID else { return .unknown }
        var restarts = book.restarts[instance.name] ?? AlertBook.Restarts(container: container, count: count, seen: [])
        if restarts.container != container || count < restarts.count {
            restarts = AlertBook.Restarts(container: container, count: count, seen: [])
        }
        let new = count - restarts.count
        restarts.seen += Array(repeating: now, count: min(new, policy.crashLoopRestarts))
        restarts.count = count
        restarts.seen.removeAll { now - $0 > policy.crashLoopWindow }
        book.restarts[instance.name] = restarts
        if restarts.seen.count >= policy.crashLoopRestarts {
            return .holds(
                "\(restarts.seen.count) restarts within \(Int(policy.crashLoopWindow)) s"
                    + (instance.reason.map { " · \($0)" } ?? ""))
        }
        return restarts.seen.isEmpty ? .clear("no restart for \(Int(policy.crashLoopWindow)) s") : .unknown
    }

    /// One message for the ERROR and CRITICAL records received since the last one said.
    private func newRecords(_ instance: InstanceSnapshot, book: inout AlertBook, now: Double) -> AlertNotice? {
        let said = book.recordsSaid[instance.name] ?? 0
        let new = instance.problems.filter { ["ERROR", "CRITICAL"].contains($0.level) && $0.time > said }
        guard let newest = new.last else { return nil }
        book.recordsSaid[instance.name] = newest.time
        let count = new.count == 1 ? "1 new \(newest.level) record" : "\(new.count) new ERROR/CRITICAL records"
        return AlertNotice(
            kind: .fired, rule: .logErrors, subject: instance.name, detail: "\(count): \(newest.headline)", time: now)
    }
}
