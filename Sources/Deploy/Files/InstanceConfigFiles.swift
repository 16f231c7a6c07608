import Foundation
import HBModel

/// The config files an instance runs, as paths in the bots folder: its script config (or V1 strategy file)
/// and the controller configs that script config lists.
public struct InstanceConfigFiles: Sendable {
    public let folder: BotsFolder

    public init(folder: BotsFolder) {
        self.folder = folder
    }

    /// The config the instance starts with: its script config, else its V1 strategy file.
    public func main(of name: String, strategy: String) -> String? {
        guard !strategy.contains("/"), !strategy.hasPrefix("."), (try? InstanceName(validating: name)) != nil else {
            return nil
        }
        return ["conf/scripts", "conf/strategies", "conf"].map { "instances/\(name)/\($0)/\(strategy)" }
            .first { BotFile.exists($0, beneath: folder.root.path) }
    }

    /// The main config, then each controller config it lists (`controllers_config`) that is in the instance's folder.
    public func all(of name: String, strategy: String) -> [String] {
        guard let main = main(of: name, strategy: strategy) else { return [] }
        let text = (try? VersionStore(folder: folder).readText(main)) ?? ""
        let listed = ((try? BoundedYAML.load(text)) as? [String: Any])?["controllers_config"] as? [Any] ?? []
        let controllers = listed.compactMap { $0 as? String }
            .filter { InstanceFolderBuilder.isPlainFileName($0) }
            .map { "instances/\(name)/conf/controllers/\($0)" }
            .filter { BotFile.exists($0, beneath: folder.root.path) }
        return [main] + controllers
    }
}
