import Yams

/// YAML read from a bot's folder or an operator's upload, with limits: a config is text an operator could
/// read, so a file over ``maxBytes`` or one whose aliases expand past ``maxNodes`` is refused with its size
/// before anything is built from it. Composing shares an aliased node instead of copying it, so the check
/// itself costs at most ``maxNodes`` steps whatever the aliases multiply to.
public enum BoundedYAML {
    public static let maxBytes = 1 << 20
    public static let maxNodes = 100_000

    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case tooLarge(bytes: Int)
        case expandsTooFar

        public var description: String {
            switch self {
            case .tooLarge(let bytes):
                "the YAML is \(Formatting.bytes(UInt64(bytes))), over the \(Formatting.bytes(UInt64(BoundedYAML.maxBytes))) hbdeck reads"
            case .expandsTooFar:
                "the YAML's aliases expand to over \(BoundedYAML.maxNodes) values (an alias bomb?)"
            }
        }
    }

    /// The document's tree, or nil for an empty document.
    public static func compose(_ text: String) throws -> Node? {
        let bytes = text.utf8.count
        guard bytes <= maxBytes else { throw Refusal.tooLarge(bytes: bytes) }
        guard let node = try Yams.compose(yaml: text) else { return nil }
        var budget = maxNodes
        guard fits(node, budget: &budget) else { throw Refusal.expandsTooFar }
        return node
    }

    /// The document as Swift values (`[String: Any]`, `[Any]`, scalars), as `Yams.load` gives them.
    public static func load(_ text: String) throws -> Any? {
        try compose(text)?.any
    }

    private static func fits(_ node: Node, budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0 else { return false }
        switch node {
        case .scalar, .alias:
            return true
        case .sequence(let sequence):
            return sequence.allSatisfy { fits($0, budget: &budget) }
        case .mapping(let mapping):
            return mapping.allSatisfy { fits($0.key, budget: &budget) && fits($0.value, budget: &budget) }
        }
    }
}
