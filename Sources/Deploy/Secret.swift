/// A password or key held in memory: it prints as `••••` wherever it is interpolated by mistake.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    public var description: String { "••••" }
    public var debugDescription: String { "••••" }
}
