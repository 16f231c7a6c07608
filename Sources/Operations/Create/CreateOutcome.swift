import Foundation

/// A bot deployed: its container and folder, and whether it was started.
public struct CreateOutcome: Sendable, Equatable {
    public let name: String
    public let containerID: String
    public let started: Bool
    /// `instances/NAME` in the bots folder.
    public let folder: URL

    /// `started NAME (0123456789ab)`: the footer, stdout and the audit log say it so.
    public var said: String { "\(started ? "started" : "created") \(name) (\(containerID.prefix(12)))" }
}
