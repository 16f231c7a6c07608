import Docker
import Foundation
import HBTestSupport
import Testing

@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"), .serialized)
struct StreamingTests {
    /// Follows a log while the container prints its clock every 200 ms: each line must arrive within 1 s.
    @Test func followDeliversNewLinesWithinASecondAndKeepsStreamsApart() async throws {
        let client = try await TestEngine.client()
        let script = "for i in $(seq 1 15); do echo \"tick $(date +%s.%N)\"; echo \"warn $i\" >&2; sleep 0.2; done"
        try await TestEngine.withContainer(client, "follow", TestEngine.spec(["bash", "-c", script])) { id in
            var latencies: [Double] = []
            var stderrText = ""
            var splitter = LineSplitter()
            for try await chunk in try await client.logs(id, options: LogOptions(follow: true)) {
                if chunk.source == .stderr {
                    stderrText += String(decoding: chunk.bytes, as: UTF8.self)
                    continue
                }
                let now = Date().timeIntervalSince1970
                for line in splitter.feed(chunk.bytes) {
                    let text = String(decoding: line, as: UTF8.self)
                    #expect(text.hasPrefix("tick "), "stdout carried \(text)")
                    if let sent = Double(text.dropFirst(5)) { latencies.append(now - sent) }
                }
            }
            // The stream ends by itself when the container exits.
            #expect(latencies.count == 15)
            #expect(latencies.allSatisfy { $0 < 1.0 }, "latencies \(latencies)")
            #expect(stderrText.split(separator: "\n").count == 15)
            #expect(!stderrText.contains("tick"))
        }
        await client.close()
    }

    /// Reads a finished container's whole log as lines of bytes.
    private func lines(of id: String, client: DockerClient) async throws -> [[UInt8]] {
        _ = try await client.waitContainer(id, timeout: 30)
        var splitter = LineSplitter()
        var lines: [[UInt8]] = []
        for try await chunk in try await client.logs(id, options: LogOptions()) {
            #expect(chunk.source == .stdout)
            lines += splitter.feed(chunk.bytes)
        }
        return lines + splitter.flush()
    }

    @Test func aOneMebibyteLineComesThroughWhole() async throws {
        let client = try await TestEngine.client()
        let script = "import sys\nsys.stdout.write('a' * 1048576 + '\\n')\nsys.stdout.write('after\\n')"
        // json-file, as Hummingbot's deploy tooling uses: the engine stores the line in 16 KiB pieces.
        let spec = TestEngine.spec(["python3", "-c", script], logDriver: .hummingbotDefault)
        let lines = try await TestEngine.withContainer(client, "big", spec) {
            try await self.lines(of: $0, client: client)
        }
        #expect(lines.count == 2)
        #expect(lines.first?.count == 1_048_576)
        #expect(lines.first?.allSatisfy { $0 == UInt8(ascii: "a") } == true)
        #expect(lines.last.map { String(decoding: $0, as: UTF8.self) } == "after")
        await client.close()
    }

    @Test func binaryBytesComeThroughExactly() async throws {
        let client = try await TestEngine.client()
        let script =
            "import sys\nsys.stdout.buffer.write(bytes([0, 1, 2, 0xff, 0xfe, 0x80, 10]))\nsys.stdout.buffer.write(b'after\\n')"
        // The local log driver keeps bytes exactly; json-file would turn invalid UTF-8 into U+FFFD.
        let spec = TestEngine.spec(["python3", "-c", script], logDriver: LogConfig(type: "local"))
        let lines = try await TestEngine.withContainer(client, "bin", spec) {
            try await self.lines(of: $0, client: client)
        }
        #expect(lines == [[0, 1, 2, 0xFF, 0xFE, 0x80], Array("after".utf8)])
        await client.close()
    }

    @Test func ttyContainersStreamRaw() async throws {
        let client = try await TestEngine.client()
        let spec = TestEngine.spec(["bash", "-c", "echo to-out; echo to-err >&2"], tty: true)
        try await TestEngine.withContainer(client, "tty", spec) { id in
            _ = try await client.waitContainer(id, timeout: 20)
            var text = ""
            for try await chunk in try await client.logs(id, options: LogOptions()) {
                #expect(chunk.source == .tty)
                text += String(decoding: chunk.bytes, as: UTF8.self)
            }
            #expect(text.contains("to-out\r\n") && text.contains("to-err\r\n"))
        }
        await client.close()
    }

