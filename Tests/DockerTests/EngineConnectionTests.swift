import Docker
import Foundation
import HBTestSupport
import Testing

@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"))
struct EngineConnectionTests {
    @Test func workBesideTheVersionProbeSpeaksTheOldestSupportedAPI() async throws {
        let endpoint = try DockerEndpoint(parsing: try #require(TestEngine.host))
        let setup = try await TestEngine.client()
        defer { Task { await setup.close() } }
        try await TestEngine.withContainer(setup, "early", TestEngine.spec(["true"]), start: false) { id in
            let (client, early) = try await DockerClient.connect(to: endpoint) { oldest in
                (oldest.apiVersion, try await oldest.listContainers(all: true))
            }
            defer { Task { await client.close() } }
            #expect(early.0 == .minimum)
            #expect(client.apiVersion >= .minimum)
            #expect(early.1.contains { $0.id == id }, "the early list is this engine's list")
        }
    }

    @Test func aFailureBesideTheProbeFailsTheConnection() async throws {
        let endpoint = try DockerEndpoint(parsing: try #require(TestEngine.host))
        await #expect {
            _ = try await DockerClient.connect(to: endpoint) { oldest in
                try await oldest.inspectContainer("hbdeck-no-such-container")
            }
        } throws: { error in
            guard case DockerError.notFound = error else { return false }
            return true
        }
    }
}
