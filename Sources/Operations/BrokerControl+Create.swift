import Deploy
import Docker
import Monitor

extension BrokerControl {
    /// Creates and starts the broker `plan` describes; one that exists is left as it is. Refused, with nothing
    /// done, when the plan names a user without a password.
    public static func create(
        _ plan: BrokerPlan, client: DockerClient, progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> String {
        if plan.username != nil, plan.password == nil {
            throw ActionRefused(description: "mqtt_username is set: give its password in HBDECK_MQTT_PASSWORD")
        }
        switch try await BrokerMaker(client: client).create(plan, progress: progress) {
        case .created(let id):
            let reach = "\(plan.bind):\(plan.port)" + (plan.hostNetwork ? " (host network)" : "")
            let clients = plan.username.map { "user \($0) only" } ?? "anonymous clients allowed"
            return "created and started \(plan.name) (\(id.prefix(12))): \(plan.image) on \(reach), \(clients)"
        case .exists(let state):
            return "\(plan.name) already exists (\(state)): nothing changed"
        }
    }
}
