/// An engine API version such as `1.41`, ordered numerically.
public struct DockerAPIVersion: Sendable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int

    public static let minimum = DockerAPIVersion(major: 1, minor: 41)
    /// The newest version whose fields this client knows; newer engines are spoken to in this one.
    public static let newestKnown = DockerAPIVersion(major: 1, minor: 47)

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    public init?(_ text: String) {
        let parts = text.split(separator: ".")
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        self.init(major: major, minor: minor)
    }

    public static func < (a: Self, b: Self) -> Bool { (a.major, a.minor) < (b.major, b.minor) }

    public var description: String { "\(major).\(minor)" }
}
