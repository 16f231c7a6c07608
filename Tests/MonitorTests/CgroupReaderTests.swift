import Foundation
import HBTestSupport
import Testing

@testable import Docker
@testable import Monitor

/// The console's resource figures come from cgroups; they must match what the engine's own stats say.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"))
struct CgroupReaderTests {
    static let holdMemory = "import time; b = bytearray(48 << 20); b[::4096] = b'x' * len(b[::4096]); time.sleep(600)"

    @Test(arguments: [true, false])
    func figuresMatchTheEnginesStats(keepOpen: Bool) async throws {
        let client = try await TestEngine.client()
        defer { Task { await client.close() } }
        let spec = TestEngine.spec(["python3", "-c", Self.holdMemory], memory: 128 << 20)
        try await TestEngine.withContainer(client, "cgroup", spec) { id in
            let details = try await client.inspectContainer(id)
            let files = try #require(CgroupFiles.locate(pid: details.state.pid, hostNetwork: false, keepOpen: keepOpen))
            // Ready when the process holds its memory.
            #expect(
                try await eventually(within: 60) {
                    CgroupReader.figures(now: try #require(CgroupReader.read(files)), before: nil).memoryUsed ?? 0 > 48
                        << 20
                })
            #expect(files.openCount == (keepOpen ? 6 : 0))
            let first = try #require(CgroupReader.read(files))
            try await Task.sleep(nanoseconds: 500_000_000)
            let second = try #require(CgroupReader.read(files))
            let figures = CgroupReader.figures(now: second, before: first)
            let engine = ResourceUsage(try await client.stats(id))

            #expect(figures.memoryLimit == 128 << 20)
            #expect(figures.memoryLimit == engine.memoryLimit)
            let used = Double(try #require(figures.memoryUsed))
            let engineUsed = Double(try #require(engine.memoryUsed))
            #expect(used > 48 * 1024 * 1024)
            #expect(abs(used - engineUsed) / engineUsed < 0.05, "cgroup \(used) vs engine \(engineUsed)")
            #expect(figures.pids == engine.pids)
            // A sleeping process: well under one percent of a core, and measured, not missing.
            #expect((figures.cpuPercent ?? -1) >= 0)
            #expect((figures.cpuPercent ?? 100) < 5)
            // No network of its own ("none"): loopback is not counted, as docker stats does not count it.
            #expect(figures.networkRx == 0)
            #expect(figures.networkTx == 0)

            try await client.stopContainer(id, timeout: 1)
            #expect(CgroupReader.read(files) == nil)
        }
    }
}
