import Foundation

/// The log files Hummingbot has rotated away in an instance's `logs/` (`logs_<name>.log.2026-11-25`, as its
/// daily `TimedRotatingFileHandler` names them, and numbered ones): what `clean-logs` may delete. The logs
/// being written, `errors.log` included, are never among them.
public struct RotatedLogs: Sendable {
    public let folder: BotsFolder

    public init(folder: BotsFolder) {
        self.folder = folder
    }

    public struct File: Sendable, Equatable {
        public let path: URL
        public let bytes: UInt64
        public let modified: Date
    }

    /// The rotated logs of the named instances (all of them when none is named), modified before `before`.
    public func files(of names: [String], before: Date? = nil) -> [File] {
        let instances =
            names.isEmpty
            ? ((try? FileManager.default.contentsOfDirectory(atPath: folder.instances.path)) ?? []).filter {
                !$0.hasPrefix(".")
            } : names
        var found: [File] = []
        for name in instances.sorted() {
            let logs = folder.instance(name).appendingPathComponent("logs")
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: logs.path)) ?? []
            where Self.isRotated(entry) {
                let path = logs.appendingPathComponent(entry)
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: path.path),
                    attributes[.type] as? FileAttributeType == .typeRegular
                else { continue }
                let modified = attributes[.modificationDate] as? Date ?? .distantPast
                if let before, modified >= before { continue }
                found.append(
                    File(path: path, bytes: (attributes[.size] as? NSNumber)?.uint64Value ?? 0, modified: modified))
            }
        }
        return found
    }

    /// `x.log.<suffix>`: a rotated file; `x.log` itself is the one being written.
    static func isRotated(_ name: String) -> Bool {
        guard let range = name.range(of: ".log."), !name.hasPrefix(".") else { return false }
        return !name[range.upperBound...].isEmpty
    }
}
