import BackendAPI
import Monitor

extension APIFleetWatcher {
    /// Runs `work` on `name` through the API under the rule of one action at a time per bot (`beginAction`), its
    /// row reading Stopping with `marker` meanwhile (nil: unchanged), and reads the API again once it is done.
    /// Throws `ActionRefused` when another action holds the bot, else what `work` throws.
    public nonisolated func perform<T: Sendable>(
        on name: String, marker: String?, _ work: @Sendable (APIActions) async throws -> T
    ) async throws -> T {
        try await beginAction(on: name, marker).get()
        do {
            let result = try await work(APIActions(api: api))
            await finished(name)
            return result
        } catch {
            await finished(name)
            throw error
        }
    }
}
