import Foundation
import Yams

/// Changes settings in a YAML config of the bots folder the way a form does: only the values given change,
/// every other byte of the file stays; the result is checked and saved as a new version.
public struct ConfigForm: Sendable {
    public let folder: BotsFolder

    public init(folder: BotsFolder) {
        self.folder = folder
    }

    /// `assignments` are `key` or `block.key` with their new values. Returns what changed.
    @discardableResult
    public func set(_ assignments: [(key: String, value: String)], in path: String, author: String = VersionStore.author) throws -> [String] {
        let (text, original, changed) = try changing(assignments, in: path)
        guard text != original else { return [] }
        try VersionStore(folder: folder).save(Data(text.utf8), to: path, message: "set \(changed.joined(separator: ", "))", author: author)
        return changed
    }

    /// Checks that `assignments` can be made in `path` and that the result is valid, saving nothing.
    public func check(_ assignments: [(key: String, value: String)], in path: String) throws {
        _ = try changing(assignments, in: path)
    }

    /// The file's text with the assignments made, its text before, and what changed.
    private func changing(_ assignments: [(key: String, value: String)], in path: String) throws -> (String, String, [String]) {
        let store = VersionStore(folder: folder)
        let url = try store.resolve(path)
        guard path.hasSuffix(".yml") || path.hasSuffix(".yaml") else { throw DeployProblem(.strategy, "\(path) is not a YAML config") }
        guard let data = FileManager.default.contents(atPath: url.path), let original = String(data: data, encoding: .utf8) else {
            throw DeployProblem(.strategy, "\(path) does not exist or is not UTF-8 text")
        }
        var text = original
        var changed: [String] = []
        let current = (try? Yams.load(yaml: original)) as? [String: Any]
        for (key, value) in assignments {
            let keyPath = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard (1...2).contains(keyPath.count), keyPath.allSatisfy({ !$0.isEmpty && !$0.contains(":") && !$0.contains("#") }) else {
                throw DeployProblem(.strategy, "\(key) is not a setting name (key or block.key)")
            }
            let parsed = try? Yams.load(yaml: value)
            guard parsed == nil || parsed is String || parsed is Int || parsed is Double || parsed is Bool else {
                throw DeployProblem(.strategy, "\(key): only single values are set here; edit lists and blocks in the editor (hbdeck edit)")
            }
            // A value keeps the type it had: Hummingbot writes decimals as quoted strings ('0.03').
            let existing: Any? = keyPath.count == 1 ? current?[keyPath[0]] : (current?[keyPath[0]] as? [String: Any])?[keyPath[1]]
            if existing is [Any] || existing is [String: Any] {
                throw DeployProblem(.strategy, "\(key) is a list or a block of settings: edit it in the editor (hbdeck edit)")
            }
            let asString = existing.map { $0 is String } ?? (parsed == nil || parsed is String)
            do {
                text = try YAMLValueEditor.setting(value, at: keyPath, in: text, asString: asString)
            } catch {
                throw DeployProblem(.strategy, "\(path): \(error.description)")
            }
            changed.append("\(key)=\(value)")
        }
        if let problem = Uploader.problem(in: Data(text.utf8), name: url.lastPathComponent, kind: .scriptConfig) {
            throw DeployProblem(.strategy, "not saved: \(problem)")
        }
        return (text, original, changed)
    }
}
