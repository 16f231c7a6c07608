import Foundation
import HBModel
import Yams

/// One setting of a YAML config as a form shows it: `key` or `block.key`, its value as written, and whether
/// a form may change it (single values only; lists and blocks are edited in the editor).
public struct ConfigField: Sendable, Equatable {
    public let key: String
    public let value: String
    public let editable: Bool

    public init(key: String, value: String, editable: Bool) {
        self.key = key
        self.value = value
        self.editable = editable
    }
}

/// The settings of a YAML config in the file's own order, for a form.
public enum ConfigFields {
    /// The top-level settings and those one block deep; nil when the text is not a YAML mapping.
    public static func read(_ text: String) -> [ConfigField]? {
        try? fields(in: text)
    }

    /// As ``read(_:)``, saying why when the text is over ``BoundedYAML``'s limits.
    public static func fields(in text: String) throws(BoundedYAML.Refusal) -> [ConfigField]? {
        let root: Node?
        do {
            root = try BoundedYAML.compose(text)
        } catch let refusal as BoundedYAML.Refusal {
            throw refusal
        } catch {
            return nil
        }
        guard let mapping = root?.mapping else { return nil }
        var fields: [ConfigField] = []
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            if let block = value.mapping {
                for (innerKey, inner) in block {
                    guard let innerName = innerKey.string else { continue }
                    fields.append(field("\(name).\(innerName)", inner))
                }
            } else {
                fields.append(field(name, value))
            }
        }
        return fields
    }

    private static func field(_ key: String, _ node: Node) -> ConfigField {
        switch node {
        case .scalar(let scalar):
            // `null`, `~` and an empty value all mean nothing is set; the form shows them empty.
            let isNull = node.null != nil
            return ConfigField(key: key, value: isNull ? "" : scalar.string, editable: true)
        case .sequence(let list):
            return ConfigField(key: key, value: "[\(list.count) item\(list.count == 1 ? "" : "s")]", editable: false)
        default:
            return ConfigField(key: key, value: "{…}", editable: false)
        }
    }
}
