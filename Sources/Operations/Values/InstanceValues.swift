import Deploy
import Foundation
import Monitor

/// The single values of an instance's configs, for the values form: its script config, then the controller
/// configs it lists; and saving what the operator changed, every file checked before any is written.
public struct InstanceValues: Sendable {
    /// One setting of one file.
    public struct Row: Sendable, Equatable {
        public let file: String
        public let key: String
        public let value: String
        /// False for lists and blocks: those are changed with the editor.
        public let editable: Bool
    }

    /// What a save did.
    public struct Saved: Sendable, Equatable {
        /// `conf/…/x.yml: key a → b`, one a file saved.
        public let files: [String]
        /// Only controller configs changed: the bot re-reads them on its own.
        public let controllersOnly: Bool
        public let instance: String

        /// For the footer and the audit log.
        public var said: String {
            guard !files.isEmpty else { return "nothing changed" }
            let next = controllersOnly ? "the bot re-reads controller configs within 10 s" : "r reloads \(instance)"
            return "saved \(files.joined(separator: " · ")) · \(next)"
        }
    }

    public let folder: BotsFolder

    public init(folder: BotsFolder) {
        self.folder = folder
    }

    /// The rows of `name`'s configs; refused (with what to do) when there is nothing the form can change.
    public func rows(of name: String, strategy: String) -> Result<[Row], ActionRefused> {
        let files = InstanceConfigFiles(folder: folder).all(of: name, strategy: strategy)
        guard !files.isEmpty else {
            return .failure(
                ActionRefused(description: "\(strategy) is not in instances/\(name)/conf: nothing to change"))
        }
        var rows: [Row] = []
        for file in files {
            let text: String?
            do {
                text = try VersionStore(folder: folder).readText(file)
            } catch {
                return .failure(ActionRefused(description: "cannot read \(error)"))
            }
            let fields: [ConfigField]?
            do {
                fields = try text.flatMap(ConfigFields.fields(in:))
            } catch {
                return .failure(ActionRefused(description: "\(file): \(error)"))
            }
            guard let fields else {
                return .failure(ActionRefused(description: "\(file) is not a YAML mapping of settings: open it with e"))
            }
            rows += fields.map { Row(file: file, key: $0.key, value: $0.value, editable: $0.editable) }
        }
        guard rows.contains(where: \.editable) else {
            return .failure(ActionRefused(description: "\(files[0]) has no single values to change: open it with e"))
        }
        return .success(rows)
    }

    /// Saves `changes` to `name`'s configs: all files or none.
    public func save(_ changes: [ConfigForm.Change], of name: String) throws -> Saved {
        let saved = try ConfigForm(folder: folder).save(changes)
        return Saved(
            files: saved, controllersOnly: changes.allSatisfy { $0.file.contains("/conf/controllers/") },
            instance: name)
    }
}
