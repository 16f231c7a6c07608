import Foundation
import HBModel

/// Changes settings in a YAML config of the bots folder the way a form does: only the values given change,
/// every other byte of the file stays; the result is checked and saved as a new version.
public struct ConfigForm: Sendable {
    public let folder: BotsFolder

    public init(folder: BotsFolder) {
        self.folder = folder
    }

    /// `assignments` are `key` or `block.key` with their new values. Returns what changed. The file is read
    /// and written under the version store's lock, so sets of one file at once each land; with `expecting`
    /// (a key's value as shown when the change was made, as ``ConfigFields`` reads it), a key that has
    /// another value by then refuses the whole change.
    @discardableResult
    public func set(
        _ assignments: [(key: String, value: String)], in path: String, author: String = VersionStore.author,
        expecting: [String: String] = [:]
    ) throws -> [String] {
        var changed: [String] = []
        try ConfigForm.checkName(path)
        try VersionStore(folder: folder).update(
            path, message: "set \(assignments.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))", author: author
        ) { data in
            let original = try Self.text(data, path: path)
            let fields = expecting.isEmpty ? [] : (ConfigFields.read(original) ?? [])
            for (key, shown) in expecting.sorted(by: { $0.key < $1.key })
            where fields.first(where: { $0.key == key })?.value != shown {
                throw DeployProblem(
                    .strategy, "\(path): \(key) changed since the form was opened: nothing saved, open it again")
            }
            let (text, made) = try changing(assignments, in: original, path: path)
            changed = text == original ? [] : made
            return Data(text.utf8)
        }
        return changed
    }

    /// Checks that `assignments` can be made in `path` and that the result is valid, saving nothing.
    public func check(_ assignments: [(key: String, value: String)], in path: String) throws {
        try ConfigForm.checkName(path)
        _ = try changing(assignments, in: Self.text(VersionStore(folder: folder).read(path), path: path), path: path)
    }

    private static func checkName(_ path: String) throws {
        guard path.hasSuffix(".yml") || path.hasSuffix(".yaml") else {
            throw DeployProblem(.strategy, "\(path) is not a YAML config")
        }
    }

    private static func text(_ data: Data?, path: String) throws -> String {
        guard let data, let text = String(data: data, encoding: .utf8) else {
            throw DeployProblem(.strategy, "\(path) does not exist or is not UTF-8 text")
        }
        return text
    }

    /// The text with the assignments made, and what changed.
    private func changing(_ assignments: [(key: String, value: String)], in original: String, path: String) throws -> (
        String, [String]
    ) {
        var text = original
        var changed: [String] = []
        let current: [String: Any]?
        do {
            current = try BoundedYAML.load(original) as? [String: Any]
        } catch let refusal as BoundedYAML.Refusal {
            throw DeployProblem(.strategy, "\(path): \(refusal)")
        } catch {
            current = nil
        }
        for (key, value) in assignments {
            let keyPath = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard (1...2).contains(keyPath.count),
                keyPath.allSatisfy({ !$0.isEmpty && !$0.contains(":") && !$0.contains("#") })
            else {
                throw DeployProblem(.strategy, "\(key) is not a setting name (key or block.key)")
            }
            let parsed = try? BoundedYAML.load(value)
            guard parsed == nil || parsed is String || parsed is Int || parsed is Double || parsed is Bool else {
                throw DeployProblem(
                    .strategy,
                    "\(key): only single values are set here; edit lists and blocks in the editor (hbdeck edit)")
            }
            // A value keeps the type it had: Hummingbot writes decimals as quoted strings ('0.03').
            let existing: Any? =
                keyPath.count == 1 ? current?[keyPath[0]] : (current?[keyPath[0]] as? [String: Any])?[keyPath[1]]
            if existing is [Any] || existing is [String: Any] {
                throw DeployProblem(
                    .strategy, "\(key) is a list or a block of settings: edit it in the editor (hbdeck edit)")
            }
            let asString = existing.map { $0 is String } ?? (parsed == nil || parsed is String)
            do {
                text = try YAMLValueEditor.setting(value, at: keyPath, in: text, asString: asString)
            } catch {
                throw DeployProblem(.strategy, "\(path): \(error.description)")
            }
            changed.append("\(key)=\(value)")
        }
        if let problem = Uploader.problem(
            in: Data(text.utf8), name: URL(fileURLWithPath: path).lastPathComponent, kind: .scriptConfig)
        {
            throw DeployProblem(.strategy, "not saved: \(problem)")
        }
        return (text, changed)
    }
}
