import Console
import Deploy
import Docker
import Foundation
import Monitor
import Operations

extension ConsoleLoop {
    /// Creates the broker the config describes; returns the result line.
    func createBroker(progress: @escaping RunningActions.Step) async -> String {
        guard let plan = brokerPlan else { return "no broker is described in the config" }
        do {
            let engine = try await DockerClient.connect(to: monitor.config.endpoint, timeout: 10)
            defer { Task { await engine.close() } }
            switch try await BrokerMaker(client: engine).create(plan, progress: progress) {
            case .created:
                return "created and started the broker \(plan.name) (\(plan.image), \(plan.bind):\(plan.port))"
            case .exists(let state): return "\(plan.name) already exists (\(state)): nothing changed"
            }
        } catch {
            return "broker create failed: \(describe(error))"
        }
    }
}
