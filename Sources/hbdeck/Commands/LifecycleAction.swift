import ArgumentParser
import Docker

/// One of the lifecycle commands applied to each named instance in turn; every outcome is reported.
enum LifecycleAction {
    case start, restart(timeout: Int), remove(force: Bool)

    var pastTense: String {
        switch self {
        case .start: return "started"
        case .restart: return "restarted"
        case .remove: return "removed"
        }
    }

    /// `names` may say `HOST/NAME` where several engines are in use.
    func apply(to names: [String], engine: EngineOptions) async throws {
        try await engine.withEngines(naming: names) { engines in
            let instances = try await engines.locate(names)
            var failures = 0
            for instance in instances {
                do {
                    try await perform(on: instance.summary.id, client: instance.engine.client)
                    StandardOutput.line("\(instance.shown): \(pastTense)")
                } catch {
                    failures += 1
                    StandardOutput.error("hbdeck: \(instance.shown): \(describe(error))")
                }
            }
            if failures > 0 { throw ExitCode.failure }
        }
    }

    private func perform(on id: String, client: DockerClient) async throws {
        switch self {
        case .start: try await client.startContainer(id)
        case .restart(let timeout): try await client.restartContainer(id, timeout: timeout)
        case .remove(let force): try await client.removeContainer(id, force: force)
        }
    }
}
