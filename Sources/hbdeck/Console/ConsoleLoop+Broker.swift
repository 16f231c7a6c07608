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
        guard let monitor else { return "broker create: this console watches hummingbot-api only" }
        do {
            let engine = try await DockerClient.connect(to: monitor.config.endpoint, timeout: 10)
            defer { Task { await engine.close() } }
            return try await BrokerControl.create(plan, client: engine, progress: progress)
        } catch {
            return "broker create failed: \(describe(error))"
        }
    }
}
