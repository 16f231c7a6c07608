import Yams

/// hbdeck's own YAML files (the config file, themes): a mapping of keys to single values, read with a
/// real YAML parser, so that what the file says is what any YAML tool reads in it. Every entry keeps its
/// line number, for errors an operator can act on.
public enum SettingsFile {
    public struct Entry: Sendable, Equatable {
        public let line: Int
        public let key: String
        public let value: String
    }

    public struct Problem: Error, Sendable, Equatable {
        public let line: Int
        public let message: String
    }

    public static func parse(_ text: String) throws(Problem) -> [Entry] {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw problem(error)
        } catch {
            throw Problem(line: 1, message: "\(error)")
        }
        guard let node else { return [] }
        guard case .mapping(let mapping) = node else {
            throw Problem(line: node.mark?.line ?? 1, message: "expected \"key: value\" lines")
        }
        var entries: [Entry] = []
        for (keyNode, valueNode) in mapping {
            let line = keyNode.mark?.line ?? 1
            guard case .scalar(let key) = keyNode, !key.string.isEmpty else {
                throw Problem(line: line, message: "a key is missing before \":\"")
            }
            guard case .scalar(let value) = valueNode else {
                throw Problem(line: line, message: "\"\(key.string)\" takes one value, not a list or a mapping")
            }
            if entries.contains(where: { $0.key == key.string }) {
                throw Problem(line: line, message: "\"\(key.string)\" is set twice")
            }
            var text = value.string
            // `null`, `~` and nothing at all are no value; a `#` after the colon starts a YAML comment.
            if value.tag.description == Tag.Name.null.rawValue
                || (value.style == .plain && ["~", "null", "Null", "NULL"].contains(text))
            {
                text = ""
            }
            entries.append(Entry(line: line, key: key.string, value: text))
        }
        return entries
    }

    private static func problem(_ error: YamlError) -> Problem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return Problem(line: mark.line, message: problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Problem(line: context.mark.line, message: "\"\(duplicates.first ?? "")\" is set twice")
        default:
            return Problem(line: 1, message: "\(error)")
        }
    }
}
