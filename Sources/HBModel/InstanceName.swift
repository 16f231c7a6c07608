/// A bot instance's name: also its container name and its MQTT `instance_id`.
///
/// Hummingbot's deploy tooling allows `[A-Za-z0-9_-]+`; Docker also wants the first character to be a letter or digit.
public struct InstanceName: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: String

    public static let maxLength = 64

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        case tooLong(Int)
        case badFirstCharacter(Character)
        case badCharacter(Character)

        public var description: String {
            switch self {
            case .empty: return "a name is needed"
            case .tooLong(let count): return "\(count) characters is too long (at most \(InstanceName.maxLength))"
            case .badFirstCharacter(let c):
                return "it must start with a letter or digit, not \"\(InstanceName.shown(c))\""
            case .badCharacter(let c):
                return "\"\(InstanceName.shown(c))\" is not allowed: use letters, digits, _ and - only"
            }
        }
    }

    /// Text as it can be printed on one line, control characters escaped: for names that failed validation.
    public static func shown(_ text: String) -> String {
        text.map(shown).joined()
    }

    /// A character as it can be printed on one line: `\n`, `\u{1B}` for controls.
    static func shown(_ c: Character) -> String {
        c.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }
            .joined()
    }

    public init(validating text: String) throws(Problem) {
        guard let first = text.first else { throw .empty }
        guard text.count <= Self.maxLength else { throw .tooLong(text.count) }
        guard Self.isAlphanumeric(first) else { throw .badFirstCharacter(first) }
        if let bad = text.first(where: { !Self.isAlphanumeric($0) && $0 != "_" && $0 != "-" }) {
            throw .badCharacter(bad)
        }
        value = text
    }

    public var description: String { value }

    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }

    private static func isAlphanumeric(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber)
    }
}
