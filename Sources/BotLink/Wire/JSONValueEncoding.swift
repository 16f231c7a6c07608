import Foundation

/// Commands to the bots, as compact JSON with sorted keys. (Reading goes through `JSONParser`.)
enum JSONValueEncoding {
    static func encode(_ value: JSONValue) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(value))
    }
}