    @Test func tailSinceAndTimestamps() async throws {
        let client = try await TestEngine.client()
        try await TestEngine.withContainer(
            client, "tail", TestEngine.spec(["bash", "-c", "for i in 1 2 3 4 5; do echo line$i; done"])
        ) { id in
            _ = try await client.waitContainer(id, timeout: 20)
            var text = ""
            for try await chunk in try await client.logs(id, options: LogOptions(tail: 2, timestamps: true)) {
                text += String(decoding: chunk.bytes, as: UTF8.self)
            }
            let lines = text.split(separator: "\n")
            #expect(lines.count == 2)
            #expect(lines.last?.hasSuffix(" line5") == true)
            #expect(lines.first?.first?.isNumber == true, "timestamps lead each line: \(lines)")
            var none = ""
            for try await chunk in try await client.logs(
                id, options: LogOptions(since: Date().timeIntervalSince1970 + 60))
            {
                none += String(decoding: chunk.bytes, as: UTF8.self)
            }
            #expect(none.isEmpty)
        }
        await client.close()
    }

    @Test func cancellingAFollowEndsItPromptly() async throws {
        let client = try await TestEngine.client()
        try await TestEngine.withContainer(client, "cancel", TestEngine.spec(["sleep", "600"])) { id in
            let stream = try await client.logs(id, options: LogOptions(follow: true))
            let reader = Task {
                var count = 0
                for try await _ in stream { count += 1 }
                return count
            }
            try await Task.sleep(nanoseconds: 300_000_000)
            reader.cancel()
            _ = try? await reader.value
            // The client still works afterwards: the connection was released.
            #expect(try await client.inspectContainer(id).state.running)
        }
        await client.close()
    }

    @Test func eventsArriveInOrder() async throws {
        let client = try await TestEngine.client()
        let name = TestEngine.uniqueName("events")
        let stream = try await client.events(filters: DockerFilters().type("container").name(name))
        let collected = Task {
            var actions: [String] = []
            for try await event in stream {
                guard event.name == name else { continue }
                actions.append(event.action)
                if event.action == "destroy" { break }
            }
            return actions
        }
        let id = try await client.createContainer(name: name, spec: TestEngine.spec(["sh", "-c", "exit 0"]))
        try await client.startContainer(id)
        _ = try await client.waitContainer(id, timeout: 20)
        try await client.removeContainer(id)
        let timeout = Task {
            try await Task.sleep(nanoseconds: 10_000_000_000)
            collected.cancel()
        }
        let actions = try await collected.value
        timeout.cancel()
        #expect(actions == ["create", "start", "die", "destroy"])
        await client.close()
    }

    @Test func statsOfAContainerWithA64MiBLimitMatchDockerStats() async throws {
        let client = try await TestEngine.client()
        let hold = "b = b'x' * (24 << 20)\nimport time\ntime.sleep(600)"
        let spec = TestEngine.spec(["python3", "-c", hold], memory: 64 << 20)
        try await TestEngine.withContainer(client, "stats", spec) { id in
            // Ready when the process holds its memory.
            #expect(
                try await eventually(within: 60) {
                    ResourceUsage(try await client.stats(id)).memoryUsed ?? 0 > 24 << 20
                })
            let usage = ResourceUsage(try await client.stats(id))
            #expect(usage.memoryLimit == 64 << 20)
            #expect(usage.pids == 1)
            #expect(usage.cpuPercent != nil)

            let cli = try TestEngine.docker(["stats", "--no-stream", "--format", "{{.MemUsage}}", id])
            let used = try #require(
                cli.split(separator: "/").first.flatMap { parseDockerSize(String($0)) }, "docker stats printed \(cli)")
            let ours = Double(try #require(usage.memoryUsed))
            #expect(abs(ours - used) / used < 0.05, "ours \(ours), docker stats \(used)")
            #expect(ours > 24 * 1024 * 1024)

            var samples = 0
            for try await sample in try await client.statsStream(id) {
                #expect(ResourceUsage(sample).memoryLimit == 64 << 20)
                samples += 1
                if samples == 2 { break }
            }
            #expect(samples == 2)
        }
        await client.close()
    }
}

/// Reads `23.28MiB`, `1.2GiB`, `512KiB`, `800B` as `docker stats` prints them.
func parseDockerSize(_ text: String) -> Double? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let units: [(String, Double)] = [
        ("GiB", 1_073_741_824), ("MiB", 1_048_576), ("KiB", 1024), ("kB", 1000), ("MB", 1e6), ("GB", 1e9), ("B", 1),
    ]
    for (suffix, scale) in units where trimmed.hasSuffix(suffix) {
        return Double(trimmed.dropLast(suffix.count)).map { $0 * scale }
    }
    return nil
}
