import Synchronization

/// The newest value from one side (the monitor) for the other (the draw loop), with a version
/// so the reader can tell whether anything changed without comparing values.
public final class LatestValue<Value: Sendable>: Sendable {
    private let box: Mutex<(version: Int, value: Value)>

    public init(_ value: Value) {
        box = Mutex((0, value))
    }

    public func set(_ value: Value) {
        box.withLock { $0 = ($0.version + 1, value) }
    }

    public var current: (version: Int, value: Value) {
        box.withLock { $0 }
    }
}
