/// The upload dialog: a folder's sub-folders and strategy files (`.py`, `.yml`) to move through, and where
/// the chosen file goes in the bots folder. The loop lists folders; this only holds what it listed.
public struct FilePicker: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let isFolder: Bool

        public init(name: String, isFolder: Bool) {
            self.name = name
            self.isFolder = isFolder
        }
    }

    /// Where a file goes, relative to the bots folder.
    public enum Destination: Sendable, Equatable, CustomStringConvertible {
        case scripts
        case controllers(type: String)
        case scriptConfigs
        case controllerConfigs

        public var description: String {
            switch self {
            case .scripts: return "scripts/"
            case .controllers(let type): return "controllers/\(type)/"
            case .scriptConfigs: return "conf/scripts/"
            case .controllerConfigs: return "conf/controllers/"
            }
        }
    }

    /// The folder shown, absolute.
    public var folder: String
    /// `..` first (unless at `/`), then folders, then files, each by name.
    public var entries: [Entry]
    public var selected = 0
    /// The controller types the bots folder has (`controllers/TYPE/`), for `.py` files.
    public let controllerTypes: [String]
    /// Which of the file's destinations is chosen (← →).
    public var destinationIndex = 0
    /// The file waiting for the operator's `y` to replace what is there.
    public var replacing: String?
    public var error: String?
    public var busy = false

    public init(folder: String, entries: [Entry], controllerTypes: [String]) {
        self.folder = folder
        self.entries = entries
        self.controllerTypes = controllerTypes
    }

    public var current: Entry? { entries.indices.contains(selected) ? entries[selected] : nil }

    /// Where the selected file can go: scripts or a controller type for Python, configs for YAML.
    public var destinations: [Destination] {
        guard let entry = current, !entry.isFolder else { return [] }
        if entry.name.hasSuffix(".py") { return [.scripts] + controllerTypes.map { .controllers(type: $0) } }
        return [.scriptConfigs, .controllerConfigs]
    }

    public var destination: Destination? {
        let all = destinations
        return all.isEmpty ? nil : all[min(destinationIndex, all.count - 1)]
    }

    /// The absolute path of an entry of the folder shown.
    public func path(of entry: Entry) -> String {
        if entry.name == ".." {
            let parent = folder.split(separator: "/").dropLast().joined(separator: "/")
            return "/" + parent
        }
        return (folder.hasSuffix("/") ? folder : folder + "/") + entry.name
    }

    public mutating func move(by step: Int) {
        guard !entries.isEmpty else { return }
        selected = min(max(0, selected + step), entries.count - 1)
        destinationIndex = 0
        replacing = nil
        error = nil
    }

    public mutating func cycleDestination(by step: Int) {
        let count = destinations.count
        guard count > 1 else { return }
        destinationIndex = ((destinationIndex + step) % count + count) % count
        replacing = nil
        error = nil
    }

    /// Shows another folder's listing.
    public mutating func show(_ folder: String, entries: [Entry]) {
        self.folder = folder
        self.entries = entries
        selected = entries.first?.name == ".." && entries.count > 1 ? 1 : 0
        destinationIndex = 0
        replacing = nil
        error = nil
    }
}
