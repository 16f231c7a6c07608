import Foundation

/// One action as the audit log keeps it: when, who (and from where over SSH), what, on what, how it ended.
public struct AuditEntry: Codable, Sendable, Equatable {
    /// ISO 8601, UTC, to the millisecond.
    public let time: String
    public let user: String
    /// The SSH client's address when the action came over SSH.
    public let from: String?
    /// `cli` or `console`.
    public let via: String
    public let action: String
    public let target: String
    public let outcome: String

    public init(time: String, user: String, from: String?, via: String, action: String, target: String, outcome: String)
    {
        self.time = time
        self.user = user
        self.from = from
        self.via = via
        self.action = action
        self.target = target
        self.outcome = outcome
    }

    /// An entry for now, by the user this process runs for.
    public static func now(
        via: String, action: String, target: String, outcome: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> AuditEntry {
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let account = getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } }
        let user = environment["USER"] ?? environment["LOGNAME"] ?? account ?? String(getuid())
        // SSH_CLIENT is "address port local-port": the address says where the operator sat.
        let from = environment["SSH_CLIENT"]?.split(separator: " ").first.map(String.init)
        return AuditEntry(
            time: format.string(from: Date()), user: user, from: from, via: via, action: action, target: target,
            outcome: outcome)
    }
}
