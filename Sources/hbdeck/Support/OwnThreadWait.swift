import Dispatch
import Synchronization

/// Runs async work from a thread of hbdeck's own (the console's draw thread), which waits for it. Never from a
/// thread of the concurrency pool: that would hold one of its few threads while the work needs one.
func waitingOnOwnThread<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) -> Result<T, any Error> {
    let outcome = Mutex<Result<T, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
        let result: Result<T, any Error>
        do { result = .success(try await work()) } catch { result = .failure(error) }
        outcome.withLock { $0 = result }
        done.signal()
    }
    done.wait()
    return outcome.withLock { $0 }!
}
