import Foundation

extension ConfigForm {
    /// One value a form changed: its file, key, new value and the value the form showed.
    public struct Change: Sendable, Equatable {
        public let file: String
        public let key: String
        public let value: String
        public let shown: String

        public init(file: String, key: String, value: String, shown: String) {
            self.file = file
            self.key = key
            self.value = value
            self.shown = shown
        }
    }

    /// Saves the changes of a form that spans several files as one: every file is checked first, so a problem
    /// in one saves none; each is then set expecting what the form showed. Returns, for each file that
    /// changed, its name and the keys set (`grid_1.yml: a, b`), in the files' order.
    public func save(_ changes: [Change], author: String = VersionStore.author) throws -> [String] {
        let byFile = Dictionary(grouping: changes, by: \.file).sorted { $0.key < $1.key }
        for (file, changes) in byFile { try check(changes.map { ($0.key, $0.value) }, in: file) }
        var saved: [String] = []
        for (file, changes) in byFile {
            let shown = Dictionary(changes.map { ($0.key, $0.shown) }, uniquingKeysWith: { first, _ in first })
            let done = try set(changes.map { ($0.key, $0.value) }, in: file, author: author, expecting: shown)
            if !done.isEmpty {
                saved.append("\(URL(fileURLWithPath: file).lastPathComponent): \(done.joined(separator: ", "))")
            }
        }
        return saved
    }
}
