/// One container's counter files, found once from `/proc/<pid>/cgroup` (v1 or v2) and then read every
/// cycle until the container's main process changes.
final class CgroupFiles {
    static let root = "/sys/fs/cgroup"
    /// At most this many files per container.
    static let fileCount = 6

    let pid: Int
    let memoryUsage: CounterFile
    let memoryLimit: CounterFile
    let memoryStat: CounterFile
    /// The key of `memory.stat` that `docker stats` subtracts from the usage.
    let inactiveFileKey: String
    let cpuUsage: CounterFile
    /// v2's `cpu.stat` counts microseconds under `usage_usec`; v1's `cpuacct.usage` is nanoseconds alone.
    let cpuInMicroseconds: Bool
    let pids: CounterFile?
    /// Nil for a container on the host's network: there is nothing of its own to count.
    let network: CounterFile?

    private init(
        pid: Int, memoryUsage: CounterFile, memoryLimit: CounterFile, memoryStat: CounterFile, inactiveFileKey: String,
        cpuUsage: CounterFile, cpuInMicroseconds: Bool, pids: CounterFile?, network: CounterFile?
    ) {
        self.pid = pid
        self.memoryUsage = memoryUsage
        self.memoryLimit = memoryLimit
        self.memoryStat = memoryStat
        self.inactiveFileKey = inactiveFileKey
        self.cpuUsage = cpuUsage
        self.cpuInMicroseconds = cpuInMicroseconds
        self.pids = pids
        self.network = network
    }

    var openCount: Int {
        [memoryUsage, memoryLimit, memoryStat, cpuUsage, pids, network].compactMap { $0 }.filter(\.isOpen).count
    }

    /// Nil when the process is gone or its cgroup is not readable here (another machine, no permission).
    static func locate(pid: Int, hostNetwork: Bool, keepOpen: Bool) -> CgroupFiles? {
        guard pid > 0, let bytes = KernelFile.bytes("/proc/\(pid)/cgroup") else { return nil }
        var v1: [String: String] = [:]
        var v2Path: String?
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            let parts = line.split(separator: UInt8(ascii: ":"), maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let path = String(decoding: parts[2], as: UTF8.self)
            if parts[0].elementsEqual("0".utf8) && parts[1].isEmpty {
                v2Path = path
            } else {
                for controller in parts[1].split(separator: UInt8(ascii: ",")) {
                    v1[String(decoding: controller, as: UTF8.self)] = path
                }
            }
        }
        let file = { (path: String) in CounterFile(path, keepOpen: keepOpen) }
        let network = hostNetwork ? nil : file("/proc/\(pid)/net/dev")
        if let memory = v1["memory"] {
            let dir = "\(root)/memory\(memory)"
            let cpu = v1["cpuacct"] ?? v1["cpu,cpuacct"] ?? memory
            return CgroupFiles(
                pid: pid, memoryUsage: file("\(dir)/memory.usage_in_bytes"),
                memoryLimit: file("\(dir)/memory.limit_in_bytes"),
                memoryStat: file("\(dir)/memory.stat"), inactiveFileKey: "total_inactive_file",
                cpuUsage: file("\(root)/cpuacct\(cpu)/cpuacct.usage"), cpuInMicroseconds: false,
                pids: v1["pids"].map { file("\(root)/pids\($0)/pids.current") }, network: network)
        }
        guard let path = v2Path else { return nil }
        let dir = "\(root)\(path)"
        return CgroupFiles(
            pid: pid, memoryUsage: file("\(dir)/memory.current"), memoryLimit: file("\(dir)/memory.max"),
            memoryStat: file("\(dir)/memory.stat"), inactiveFileKey: "inactive_file",
            cpuUsage: file("\(dir)/cpu.stat"), cpuInMicroseconds: true, pids: file("\(dir)/pids.current"),
            network: network)
    }
}
