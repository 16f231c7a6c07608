import ArgumentParser
import Docker
import Foundation
import HBModel

/// The engines a command works on, as `FleetOptions` resolved them: an engine address, else contexts, else
/// (both nil) the environment's.
struct EngineOptions {
    var host: String?
    var context: String?
    /// Seconds to wait for each engine call.
    var timeout: Double = 10
    /// Only hummingbot-api is used (`--api` alone, `engine: none`): a command of engines has none to work on.
    var noEngine = false

    /// The engines asked for, each with its name: `--host`, else `--context`, else `DOCKER_HOST`, else the
    /// Docker CLI's current context.
    func targets(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> [DockerContexts.Context] {
        guard !noEngine else {
            throw CommandFailure(
                "this command works on Docker engines, and only hummingbot-api is used here: give --host or --context (with an API, ls, start, stop, restart, rm, logs and hbdeck api work)"
            )
        }
        let contexts = DockerContexts(env: env)
        if let host {
            let endpoint = try DockerEndpoint(parsing: host, tls: try DockerEndpoint.fromEnvironment(env).tls)
            return [DockerContexts.Context(name: endpoint.description, endpoint: endpoint)]
        }
        if let context {
            let names = ConsoleSettings.list(context)
            guard !names.isEmpty else { throw ValidationError("--context needs at least one context name") }
            return try names.map { DockerContexts.Context(name: $0, endpoint: try contexts.endpoint(of: $0)) }
        }
        if let value = env["DOCKER_HOST"], !value.isEmpty {
            return [DockerContexts.Context(name: "default", endpoint: try DockerEndpoint.fromEnvironment(env))]
        }
        let current = contexts.current
        return [DockerContexts.Context(name: current, endpoint: try contexts.endpoint(of: current))]
    }

    func endpoint() throws -> DockerEndpoint {
        let all = try targets()
        guard all.count == 1 else {
            throw CommandFailure(
                "this command works on one engine at a time: choose one with --context NAME (asked for \(all.map(\.name).joined(separator: ", ")))"
            )
        }
        return all[0].endpoint
    }

    /// Connects, runs `body`, closes the connection, and turns any failure into one line on stderr.
    /// Checks `names` before anything is done, then connects and runs `body`.
    func withEngine(naming names: [String] = [], _ body: (DockerClient) async throws -> Void) async throws {
        try await reportingFailures {
            try Fleet.validate(names)
            let client = try await DockerClient.connect(to: try endpoint(), timeout: timeout)
            do {
                try await body(client)
            } catch {
                await client.close()
                throw error
            }
            await client.close()
        }
    }

    /// Connects to every engine asked for at once and runs `body` with those that answered. An engine that
    /// did not answer is named in one line on stderr and the command then ends with status 1. `names`
    /// (`HOST/NAME` or `NAME`) are checked first, before any engine is asked.
    func withEngines(naming names: [String] = [], _ body: (EngineSet) async throws -> Void) async throws {
        try await reportingFailures {
            try Fleet.validate(names.map { QualifiedName($0).name })
            let targets = try targets()
            let timeout = self.timeout
            let attempts = await withTaskGroup(of: (Int, Result<DockerClient, any Error>).self) { group in
                for (index, target) in targets.enumerated() {
                    group.addTask {
                        // The client is awaited into its own constant before the tuple is built. Swift 6.3.1's
                        // optimizer miscompiles a child task's tuple whose first part is known before a suspension
                        // and the rest after it: the part written first is lost (swiftlang/swift#91911, merged and
                        // then reverted by #92155, still open upstream). Here the index read back as garbage and
                        // `targets[index]` trapped (`hbdeck ls` SIGILL in release, never in debug). Reduced, with
                        // `swiftc -O -parse-as-library` it prints `[(0, 0), (0, 10), (0, 20), (0, 30)]`:
                        //
                        //     struct Failed: Error {}
                        //     @inline(never) func later(_ n: Int) async throws -> Int {
                        //         await Task.yield(); if n < 0 { throw Failed() }; return n * 10
                        //     }
                        //     @main struct Main {
                        //         static func main() async {
                        //             let pairs = await withTaskGroup(of: (Int, Int).self) { group in
                        //                 for index in 0..<4 {
                        //                     group.addTask {
                        //                         do { return (index, try await later(index)) } catch { return (index, -1) }
                        //                     }
                        //                 }
                        //                 var all: [(Int, Int)] = []
                        //                 for await pair in group { all.append(pair) }
                        //                 return all.sorted { $0.1 < $1.1 }
                        //             }
                        //             print(pairs)  // -Onone: [(0, 0), (1, 10), (2, 20), (3, 30)]
                        //         }
                        //     }
                        do {
                            let client = try await DockerClient.connect(to: target.endpoint, timeout: timeout)
                            return (index, .success(client))
                        } catch {
                            return (index, .failure(error))
                        }
                    }
                }
                var results: [(Int, Result<DockerClient, any Error>)] = []
                for await result in group { results.append(result) }
                return results.sorted { $0.0 < $1.0 }
            }
            var engines: [ConnectedEngine] = []
            var unreachable = 0
            for (index, attempt) in attempts {
                switch attempt {
                case .success(let client): engines.append(ConnectedEngine(name: targets[index].name, client: client))
                case .failure(let error):
                    unreachable += 1
                    StandardOutput.error(
                        "hbdeck: \(targets.count > 1 ? "engine \(targets[index].name): " : "")\(describe(error))")
                }
            }
            guard !engines.isEmpty else { throw ExitCode.failure }
            do {
                try await body(EngineSet(connected: engines, several: targets.count > 1))
            } catch {
                for engine in engines { await engine.client.close() }
                throw error
            }
            for engine in engines { await engine.client.close() }
            if unreachable > 0 { throw ExitCode.failure }
        }
    }
}
