import Foundation

/// The small part of YAML hbdeck's own files use: `key: value` lines, `#` comments, quoted values.
public enum FlatYAML {
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
        var entries: [Entry] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = stripComment(String(raw)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw Problem(line: index + 1, message: "expected \"key: value\"")
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            guard !key.isEmpty else { throw Problem(line: index + 1, message: "a key is missing before \":\"") }
            if entries.contains(where: { $0.key == key }) {
                throw Problem(line: index + 1, message: "\"\(key)\" is set twice")
            }
            entries.append(Entry(line: index + 1, key: key, value: value))
        }
        return entries
    }

    /// `#` starts a comment at the start of a line or after a space, unless it begins a colour like `#ff8800`.
    private static func stripComment(_ line: String) -> String {
        var out = ""
        var previous: Character = " "
        var rest = Substring(line)
        while let character = rest.first {
            if character == "#" && previous == " " {
                let colour = rest.dropFirst().prefix(6)
                if colour.count < 6 || !colour.allSatisfy(\.isHexDigit) { break }
            }
            out.append(character)
            previous = character
            rest = rest.dropFirst()
        }
        return out
    }
}
