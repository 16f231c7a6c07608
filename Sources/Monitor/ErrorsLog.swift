import Foundation

/// Hummingbot writes the bot's stderr to `logs/errors.log` in the instance folder, not to the
/// container log: a wrong password exits 0 with only "Invalid password." there.
enum ErrorsLog {
    /// The host path of the instance's `errors.log`, from the container's bind mount of `/home/hummingbot/logs`.
    static func path(mountSource: String?) -> String? {
        mountSource.map { $0 + "/errors.log" }
    }

    /// The last `count` non-empty lines, reading at most the file's last 64 KiB.
    static func tail(_ path: String, count: Int) -> [String] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
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
    static func lastLine(_ path: String) -> String? {
        tail(path, count: 1).first.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
