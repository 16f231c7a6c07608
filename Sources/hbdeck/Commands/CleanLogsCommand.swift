import ArgumentParser
import Deploy
import Foundation
import HBModel

/// `hbdeck clean-logs`: deletes the log files Hummingbot rotated away, never the ones being written.
struct CleanLogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean-logs",
        abstract: "Delete instances' rotated log files (logs_<name>.log.<date>), never the logs being written.",
        discussion:
            "All instances when none is named. The container logs the engine keeps are rotated by it (10 MB × 5).")
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var location: BotsFolderOptions { fleet.location }
    @Option(help: "Only files last written before this age, such as 3d.") var olderThan: String?
    @Flag(help: "List what would be deleted; delete nothing.") var dryRun = false
    @Argument(help: "Instance names.") var names: [String] = []

    func run() async throws {
        try await audited(
            dryRun ? "clean-logs --dry-run" : "clean-logs", names.isEmpty ? ["all instances"] : names, fleet: fleet
        ) {
            try Fleet.validate(names)
            let (folder, _) = try location.resolve()
            var before: Date?
            if let olderThan {
                guard let time = TimeSpec.parse(olderThan) else {
                    throw CommandFailure("--older-than: \(olderThan) is not an age such as 3d")
                }
                before = Date(timeIntervalSince1970: time)
            }
            let files = RotatedLogs(folder: folder).files(of: names, before: before)
            guard !files.isEmpty else { return StandardOutput.line("no rotated log files to delete") }
            var freed: UInt64 = 0
            for file in files {
                let shown = String(file.path.path.dropFirst(folder.root.path.count + 1))
                if dryRun {
                    StandardOutput.line("would delete \(shown) (\(Formatting.bytes(file.bytes)))", sanitized: true)
                } else {
                    do {
                        try FileManager.default.removeItem(at: file.path)
                        freed += file.bytes
                        StandardOutput.line("deleted \(shown) (\(Formatting.bytes(file.bytes)))", sanitized: true)
                    } catch {
                        StandardOutput.error(
                            "hbdeck: cannot delete \(shown): \((error as NSError).localizedDescription)")
                    }
                }
            }
            if !dryRun {
                StandardOutput.line(
                    "freed \(Formatting.bytes(freed)) in \(files.count) file\(files.count == 1 ? "" : "s")")
            }
        }
    }
}
