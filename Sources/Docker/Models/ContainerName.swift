/// A container's name as the engine lists it, without Docker's leading slash: the key of what is kept by name
/// (actions under way, history), apart from what is kept by `ContainerID`. Unlike `InstanceName` it is not
/// validated: the engine may hold any name, the broker's included.
public struct ContainerName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    public var description: String { value }

    public static func < (lhs: ContainerName, rhs: ContainerName) -> Bool { lhs.value < rhs.value }
}

extension ContainerSummary {
    public var containerName: ContainerName { ContainerName(name) }
}
