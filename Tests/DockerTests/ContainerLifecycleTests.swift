import Docker
import Foundation
import HBModel
import HBTestSupport
import Testing

@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"), .serialized)
struct ContainerLifecycleTests {
    @Test func createStartRestartStopRemove() async throws {
        let client = try await TestEngine.client()
        let name = TestEngine.uniqueName("life")
        var spec = TestEngine.spec(["sleep", "600"])
        spec.env = ["CONFIG_PASSWORD=s3cret", "SCRIPT_CONFIG=v2.yml"]
        spec.labels?[HBLabels.role] = HBLabels.botRole
        spec.hostConfig?.memory = 96 << 20
        spec.hostConfig?.nanoCpus = 500_000_000
        spec.hostConfig?.pidsLimit = 64
        spec.hostConfig?.restartPolicy = .onFailure(maxRetries: 3)
        spec.hostConfig?.logConfig = .hummingbotDefault
        let id = try await client.createContainer(name: name, spec: spec)

        let created = try await client.inspectContainer(name)
        #expect(created.id == id)
        #expect(created.name == name)
        #expect(created.state.status == "created")
        #expect(created.hostConfig.memory == 96 << 20)
        #expect(created.hostConfig.nanoCpus == 500_000_000)
        #expect(created.hostConfig.pidsLimit == 64)
        #expect(created.hostConfig.restartPolicy == .onFailure(maxRetries: 3))
        #expect(created.hostConfig.logConfig == .hummingbotDefault)
        #expect(created.config.env.contains("SCRIPT_CONFIG=v2.yml"))
        #expect(created.config.labels[HBLabels.role] == "bot")

        try await client.startContainer(id)
        try await client.startContainer(id)  // already running: not an error
        let running = try await client.inspectContainer(id)
        #expect(running.state.running)

        try await client.restartContainer(id, timeout: 1)
        let restarted = try await client.inspectContainer(id)
        #expect(restarted.state.running)
        #expect(restarted.state.startedAt != running.state.startedAt)

        // sleep as PID 1 ignores SIGTERM, as Hummingbot's bash does: the engine kills it after the timeout.
        try await client.stopContainer(id, timeout: 1)
        let stopped = try await client.inspectContainer(id)
        #expect(!stopped.state.running)
        #expect(stopped.state.exitCode == 137)
        try await client.stopContainer(id, timeout: 1)  // already stopped: not an error

        let listed = try await client.listContainers(
            all: true, filters: DockerFilters().label(HBLabels.role, "bot").name(name))
        #expect(listed.map(\.id) == [id])
        #expect(listed.first?.state == "exited")

        try await client.removeContainer(id)
        await #expect(throws: DockerError.self) { try await client.inspectContainer(id) }
        await client.close()
    }

    /// `exec` runs a command in a running container to its end: both outputs apart, its exit code, its
    /// environment; a stopped container is refused.
    @Test func execRunsACommandInARunningContainer() async throws {
        let client = try await TestEngine.client()
        let name = TestEngine.uniqueName("exec")
        let id = try await client.createContainer(name: name, spec: TestEngine.spec(["sleep", "600"]))
        try await client.startContainer(id)
        let result = try await client.exec(
            name, command: ["sh", "-c", "echo out $GREETING; echo err >&2; exit 3"], environment: ["GREETING=hi"])
        #expect(result == ExecResult(exitCode: 3, stdout: "out hi\n", stderr: "err\n"))
        let big = try await client.exec(name, command: ["sh", "-c", "head -c 300000 /dev/zero"], maxBytes: 1000)
        #expect(big.stdout.utf8.count == 1000 && big.truncated && big.exitCode == 0)
        try await client.killContainer(id)
        await #expect(throws: DockerError.self) { try await client.exec(name, command: ["true"]) }
        try await client.removeContainer(id, force: true)
        await client.close()
    }

    @Test func waitReportsTheExitCode() async throws {
        let client = try await TestEngine.client()
        let code = try await TestEngine.withContainer(client, "wait", TestEngine.spec(["sh", "-c", "exit 3"])) { id in
            try await client.waitContainer(id, timeout: 20).statusCode
        }
        #expect(code == 3)
        await client.close()
    }

    @Test func killAndPause() async throws {
        let client = try await TestEngine.client()
        try await TestEngine.withContainer(client, "kill", TestEngine.spec(["sleep", "600"])) { id in
            try await client.pauseContainer(id)
            #expect(try await client.inspectContainer(id).state.paused)
            try await client.unpauseContainer(id)
            try await client.killContainer(id)
            _ = try await client.waitContainer(id, timeout: 20)
            #expect(try await client.inspectContainer(id).state.running == false)
        }
        await client.close()
    }

