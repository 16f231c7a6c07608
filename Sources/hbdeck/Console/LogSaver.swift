import Foundation
import HBModel

/// Writes the log pane's lines to a file in the current folder and says where.
enum LogSaver {
    static func save(_ lines: [LogLine], name: String) -> String {
        let stamp = Int(Date().timeIntervalSince1970)
        let base = FileManager.default.currentDirectoryPath + "/hbdeck-\(name)-\(stamp)"
        // Two saves in one second keep both files.
        var path = base + ".log"
        var copy = 1
        while FileManager.default.fileExists(atPath: path) {
            copy += 1
            path = base + "-\(copy).log"
        }
        let text =
            lines.map { line in
                let time = line.timestamp.map { Date(timeIntervalSince1970: $0).formatted(.iso8601) + " " } ?? ""
                let level = line.level.map { $0.label + " " } ?? ""
                return time + level + (line.logger.isEmpty ? "" : line.logger + " ") + line.message
            }.joined(separator: "\n") + "\n"
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return "saved \(lines.count) lines of \(name) to \(path)"
        } catch {
            return "could not save the log: \(error.localizedDescription)"
        }
    }
}
