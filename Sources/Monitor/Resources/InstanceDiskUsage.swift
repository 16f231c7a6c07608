import Foundation

/// How much an instance's `data/` and `logs/` take in the bots folder: walked at most once a minute, as a
/// trades database and logs grow slowly and a walk costs more than a glance.
struct InstanceDiskUsage: DiskCollector {
    static let interval = 60.0

    private var measured: [String: (bytes: UInt64, at: Double)] = [:]

    /// The bytes of each named instance's `data/` and `logs/`, walking those not measured within `interval`.
    mutating func usage(of names: [String], in botsFolder: String, now: Double) -> [String: UInt64] {
        var result: [String: UInt64] = [:]
        for name in names {
            if let known = measured[name], now - known.at < Self.interval {
                result[name] = known.bytes
                continue
            }
            let instance = URL(fileURLWithPath: botsFolder).appendingPathComponent("instances/\(name)")
            let bytes =
                Self.size(of: instance.appendingPathComponent("data"))
                + Self.size(of: instance.appendingPathComponent("logs"))
            measured[name] = (bytes, now)
            result[name] = bytes
        }
        measured = measured.filter { names.contains($0.key) }
        return result
    }

    /// The bytes the files under `folder` take on disk; symbolic links are not followed.
    static func size(of folder: URL) -> UInt64 {
        let keys: [URLResourceKey] = [.isRegularFileKey, .totalFileAllocatedSizeKey, .fileSizeKey]
        guard let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys, options: [])
        else { return 0 }
        var total: UInt64 = 0
        for case let url as URL in walk {
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else {
                continue
            }
            total += UInt64(values.totalFileAllocatedSize ?? values.fileSize ?? 0)
        }
        return total
    }
}
