import Docker
import Foundation
import HBModel

/// Hummingbot writes the bot's stderr to `logs/errors.log` in the instance folder, not to the
/// container log: a wrong password exits 0 with only "Invalid password." there.
enum ErrorsLog {
    /// The last `count` non-empty lines of `errors.log` in an instance's logs folder (the host side of
    /// its `/home/hummingbot/logs` mount), reading at most the file's last 64 KiB.
    static func tail(inLogsFolder folder: String, count: Int) -> [String] {
        lines((try? BotFile.tail("errors.log", beneath: folder, maxBytes: 65_536).get())?.data ?? Data(), count: count)
    }

    /// Where `errors.log` is inside a bot's container.
    static let containerPath = "/home/hummingbot/logs/errors.log"

    /// The last `count` lines of the instance's `errors.log`: from its logs folder when that is on this
    /// machine, else through the engine (a remote engine, no bind mount, hbdeck itself in a container).
    static func tail(of details: ContainerDetails, client: any FleetEngine, count: Int) async -> [String] {
        if let folder = SnapshotBuilder.logsFolder(details), FileManager.default.fileExists(atPath: folder) {
            return tail(inLogsFolder: folder, count: count)
        }
        guard
            let bytes = try? await client.tailOfFile(
                details.id, path: containerPath, maxBytes: 65_536, readLimit: 16 << 20)
        else { return [] }
        return lines(bytes, count: count)
    }

    /// What errors.log says about how a bot ended: its last line (for a traceback, the exception) and the
    /// last Python traceback in its tail, whole.
    struct Ending: Sendable, Equatable {
        let lastLine: String?
        let traceback: [String]
    }

    static func ending(of details: ContainerDetails, client: any FleetEngine) async -> Ending {
        ending(of: await tail(of: details, client: client, count: 80))
    }

    static func ending(of lines: [String]) -> Ending {
        Ending(
            lastLine: lines.last.map { $0.trimmingCharacters(in: .whitespaces) }, traceback: lastTraceback(in: lines))
    }

    /// From the last `Traceback (most recent call last):` to the end (a chained exception's earlier
    /// tracebacks left out), at most `limit` lines: the frames nearest the error are kept.
    static func lastTraceback(in lines: [String], limit: Int = 40) -> [String] {
        guard let start = lines.lastIndex(where: { $0.hasPrefix("Traceback (most recent call last):") }) else {
            return []
        }
        let block = Array(lines[start...])
        return block.count <= limit ? block : [block[0], "  …"] + block.suffix(limit - 2)
    }

    private static func lines<Bytes: Sequence<UInt8>>(_ bytes: Bytes, count: Int) -> [String] {
        let lines = String(decoding: Array(bytes), as: UTF8.self).split(separator: "\n").map { String($0) }.filter {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }
        return Array(lines.suffix(count))
    }
}
