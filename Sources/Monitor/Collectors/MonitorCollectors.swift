/// Where the monitor's figures come from, one small protocol each; tests give their own.
struct MonitorCollectors: Sendable {
    /// Nil when the engine is not on this machine: its figures then come from `engineStats` alone.
    var cgroups: (any ResourceCollector)?
    var engineStats: any ResourceCollector
    var statusFiles: any StatusFileCollector
    /// Nil when the bots' folders are not on this machine.
    var botFiles: (any BotFilesCollector)?
    var disk: (any DiskCollector)?

    /// The real ones for `config`: what is read from this machine's files only when the engine is local.
    static func standard(for config: MonitorConfig) -> MonitorCollectors {
        let local = config.endpoint.isLocalSocket
        return MonitorCollectors(
            cgroups: local ? CgroupCollector() : nil, engineStats: EngineStatsCollector(),
            statusFiles: StatusFiles(local: local), botFiles: local ? LocalBotFiles() : nil,
            disk: local && config.diskQuota != nil && config.botsFolder != nil ? InstanceDiskUsage() : nil)
    }
}
