import Foundation
import HBModel

/// The exchanges an instance trades on as its configs name them: its script or strategy config and the
/// controller configs it lists (`connector_name`, `exchange`, `maker_market`, …), lowercased.
public enum InstanceConnectors {
    /// The settings that name a connector in Hummingbot's configs (V2 controllers and scripts, V1 strategies).
    static let keys: Set<String> = [
        "connector_name", "connector", "exchange", "maker_market", "taker_market", "maker_exchange",
        "taker_exchange", "connector_1", "connector_2", "spot_connector", "perp_connector",
    ]

    public static func of(_ name: String, strategy: String, in folder: BotsFolder) -> Set<String> {
        var found = Set<String>()
        for file in InstanceConfigFiles(folder: folder).all(of: name, strategy: strategy) {
            guard let text = try? VersionStore(folder: folder).readText(file),
                let fields = (try? ConfigFields.fields(in: text)) ?? nil
            else { continue }
            for field in fields where field.editable {
                let key = field.key.split(separator: ".").last.map(String.init) ?? field.key
                let value = field.value.trimmingCharacters(in: .whitespaces).lowercased()
                if keys.contains(key), !value.isEmpty, value != "null" { found.insert(value) }
            }
        }
        return found
    }
}
