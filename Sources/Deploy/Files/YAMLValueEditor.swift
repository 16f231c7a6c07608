import HBModel

/// Sets scalar values in a block-style YAML document and leaves every other byte as it was: comments,
/// order, quoting and spacing of the lines it does not touch. Keys are top-level or one level down
/// (`mqtt_bridge.mqtt_port`), which is all a `conf_client.yml` needs.
public enum YAMLValueEditor {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// `text` with `value` at `path` (one or two keys), the line added when the key is missing. A string is
    /// quoted where YAML would read it as something else (`'007'`); otherwise `value` is written as it is
    /// (`1883`, `true`).
    public static func setting(_ value: String, at path: [String], in text: String, asString: Bool = true)
        throws(Failure) -> String
    {
        guard (1...2).contains(path.count) else {
            throw Failure(description: "only one or two levels of keys can be set")
        }
        // Split on the byte: to Swift, "\r\n" is one Character and would not split on "\n".
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        let endsWithNewline = lines.last == ""
        if endsWithNewline { lines.removeLast() }
        // Line ends stay as they were (CRLF included): each line's "\r" is set aside while lines are edited,
        // and added lines take the first line's.
        var returns = lines.map { $0.hasSuffix("\r") }
        lines = lines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
        let newReturn = returns.first ?? false
        func insert(_ line: String, at index: Int) {
            lines.insert(line, at: index)
            returns.insert(newReturn, at: index)
        }
        let scalar = asString ? quoted(value) : value
        if path.count == 1 {
            if let index = lines.firstIndex(where: { key(of: $0, indent: 0) == path[0] }) {
                lines[index] = replacingValue(in: lines[index], with: scalar)
            } else {
                insert("\(path[0]): \(scalar)", at: lines.count)
            }
        } else if let parent = lines.firstIndex(where: { key(of: $0, indent: 0) == path[0] }) {
            guard valueText(of: lines[parent]).isEmpty else {
                throw Failure(description: "\(path[0]) is not a block of keys; edit it by hand")
            }
            var end = parent + 1
            var indent: Int?
            var found: Int?
            while end < lines.count {
                let line = lines[end]
                let spaces = line.prefix { $0 == " " }.count
                let blank = line.allSatisfy { $0 == " " } || line.dropFirst(spaces).hasPrefix("#")
                if !blank && spaces == 0 { break }
                if !blank {
                    if indent == nil { indent = spaces }
                    if spaces == indent, key(of: line, indent: spaces) == path[1] { found = end }
                }
                end += 1
            }
            if let found {
                lines[found] = replacingValue(in: lines[found], with: scalar)
            } else {
                var last = end - 1
                while last > parent, lines[last].allSatisfy({ $0 == " " }) { last -= 1 }
                insert(String(repeating: " ", count: indent ?? 2) + "\(path[1]): \(scalar)", at: last + 1)
            }
        } else {
            insert("\(path[0]):", at: lines.count)
            insert("  \(path[1]): \(scalar)", at: lines.count)
        }
        let result =
            zip(lines, returns).map { $1 ? $0 + "\r" : $0 }.joined(separator: "\n")
            + (endsWithNewline || text.isEmpty ? "\n" : "")
        // The edit must read back as meant: a document this cannot edit safely is refused, not damaged.
        guard let root = (try? BoundedYAML.load(result)) as? [String: Any] else {
            throw Failure(description: "the file does not read as YAML after the edit")
        }
        let read: Any? = path.count == 1 ? root[path[0]] : (root[path[0]] as? [String: Any])?[path[1]]
        guard let read, "\(read)" == value else {
            throw Failure(description: "\(path.joined(separator: ".")) does not read back as \(value)")
        }
        return result
    }

    /// The key a line sets at exactly `indent` spaces, or nil.
    static func key(of line: String, indent: Int) -> String? {
        guard line.prefix(indent).allSatisfy({ $0 == " " }) else { return nil }
        let rest = line.dropFirst(indent)
        guard let first = rest.first, first != " ", first != "#", first != "-", let colon = rest.firstIndex(of: ":")
        else { return nil }
        let after = rest.index(after: colon)
        guard after == rest.endIndex || rest[after] == " " else { return nil }
        return String(rest[..<colon])
    }

    /// What follows `key:` on a line, comments left out.
    static func valueText(of line: String) -> Substring {
        guard let colon = line.firstIndex(of: ":") else { return "" }
        let value = line[line.index(after: colon)...]
        let uncommented = value.range(of: " #").map { value[..<$0.lowerBound] } ?? value
        return uncommented.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed().isEmpty ? "" : uncommented
    }

    /// The line with its value replaced; the key, its indentation and a trailing comment kept.
    static func replacingValue(in line: String, with scalar: String) -> String {
        guard let colon = line.firstIndex(of: ":") else { return line }
        let value = line[line.index(after: colon)...]
        var comment = ""
        if var start = value.range(of: " #")?.lowerBound {
            // The spaces before the comment stay too.
            while start > value.startIndex, value[value.index(before: start)] == " " {
                start = value.index(before: start)
            }
            comment = String(value[start...])
        }
        return String(line[...colon]) + " " + scalar + comment
    }

    /// A plain scalar when YAML reads it back as the same string, else single-quoted.
    static func quoted(_ value: String) -> String {
        let simple = !value.isEmpty && value.allSatisfy { $0.isLetter || $0.isNumber || "._-/".contains($0) }
        if simple, (try? BoundedYAML.load(value)) as? String == value { return value }
        return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
