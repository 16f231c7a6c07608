/// Runs `transform` over `items` with at most `limit` running at once, so that many containers
/// never mean as many simultaneous calls to the engine. Results come in completion order.
public func concurrentMap<Item: Sendable, Result: Sendable>(
    _ items: [Item], limit: Int, _ transform: @escaping @Sendable (Item) async throws -> Result
) async throws -> [Result] {
    try await withThrowingTaskGroup(of: Result.self) { group in
        var queue = items[...]
        var results: [Result] = []
        results.reserveCapacity(items.count)
        func launch() {
            guard let next = queue.popFirst() else { return }
            group.addTask { try await transform(next) }
        }
        for _ in 0..<max(1, limit) { launch() }
        while let result = try await group.next() {
            results.append(result)
            launch()
        }
        return results
    }
}
