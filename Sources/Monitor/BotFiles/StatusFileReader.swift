import BotLink
import Deploy
import Docker
import Foundation
import HBModel

/// Reads what a bot run by the client's `hbot` CLI writes in `data/bot/`: straight from this machine where the
/// container's data folder is bound from it (a local engine), else through the engine's archive endpoint.
/// Bounded either way: a status file is small, and a bot could write anything there.
enum StatusFileReader {
    struct Reading: Sendable, Equatable {
        var status: BotStatusFile?
        var meta: BotMetaFile?
        /// The file's modification time by this machine's kernel, when read locally: the bot cannot fake it.
        var writtenAt: Double?
        /// ERROR and CRITICAL records in the last 600 lines of the bot's log, as `hbot status` counts them
        /// (read locally only), with the log's size and time they were counted at.
        var recentErrors: Int?
        var logStamp: [Double] = []
        /// Its files that are there but were not read (a link, a FIFO), with the reason.
        var unreadable: [String] = []
    }

    /// How many of the log's last lines `hbot status` looks at for errors.
    static let errorWindow = 600

    static let dataFolder = "/home/hummingbot/data"
    static let maxBytes = 256 << 10
    /// A status file this much older than now, while the container runs, means the bot has stopped working.
    static let staleAfter = 15.0

    static func read(_ details: ContainerDetails, local: Bool, client: any FleetEngine, previous: Reading? = nil) async
        -> Reading
    {
        if local, let mount = details.mounts.first(where: { $0.destination == dataFolder }), !mount.source.isEmpty {
            let status = BotFile.contents("bot/status.json", beneath: mount.source, maxBytes: maxBytes)
            let meta = BotFile.contents("bot/meta.json", beneath: mount.source, maxBytes: maxBytes)
            var reading = Reading(
                status: status.map { BotStatusFile(bytes: $0.bytes) } ?? nil,
                meta: meta.flatMap { BotMetaFile(bytes: $0.bytes) },
                writtenAt: status?.modified)
            reading.unreadable = ["bot/status.json", "bot/meta.json"].compactMap { file in
                BotFile.unreadableReason(file, beneath: mount.source).map { "data/\(file): \($0)" }
            }
            if let name = reading.meta?.name, InstanceFolderBuilder.isPlainFileName(name),
                let logs = details.mounts.first(where: { $0.destination == "/home/hummingbot/logs" })?.source,
                !logs.isEmpty
            {
                countErrors(in: "logs_\(name).log", beneath: logs, into: &reading, previous: previous)
            }
            return reading
        }
        let status = try? await client.tailOfFile(
            details.id, path: dataFolder + "/bot/status.json", maxBytes: maxBytes, readLimit: maxBytes * 4)
        let meta = try? await client.tailOfFile(
            details.id, path: dataFolder + "/bot/meta.json", maxBytes: maxBytes, readLimit: maxBytes * 4)
        return Reading(
            status: (status ?? nil).flatMap { BotStatusFile(bytes: $0) },
            meta: (meta ?? nil).flatMap { BotMetaFile(bytes: $0) })
    }

    /// Counts again only when the log changed since the last count.
    static func countErrors(in file: String, beneath logs: String, into reading: inout Reading, previous: Reading?) {
        guard let stamp = BotFile.stamp(file, beneath: logs) else { return }
        reading.logStamp = stamp
        if let previous, previous.logStamp == stamp, let count = previous.recentErrors {
            reading.recentErrors = count
            return
        }
        guard case .success(let tail) = BotFile.tail(file, beneath: logs, maxBytes: maxBytes) else { return }
        reading.recentErrors = recentErrors(in: tail.data)
    }

    /// ERROR and CRITICAL records among the last `errorWindow` lines, as the client's `hbot status` counts.
    static func recentErrors(in tail: Data) -> Int {
        let lines = tail.split(separator: UInt8(ascii: "\n")).suffix(errorWindow)
        let error = Array(" - ERROR - ".utf8)
        let critical = Array(" - CRITICAL - ".utf8)
        return lines.filter { line in
            let bytes = Array(line)
            return bytes.firstRange(of: error) != nil || bytes.firstRange(of: critical) != nil
        }.count
    }
}
