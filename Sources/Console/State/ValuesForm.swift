/// The form that changes an instance's config values in the console: one row per setting of each of its
/// config files (script config, then the controller configs it lists), typed into like a text field. Lists
/// and blocks are shown but not edited here. Only the values changed are saved; the rest of each file stays.
public struct ValuesForm: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let file: String
        public let key: String
        public let original: String
        public var value: String
        public let editable: Bool
        /// Whether a running bot takes a change up live (as the client says), nil when nobody said.
        public let live: Bool?

        public init(file: String, key: String, value: String, editable: Bool, live: Bool? = nil) {
            self.file = file
            self.key = key
            original = value
            self.value = value
            self.editable = editable
            self.live = live
        }

        public var changed: Bool { value != original }
    }

    /// One value to write: `key` (or `block.key`) in `file`, a path in the bots folder.
    public struct Change: Sendable, Equatable {
        public let file: String
        public let key: String
        public let value: String
        /// The value shown when the form opened: the save is refused if the file says otherwise by then.
        public let original: String
    }

    public let instance: String
    public var rows: [Row]
    public var focus: Int
    /// Why the last save failed, shown until the next key.
    public var error: String?
    /// Set while the save runs.
    public var busy = false
    /// The fields came from the client's `hbot config` and changes go back through it.
    public let viaHbot: Bool

    public init(instance: String, rows: [Row], viaHbot: Bool = false) {
        self.instance = instance
        self.rows = rows
        self.viaHbot = viaHbot
        focus = rows.firstIndex { $0.editable } ?? 0
    }

    public var changes: [Change] {
        rows.filter(\.changed).map { Change(file: $0.file, key: $0.key, value: $0.value, original: $0.original) }
    }

    public mutating func type(_ c: Character) {
        guard rows.indices.contains(focus), rows[focus].editable, !c.isNewline,
            c.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control }), rows[focus].value.count < 200
        else { return }
        rows[focus].value.append(c)
        error = nil
    }

    public mutating func backspace() {
        guard rows.indices.contains(focus), rows[focus].editable, !rows[focus].value.isEmpty else { return }
        rows[focus].value.removeLast()
        error = nil
    }

    /// Puts the focused value back as it was in the file.
    public mutating func revert() {
        guard rows.indices.contains(focus) else { return }
        rows[focus].value = rows[focus].original
        error = nil
    }

    /// Moves to the next (or previous) editable row, staying put at either end.
    public mutating func moveFocus(by step: Int) {
        var index = focus + step
        while rows.indices.contains(index) {
            if rows[index].editable {
                focus = index
                return
            }
            index += step
        }
    }
}
