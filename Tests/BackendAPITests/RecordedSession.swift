import Foundation

/// One exchange of the session recorded from a real hummingbot-api (`scripts/hbapi_tape.py record`).
struct RecordedExchange {
    let method: String
    let path: String
    let status: Int
    /// The response body as the API sent it.
    let body: Data

    /// The tapes recorded: the operator's session, and a bot's history asked for.
    static let tapes = ["session", "history"]

    static func all() throws -> [RecordedExchange] {
        try tapes.flatMap { try all(in: $0) }
    }

    static func all(in tape: String) throws -> [RecordedExchange] {
        let url = try require(Bundle.module.url(forResource: tape, withExtension: "json", subdirectory: "Fixtures"))
        let list = try require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]])
        return try list.map { entry in
            let response = entry["response"]
            let body: Data
            if let object = response as? [String: Any], object.count == 1, let text = object["__text__"] as? String {
                body = Data(text.utf8)
            } else {
                body = try JSONSerialization.data(
                    withJSONObject: response ?? NSNull(), options: [.fragmentsAllowed, .sortedKeys])
            }
            return RecordedExchange(
                method: try require(entry["method"] as? String), path: try require(entry["path"] as? String),
                status: try require(entry["status"] as? Int), body: body)
        }
    }
}

private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw MissingField() }
    return value
}

struct MissingField: Error {}
