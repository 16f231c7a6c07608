import Foundation
import Testing

@testable import Docker

@Suite struct ResourceUsageTests {
    @Test func computesTheFiguresDockerStatsPrinted() throws {
        // Recorded from the private engine (cgroup v1) while `docker stats` printed 23.28MiB / 64MiB, 36.38 %.
        let sample = try JSONDecoder().decode(StatsSample.self, from: Data(try FixtureFile.bytes("stats-cgroup1.json")))
        let usage = ResourceUsage(sample)
        // Unwrapped first: the address sanitizer caught Swift 6.3.1's thunk for `UInt64? == literal` inside
        // #expect reading 9 bytes from an 8-byte slot (the optional's tag byte), in the test runner only.
        let used = try #require(usage.memoryUsed)
        let limit = try #require(usage.memoryLimit)
        #expect(used == 35_020_800 - 10_608_640)
        #expect(limit == 64 << 20)
        #expect(String(format: "%.2f", usage.memoryPercent ?? 0) == "36.38")
        #expect(usage.cpuPercent == 0)
        #expect(usage.pids == 1)
        #expect(usage.blockRead == 0)
        #expect(usage.networkRx == nil)
    }

    @Test func cpuPercentScalesByOnlineCPUs() throws {
        let json = """
            {"cpu_stats":{"cpu_usage":{"total_usage":300},"system_cpu_usage":2000,"online_cpus":4},
             "precpu_stats":{"cpu_usage":{"total_usage":100},"system_cpu_usage":1000,"online_cpus":4},
             "networks":{"eth0":{"rx_bytes":10,"tx_bytes":20},"eth1":{"rx_bytes":1,"tx_bytes":2}},
             "blkio_stats":{"io_service_bytes_recursive":[{"op":"Read","value":5},{"op":"read","value":6},{"op":"Write","value":7}]},
             "memory_stats":{"usage":1000,"limit":4000,"stats":{"inactive_file":200}}}
            """
        let usage = ResourceUsage(try JSONDecoder().decode(StatsSample.self, from: Data(json.utf8)))
        #expect(usage.cpuPercent == 80)
        #expect(usage.networkRx == 11)
        #expect(usage.networkTx == 22)
        #expect(usage.blockRead == 11)
        #expect(usage.blockWrite == 7)
        #expect(usage.memoryUsed == 800)
        #expect(usage.memoryPercent == 20)
    }

    @Test func aStoppedContainersSampleHasNoFigures() throws {
        let json =
            #"{"read":"0001-01-01T00:00:00Z","cpu_stats":{"cpu_usage":{"total_usage":0},"throttling_data":{}},"precpu_stats":{"cpu_usage":{"total_usage":0}},"memory_stats":{},"pids_stats":{}}"#
        let usage = ResourceUsage(try JSONDecoder().decode(StatsSample.self, from: Data(json.utf8)))
        #expect(usage.cpuPercent == nil)
        #expect(usage.memoryUsed == nil)
        #expect(usage.memoryPercent == nil)
    }
}
