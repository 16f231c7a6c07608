/// A container's id as the engine gives it: a key apart from names, so that what is kept by id and what is
/// kept by name cannot be mixed up.
public struct ContainerID: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    public var description: String { value }
}

extension ContainerSummary {
    public var containerID: ContainerID { ContainerID(id) }
}
