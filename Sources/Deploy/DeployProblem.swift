/// Why a deploy was refused or failed, tied to the field of the create form it concerns.
public struct DeployProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Field: String, Sendable {
        case name, image, profile, strategy, password, cpus, memory, folder, engine
    }

    public let field: Field
    public let message: String

    public init(_ field: Field, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field.rawValue): \(message)" }
}
