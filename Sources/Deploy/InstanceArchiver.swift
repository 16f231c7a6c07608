import Foundation

/// What becomes of an instance's folder when the instance is deleted.
public enum FolderDisposal: Sendable, Equatable {
    /// Moved to `archived/<name>-<YYYYmmdd-HHMMSS>`, as Hummingbot's tooling archives bots.
    case archive
    /// Deleted for good (after a typed confirmation).
    case purge
    /// Left where it is.
    case keep
}

/// Archives or deletes `instances/<name>`.
public struct InstanceArchiver: Sendable {
    public let folder: BotsFolder

    public init(folder: BotsFolder) {
        self.folder = folder
    }

    /// Does `disposal` to the instance's folder and says what was done, relative to the bots folder.
    public func dispose(_ name: String, _ disposal: FolderDisposal, at date: Date = Date()) throws -> String {
        let source = folder.instance(name)
        guard FileManager.default.fileExists(atPath: source.path) else { return "no instances/\(name) folder" }
        switch disposal {
        case .keep:
            return "instances/\(name) kept"
        case .purge:
            try FileManager.default.removeItem(at: source)
            return "instances/\(name) deleted"
        case .archive:
            try FileManager.default.createDirectory(at: folder.archived, withIntermediateDirectories: true)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyyMMdd-HHmmss"
            var target = "\(name)-\(formatter.string(from: date))"
            var suffix = 2
            while FileManager.default.fileExists(atPath: folder.archived.appendingPathComponent(target).path) {
                target = "\(name)-\(formatter.string(from: date))-\(suffix)"
                suffix += 1
            }
            guard rename(source.path, folder.archived.appendingPathComponent(target).path) == 0 else {
                throw DeployProblem(
                    .folder, "cannot move instances/\(name) to archived/: \(String(cString: strerror(errno)))")
            }
            return "instances/\(name) moved to archived/\(target)"
        }
    }
}
