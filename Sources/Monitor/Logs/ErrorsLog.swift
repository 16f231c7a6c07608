import Foundation

/// Hummingbot writes the bot's stderr to `logs/errors.log` in the instance folder, not to the
/// container log: a wrong password exits 0 with only "Invalid password." there.
enum ErrorsLog {
    /// The last `count` non-empty lines of `errors.log` in an instance's logs folder (the host side of
    /// its `/home/hummingbot/logs` mount), reading at most the file's last 64 KiB.
    static func tail(inLogsFolder folder: String, count: Int) -> [String] {
        guard let handle = FileHandle(forReadingAtPath: folder + "/errors.log") else { return [] }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let start = size > 65_536 ? size - 65_536 : 0
        try? handle.seek(toOffset: start)
        let data = (try? handle.readToEnd()) ?? Data()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map { String($0) }.filter {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }
        return Array(lines.suffix(count))
    }

    /// The line that best says why the bot ended: the last one, which for a traceback is the exception.
    static func lastLine(inLogsFolder folder: String) -> String? {
        tail(inLogsFolder: folder, count: 1).first.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
