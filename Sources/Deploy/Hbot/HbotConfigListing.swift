import Foundation

/// What `hbot config --json` says of the strategy config a bot runs (or has loaded): its file, type,
/// whether it runs, its fields and which of them a running controller takes up live.
public struct HbotConfigListing: Sendable, Equatable {
    public let file: String
    /// `v1-strategy`, `v2-script` or `controller`.
    public let type: String
    /// `running`, `loaded` or `missing`.
    public let state: String
    /// Each field as the client shows a single value (text), nil for lists and blocks.
    public let fields: [String: String?]
    public let liveFields: Set<String>

    private struct Output: Decodable {
        struct Strategy: Decodable {
            let file: String
            let type: String?
            let state: String?
            let fields: [String: HbotValue]?
            let live_fields: [String]?
        }
        let strategy: Strategy?
    }

    /// The listing from `hbot config --json`'s output; nil when it has no strategy section.
    public init?(json: String) {
        guard let output = try? JSONDecoder().decode(Output.self, from: Data(json.utf8)), let strategy = output.strategy
        else { return nil }
        file = strategy.file
        type = strategy.type ?? "?"
        state = strategy.state ?? "?"
        fields = (strategy.fields ?? [:]).mapValues(\.text)
        liveFields = Set(strategy.live_fields ?? [])
    }
}

/// A value in the client's JSON, as a form shows it: a single value as text (`null` as empty), nil for a
/// list or a block.
struct HbotValue: Decodable, Sendable {
    let text: String?

    init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            text = ""
        } else if let bool = try? single.decode(Bool.self) {
            text = bool ? "true" : "false"
        } else if let int = try? single.decode(Int.self) {
            text = String(int)
        } else if let double = try? single.decode(Double.self) {
            text = String(double)
        } else if let string = try? single.decode(String.self) {
            text = string
        } else {
            text = nil
        }
    }
}
