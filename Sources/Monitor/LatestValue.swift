import Synchronization

/// The newest value from one side (the monitor) for the other (the draw loop), with a version
/// so the reader can tell whether anything changed without comparing values.
public final class LatestValue<Value: Sendable>: Sendable {
    private let box: Mutex<Value>
    // Apart from the value so that the draw loop's frequent "anything new?" is a single atomic load.
    private let counter = Atomic<Int>(0)
    private let observer = Mutex<(@Sendable () -> Void)?>(nil)

    public init(_ value: Value) {
        box = Mutex(value)
    }

    public func set(_ value: Value) {
        box.withLock {
            $0 = value
            counter.add(1, ordering: .releasing)
        }
        observer.withLock { $0 }?()
    }

    /// Called after every `set`, on the setter's thread: the draw loop uses it to wake up.
    public func onChange(_ handler: @escaping @Sendable () -> Void) {
        observer.withLock { $0 = handler }
    }

    public var version: Int {
        counter.load(ordering: .acquiring)
    }

    public var current: (version: Int, value: Value) {
        box.withLock { (counter.load(ordering: .relaxed), $0) }
    }
}
