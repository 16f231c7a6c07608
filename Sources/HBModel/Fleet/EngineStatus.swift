/// Whether the figures on screen are live, and if not, how old they are.
public enum EngineStatus: Sendable, Equatable {
    case connecting
    case live
    /// The engine stopped answering; the snapshot shows what was true at `lastGood`.
    case offline(reason: String, lastGood: Double?)

    public var isLive: Bool { self == .live }
}
