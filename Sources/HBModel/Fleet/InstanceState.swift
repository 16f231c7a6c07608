/// What an operator sees in the STATE column.
public enum InstanceState: String, Sendable, Equatable, Codable, CaseIterable {
    case created = "Created"
    case starting = "Starting"
    case running = "Running"
    case stopping = "Stopping"
    case stopped = "Stopped"
    case error = "Error"
    /// A folder under `bots/instances/` with no container.
    case notDeployed = "Undeployed"
}

/// The container facts the state is derived from.
public struct ContainerCondition: Sendable, Equatable {
    public var status: String
    public var exitCode: Int
    public var oomKilled: Bool
    public var restartCount: Int
    public var memoryLimit: Int64
    public var engineError: String
    /// Seconds since the container's current run started, when known.
    public var uptime: Double?
    /// The most restarts the engine makes after failures (`on-failure:N`), nil without such a policy.
    public var restartLimit: Int?

    public init(
        status: String, exitCode: Int = 0, oomKilled: Bool = false, restartCount: Int = 0, memoryLimit: Int64 = 0,
        engineError: String = "", uptime: Double? = nil, restartLimit: Int? = nil
    ) {
        self.restartLimit = restartLimit
        self.status = status
        self.exitCode = exitCode
        self.oomKilled = oomKilled
        self.restartCount = restartCount
        self.memoryLimit = memoryLimit
        self.engineError = engineError
        self.uptime = uptime
    }
}

/// An action under way from this console, which shows as Starting or Stopping until the engine agrees.
public enum PendingAction: Sendable, Equatable {
    case starting, stopping
}

public enum InstanceStateRule {
    /// Exit codes of a process ended by a signal an operator sends (SIGINT, SIGKILL after a stop timeout, SIGTERM).
    static let operatorSignals: Set<Int> = [130, 137, 143]
    /// A container the engine restarted (its restart policy) that has not stayed up this long is still
    /// crash-looping: the engine itself resets its restart backoff after 10 s of running.
    public static let settledAfter = 10.0

    /// The state and, when it is not plain, the reason to show beside it.
    public static func derive(_ c: ContainerCondition, pending: PendingAction? = nil, lastErrorLine: String? = nil) -> (
        InstanceState, String?
    ) {
        switch c.status {
        case "created":
            return pending == .starting ? (.starting, nil) : (.created, nil)
        case "running":
            if pending == .stopping { return (.stopping, nil) }
            if c.restartCount > 0, let uptime = c.uptime, uptime >= 0, uptime < settledAfter {
                return (
                    .error,
                    "restarting in a loop (\(c.restartCount) restarts)" + (lastErrorLine.map { " · last: \($0)" } ?? "")
                )
            }
            return (.running, nil)
        case "paused":
            return (.running, "paused")
        case "restarting":
            return (
                .error,
                "restarting in a loop (\(c.restartCount) restarts)" + (lastErrorLine.map { " · last: \($0)" } ?? "")
            )
        case "removing":
            return (.stopping, "being removed")
        case "exited", "dead":
            if pending == .starting { return (.starting, nil) }
            // The engine restarted it as its policy allows and then gave up: say so first.
            let gaveUp =
                c.restartLimit.flatMap { limit in
                    limit > 0 && c.restartCount >= limit
                        ? "gave up after \(c.restartCount) restarts (on-failure:\(limit)) · " : nil
                } ?? ""
            if c.oomKilled {
                let limit = c.memoryLimit > 0 ? " (limit \(Formatting.bytes(UInt64(c.memoryLimit))))" : ""
                return (.error, gaveUp + "OOM-killed\(limit)" + (lastErrorLine.map { " · last: \($0)" } ?? ""))
            }
            if c.exitCode != 0 && !operatorSignals.contains(c.exitCode) {
                return (
                    .error, gaveUp + "exited with code \(c.exitCode)" + (lastErrorLine.map { " · last: \($0)" } ?? "")
                )
            }
            if !c.engineError.isEmpty { return (.error, c.engineError) }
            // Ended on its own with a clean code: Hummingbot writes why only to errors.log.
            if let lastErrorLine { return (.stopped, "exited \(c.exitCode) · errors.log: \(lastErrorLine)") }
            return (.stopped, c.exitCode == 0 ? nil : "exited \(c.exitCode)")
        default:
            return (.error, "unknown container state \(c.status)")
        }
    }
}
