import BackendAPI
import Console
import Monitor
import Operations

/// The actions on bots of a hummingbot-api fleet: the same keys, through the API's endpoints.
extension ConsoleLoop {
    /// Starts `command` through the API when it names a bot of an API fleet; nil when it does not.
    func launchOnAPI(_ command: ConsoleCommand) -> Bool? {
        switch command {
        case .start(let name):
            return onAPI(name, "start") { actions, bot, progress in try await actions.start(bot, progress: progress) }
        case .stop(let name, let keepOrders):
            return onAPI(name, "stop") { actions, bot, progress in
                try await actions.stop(bot, keepOrders: keepOrders, progress: progress).text
            }
        case .restart(let name):
            return onAPI(name, "restart") { actions, bot, progress in
                try await actions.restart(bot, progress: progress)
            }
        case .delete(let name, let keepOrders):
            return onAPI(name, "archive") { actions, bot, progress in
                try await actions.archive(bot, keepOrders: keepOrders, progress: progress)
            }
        default:
            return nil
        }
    }

    /// Runs `work` on the API holding `name`, with its own name for the bot; the row reads Stopping meanwhile
    /// for the actions that stop it, and the API is read again once it is done.
    private func onAPI(
        _ name: String, _ action: String,
        _ work: @escaping @Sendable (APIActions, String, @escaping @Sendable (String) -> Void) async throws -> String
    ) -> Bool? {
        guard fleet.route(name) == nil, let route = fleet.apiRoute(name) else { return nil }
        let prefix = fleet.hasSeveralHosts ? "\(route.host): " : ""
        let watcher = route.watcher
        let bot = route.name
        act(action, name) { progress in
            do {
                return try await prefix
                    + watcher.perform(on: bot, marker: action == "start" ? nil : "\(action) under way through the API")
                {
                    try await work($0, bot) { progress(prefix + $0) }
                }
            } catch let refused as ActionRefused {
                return prefix + refused.description
            } catch {
                return prefix + "\(bot): \(action) failed: \(describe(error))"
            }
        }
        return true
    }
}