    @Test func unknownContainersAreNotFound() async throws {
        let client = try await TestEngine.client()
        await #expect {
            try await client.inspectContainer("hbt-does-not-exist")
        } throws: { error in
            guard case DockerError.notFound(let message) = error else { return false }
            return message.contains("hbt-does-not-exist")
        }
        await #expect {
            try await client.startContainer("hbt-does-not-exist")
        } throws: { error in
            if case DockerError.notFound = error { return true }
            return false
        }
        await client.close()
    }

    @Test func conflictsAreTyped() async throws {
        let client = try await TestEngine.client()
        try await TestEngine.withContainer(client, "conflict", TestEngine.spec(["sleep", "600"])) { id in
            let name = try await client.inspectContainer(id).name
            await #expect {
                _ = try await client.createContainer(name: name, spec: TestEngine.spec(["true"]))
            } throws: { error in
                if case DockerError.conflict(let message) = error { return message.contains(name) }
                return false
            }
            await #expect {
                try await client.removeContainer(id, force: false)
            } throws: { error in
                if case DockerError.conflict = error { return true }
                return false
            }
        }
        await client.close()
    }

    @Test func listFiltersByLabelNameAndAncestor() async throws {
        let client = try await TestEngine.client()
        let marker = "m\(UInt32.random(in: 0...UInt32.max))"
        var spec = TestEngine.spec(["sleep", "600"])
        spec.labels?["hbdeck.test.marker"] = marker
        try await TestEngine.withContainer(client, "list", spec, start: false) { id in
            let byLabel = try await client.listContainers(filters: DockerFilters().label("hbdeck.test.marker", marker))
            #expect(byLabel.map(\.id) == [id])
            #expect(byLabel.first?.labels["hbdeck.test.marker"] == marker)
            let byAncestor = try await client.listContainers(
                filters: DockerFilters().ancestor(TestEngine.baseImage).label("hbdeck.test.marker", marker))
            #expect(byAncestor.count == 1)
            let runningOnly = try await client.listContainers(
                all: false, filters: DockerFilters().label("hbdeck.test.marker", marker))
            #expect(runningOnly.isEmpty)
        }
        await client.close()
    }

    @Test func imagesAndTheFailedPullOfAMissingImage() async throws {
        let client = try await TestEngine.client()
        let images = try await client.listImages()
        #expect(images.contains { $0.repoTags.contains(TestEngine.botImage) })
        // A registry on this machine's loopback that does not exist: nothing leaves the machine.
        await #expect {
            try await client.pullImage("127.0.0.1:9/hbdeck/missing:latest", timeout: 60)
        } throws: { error in
            guard case DockerError.pullFailed(let image, let message) = error else { return false }
            return image == "127.0.0.1:9/hbdeck/missing:latest" && !message.isEmpty
        }
        await client.close()
    }

    @Test func networksCreateConnectDisconnectRemove() async throws {
        let client = try await TestEngine.client()
        let networkName = TestEngine.uniqueName("net")
        // An internal network has no route off the machine.
        let networkID = try await client.createNetwork(
            name: networkName, isInternal: true, labels: [TestEngine.testLabel: "1"])
        do {
            #expect(try await client.listNetworks().contains { $0.id == networkID && $0.isInternal })
            var spec = TestEngine.spec(["sleep", "600"])
            spec.hostConfig?.networkMode = networkName
            try await TestEngine.withContainer(client, "netc", spec) { id in
                #expect(try await client.inspectNetwork(networkID).containerIDs == [id])
                try await client.disconnect(container: id, fromNetwork: networkID)
                #expect(try await client.inspectNetwork(networkID).containerIDs.isEmpty)
                try await client.connect(container: id, toNetwork: networkID)
                #expect(try await client.inspectNetwork(networkID).containerIDs == [id])
            }
        } catch {
            try? await client.removeNetwork(networkID)
            throw error
        }
        try await client.removeNetwork(networkID)
        #expect(try await client.listNetworks().contains { $0.id == networkID } == false)
        await client.close()
    }

    @Test func anEngineThatIsNotThereFailsFastWithTheEndpoint() async throws {
        await #expect {
            _ = try await DockerClient.connect(to: try DockerEndpoint(parsing: "unix:///tmp/hbdeck-no-engine.sock"))
        } throws: { error in
            guard case DockerError.unreachable(let endpoint, _) = error else { return false }
            return endpoint == "unix:///tmp/hbdeck-no-engine.sock"
        }
    }
}
