import BotLink
import Foundation

extension JSONValue {
    /// A value `BoundedYAML.load` read (mappings with string keys, sequences, scalars), as JSON for the API;
    /// nil for what JSON cannot hold (a mapping with a key that is not a string, a date).
    public init?(yaml value: Any?) {
        switch value {
        case nil: self = .null
        case let text as String: self = .string(text)
        case let flag as Bool: self = .bool(flag)
        case let number as Int: self = .number(Double(number))
        case let number as Double:
            guard number.isFinite else { return nil }
            self = .number(number)
        case let list as [Any?]:
            var items: [JSONValue] = []
            for item in list {
                guard let converted = JSONValue(yaml: item) else { return nil }
                items.append(converted)
            }
            self = .array(items)
        case let mapping as [String: Any?]:
            var fields: [String: JSONValue] = [:]
            for (key, item) in mapping {
                guard let converted = JSONValue(yaml: item) else { return nil }
                fields[key] = converted
            }
            self = .object(fields)
        case is NSNull: self = .null
        default: return nil
        }
    }
}
